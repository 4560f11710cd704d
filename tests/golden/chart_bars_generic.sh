printf "category,series,value,lower,upper\nsoviet-pows,Germany,57.9,57.85,57.93\nsoviet-pows,Finland,29.6,29.3,30.0\ngerman-pows,USSR,12.4,12.3,12.4\n" | powstat chart bars --ylabel "Mortality, %"
