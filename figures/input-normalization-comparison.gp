# input-normalization-comparison: written by Training Techniques Lab.
# Redraw with `gnuplot input-normalization-comparison.gp` from any folder; the data is input-normalization-comparison.dat beside it,
# one block per series (select with `index`). Edit freely: it is plain gnuplot.
script_dir = ARG0
n = strlen(script_dir)
while (n > 0 && script_dir[n:n] ne '/') { n = n - 1 }
script_dir = (n > 0) ? script_dir[1:n] : ''
data = script_dir.'input-normalization-comparison.dat'
if (!exists('output_suffix')) output_suffix = ''
# gnuplot -e "preview='dumb size 120,40'" draws the figure on standard output instead. A text
# terminal draws a band's outline, not its fill, and cannot turn a label or dash a line:
# the preview leaves the bands and the grid out, writes each y label under its panel's
# title, and names the lines told apart only by their dashes in the key.
if (!exists('preview')) preview = ''
do for [format in (preview eq '' ? 'png svg' : 'preview')] {
if (format eq 'png') {
  set terminal pngcairo noenhanced size 880,1110 font 'DejaVu Sans,10'
} else {
  if (format eq 'svg') {
    set terminal svg noenhanced size 880,1110 font 'DejaVu Sans,10' background '#ffffff'
  } else {
    eval('set terminal '.preview)
  }
}
if (format eq 'preview') { set output } else { set output script_dir.'input-normalization-comparison.'.format.output_suffix }
set multiplot layout 3,1 title 'Paired differences over 10 seeds: mean and 95 % interval'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'validation accuracy (mean of the last 3 of 10 epochs) at the common rate'
set xlabel 'difference in validation accuracy (points)'
set xrange [-3.5753396537132:75.0821327279772]
set yrange [-0.6:0.6]
set lmargin 47.0
set ytics ('scaled to [0, 1] − raw 0–255  +70.48 ± 1.02' 0.0)
set border 3
set tics out nomirror
unset key
plot data index 0 using 1:2 with lines lw 2 dt 2 lc rgb '#000000' notitle, \
     data index 1 using 1:2 with lines lw 2 lc rgb '#0072B2' notitle
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'the same comparison, rows with smaller differences on an x-axis of their own'
set xlabel 'difference in validation accuracy (points)'
set xrange [-0.1568155863813491:3.293127314008331]
set yrange [-0.6:0.6]
set lmargin 47.0
set ytics ('standardized − scaled to [0, 1]  +2.46 ± 0.68' 0.0)
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
plot data index 2 using 1:2 with lines lw 2 dt 2 lc rgb '#000000' notitle, \
     data index 3 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'interval excludes 0'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'test accuracy after 3 epochs, each at its best rate, Holm over the pairs'
set xlabel 'difference in test accuracy (points)'
set xrange [-0.5301053558184308:11.132212472187046]
set yrange [-0.6:2.6]
set lmargin 47.0
set ytics ('standardized − raw 0–255  +7.97 ± 2.63' 2.0, 'standardized − scaled to [0, 1]  +2.42 ± 1.37' 1.0, 'scaled to [0, 1] − raw 0–255  +5.56 ± 2.09' 0.0)
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
plot data index 4 using 1:2 with lines lw 2 dt 2 lc rgb '#000000' notitle, \
     data index 5 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'survives Holm'
unset multiplot
set output
}
