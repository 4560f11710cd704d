powstat paper --list
