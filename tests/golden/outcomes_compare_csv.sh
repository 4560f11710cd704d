powstat outcomes --compare camp048-jan-aug-1945-officers:camp048-jan-aug-1945-privates --format csv
powstat outcomes --compare 3,1,4:1,5,9 --labels a,b,c --format csv
