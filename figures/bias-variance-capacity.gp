# bias-variance-capacity: written by Training Techniques Lab.
# Redraw with `gnuplot bias-variance-capacity.gp` from any folder; the data is bias-variance-capacity.dat beside it,
# one block per series (select with `index`). Edit freely: it is plain gnuplot.
script_dir = ARG0
n = strlen(script_dir)
while (n > 0 && script_dir[n:n] ne '/') { n = n - 1 }
script_dir = (n > 0) ? script_dir[1:n] : ''
data = script_dir.'bias-variance-capacity.dat'
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
if (format eq 'preview') { set output } else { set output script_dir.'bias-variance-capacity.'.format.output_suffix }
set multiplot layout 3,1 title 'Capacity: polynomial fits to 30 noisy points'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'fits of degree 1, 3, 9 to one training set'
set xlabel 'x'
set ylabel 'y'
if (format eq 'preview') { set title 'fits of degree 1, 3, 9 to one training set'."\n".'y: y'; unset ylabel; unset y2label }
set yrange [-2.0:2.0]
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
plot data index 0 using 1:2 with points pt 7 ps 0.6 lc rgb '#000000' title 'training points', \
     data index 1 using 1:2 with lines lw 2 dt 2 lc rgb '#000000' title 'sin(2πx)', \
     data index 2 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'degree 1', \
     data index 3 using 1:2 with lines lw 2 lc rgb '#D55E00' title 'degree 3', \
     data index 4 using 1:2 with lines lw 2 lc rgb '#009E73' title 'degree 9'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'error on this training set and on fresh test data'
set xlabel 'polynomial degree'
set ylabel 'mean squared error'
if (format eq 'preview') { set title 'error on this training set and on fresh test data'."\n".'y: mean squared error'; unset ylabel; unset y2label }
set logscale y
set format y '%g'
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
plot data index 5 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#0072B2' title 'training', \
     data index 6 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#D55E00' title 'test'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'expected test error = bias² + variance + noise (200 training sets)'
set xlabel 'polynomial degree'
set ylabel 'mean squared error'
if (format eq 'preview') { set title 'expected test error = bias² + variance + noise (200 training sets)'."\n".'y: mean squared error'; unset ylabel; unset y2label }
set logscale y
set format y '%g'
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
plot data index 7 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#0072B2' title 'bias² (plug-in)', \
     data index 8 using 1:2 with lines lw 2 dt 2 lc rgb '#0072B2' title 'bias² of the median fit', \
     data index 9 using 1:2 with points pt 7 ps 1.6 lc rgb '#E69F00' title 'variance / 200 (bias² noise)', \
     data index 9 using 1:2 with points pt 6 ps 1.6 lw 1.5 lc rgb '#000000' notitle, \
     data index 10 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#D55E00' title 'variance', \
     data index 11 using 1:2 with lines lw 2 dt 2 lc rgb '#000000' title 'noise σ²', \
     data index 12 using 1:2 with lines lw 2 lc rgb '#009E73' title 'bias² + variance + noise', \
     data index 13 using 1:2 with points pt 7 ps 0.6 lc rgb '#CC79A7' title 'measured expected test error'
unset multiplot
set output
}
