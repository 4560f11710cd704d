# the numeric grid of `powstat sensitivity grid`: labels at 4 digits, the
# largest y on top, axis titles from input_x / input_y
printf 'x,y,value,input_x,input_y,measure\n0.47504501707541447,0.12361938316136789,3.84,soviet-pows-germany,german-pows-ussr,ratio\n0.6349206349206349,0.12361938316136789,5.13,soviet-pows-germany,german-pows-ussr,ratio\n0.47504501707541447,0.3598097704417769,1.32,soviet-pows-germany,german-pows-ussr,ratio\n0.6349206349206349,0.3598097704417769,1.76,soviet-pows-germany,german-pows-ussr,ratio\n' | powstat chart heatmap | sed -n '/^T\[/p;/^\$D/,/^EOD/p'
