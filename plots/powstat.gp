# powstat.gp -- the shared style of every powstat chart.
#
# The plot module compiles this file into every script it writes, so a script
# never depends on this file at run time (it runs from any directory).  It is
# also usable on its own: `load 'plots/powstat.gp'` before your own plot.
# Only terminal-independent settings belong here: the script chooses the
# terminal, size and font.
#
# Colours: the Okabe-Ito palette (Okabe & Ito 2008, "Color Universal Design"),
# distinguishable with the common forms of colour-vision deficiency and in
# greyscale print by lightness.  Linetypes 1-8 are the palette in this order:
# blue, vermillion, bluish green, orange, reddish purple, sky blue, yellow,
# black.  Markers differ per linetype too, so series stay apart without colour.
set linetype 1 lc rgb '#0072B2' lw 2 pt 7  ps 1.1 dt solid
set linetype 2 lc rgb '#D55E00' lw 2 pt 9  ps 1.2 dt solid
set linetype 3 lc rgb '#009E73' lw 2 pt 5  ps 1.0 dt solid
set linetype 4 lc rgb '#E69F00' lw 2 pt 13 ps 1.2 dt solid
set linetype 5 lc rgb '#CC79A7' lw 2 pt 11 ps 1.2 dt solid
set linetype 6 lc rgb '#56B4E9' lw 2 pt 15 ps 1.1 dt solid
set linetype 7 lc rgb '#F0E442' lw 2 pt 7  ps 1.1 dt solid
set linetype 8 lc rgb '#000000' lw 2 pt 6  ps 1.1 dt solid
set linetype cycle 8

# Neutral greys for reference lines, grids, ranges and notes.
pst_grey_dark  = '#404040'
pst_grey       = '#767676'
pst_grey_light = '#E5E5E5'
pst_range_col  = '#9A9A9A'

# Axes: an open frame (left and bottom), outward ticks, a light grid behind the
# data, no mirrored tics.
set border 3 front lw 1 lc rgb pst_grey_dark
set tics nomirror out scale 0.5 textcolor rgb '#202020'
set grid back lw 1 lc rgb pst_grey_light dt solid
set key noautotitle
set key opaque box lc rgb pst_grey_light samplen 2.5 spacing 1.15 width 1
set style fill solid 0.85 noborder
set style textbox opaque noborder margins 1,1
set datafile separator whitespace
set datafile missing 'NaN'
set clip two
set encoding utf8
