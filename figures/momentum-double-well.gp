# momentum-double-well: written by Training Techniques Lab.
# Redraw with `gnuplot momentum-double-well.gp` from any folder; the data is momentum-double-well.dat beside it,
# one block per series (select with `index`). Edit freely: it is plain gnuplot.
script_dir = ARG0
n = strlen(script_dir)
while (n > 0 && script_dir[n:n] ne '/') { n = n - 1 }
script_dir = (n > 0) ? script_dir[1:n] : ''
data = script_dir.'momentum-double-well.dat'
if (!exists('output_suffix')) output_suffix = ''
# gnuplot -e "preview='dumb size 120,40'" draws the figure on standard output instead. A text
# terminal draws a band's outline, not its fill, and cannot turn a label or dash a line:
# the preview leaves the bands and the grid out, writes each y label under its panel's
# title, and names the lines told apart only by their dashes in the key.
if (!exists('preview')) preview = ''
do for [format in (preview eq '' ? 'png svg' : 'preview')] {
if (format eq 'png') {
  set terminal pngcairo noenhanced size 1280,490 font 'DejaVu Sans,15'
} else {
  if (format eq 'svg') {
    set terminal svg noenhanced size 1280,490 font 'DejaVu Sans,15' background '#ffffff'
  } else {
    eval('set terminal '.preview)
  }
}
if (format eq 'preview') { set output } else { set output script_dir.'momentum-double-well.'.format.output_suffix }
set multiplot layout 1,2 title 'Momentum carries the weight over a barrier (lr 0.01, from x = 2.0)'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'first 80 steps (GD and momentum 0.5 partly under momentum 0.9)'
set xlabel 'x'
set ylabel 'f(x)'
if (format eq 'preview') { set title 'first 80 steps (GD and momentum 0.5 partly under momentum 0.9)'."\n".'y: f(x)'; unset ylabel; unset y2label }
set xrange [-1.675:2.175]
set yrange [-0.6:10.110000400543212]
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
plot data index 0 using 1:2 with lines lw 2 lc rgb '#888888' title 'f(x) = (x² − 1)² + 0.3x', \
     data index 1 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#0072B2' title 'gradient descent', \
     data index 2 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#E69F00' title 'momentum 0.5', \
     data index 3 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#009E73' title 'momentum 0.9'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'x per step'
set xlabel 'step'
set ylabel 'x'
if (format eq 'preview') { set title 'x per step'."\n".'y: x'; unset ylabel; unset y2label }
set xrange [1.0:301.0]
set yrange [-1.675:2.175]
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
plot data index 4 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'gradient descent', \
     data index 5 using 1:2 with lines lw 2 lc rgb '#E69F00' title 'momentum 0.5', \
     data index 6 using 1:2 with lines lw 2 lc rgb '#009E73' title 'momentum 0.9'
unset multiplot
set output
}
