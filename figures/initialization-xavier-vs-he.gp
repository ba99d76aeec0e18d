# initialization-xavier-vs-he: written by Training Techniques Lab.
# Redraw with `gnuplot initialization-xavier-vs-he.gp` from any folder; the data is initialization-xavier-vs-he.dat beside it,
# one block per series (select with `index`). Edit freely: it is plain gnuplot.
script_dir = ARG0
n = strlen(script_dir)
while (n > 0 && script_dir[n:n] ne '/') { n = n - 1 }
script_dir = (n > 0) ? script_dir[1:n] : ''
data = script_dir.'initialization-xavier-vs-he.dat'
if (!exists('output_suffix')) output_suffix = ''
# gnuplot -e "preview='dumb size 120,40'" draws the figure on standard output instead. A text
# terminal draws a band's outline, not its fill, and cannot turn a label or dash a line:
# the preview leaves the bands and the grid out, writes each y label under its panel's
# title, and names the lines told apart only by their dashes in the key.
if (!exists('preview')) preview = ''
do for [format in (preview eq '' ? 'png svg' : 'preview')] {
if (format eq 'png') {
  set terminal pngcairo noenhanced size 880,480 font 'DejaVu Sans,10'
} else {
  if (format eq 'svg') {
    set terminal svg noenhanced size 880,480 font 'DejaVu Sans,10' background '#ffffff'
  } else {
    eval('set terminal '.preview)
  }
}
if (format eq 'preview') { set output } else { set output script_dir.'initialization-xavier-vs-he.'.format.output_suffix }
set multiplot layout 1,1
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'ReLU network at initialization: activation std per hidden layer, measured (dots) and predicted (dashed)'
set xlabel 'hidden layer'
set ylabel 'standard deviation (log scale)'
if (format eq 'preview') { set title 'ReLU network at initialization: activation std per hidden layer, measured (dots) and predicted (dashed)'."\n".'y: standard deviation (log scale)'; unset ylabel; unset y2label }
set logscale y
set format y '%g'
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
plot data index 0 using 1:2 with points pt 7 ps 1.6 lc rgb '#0072B2' title 'Xavier normal: measured', \
     data index 0 using 1:2 with points pt 6 ps 1.6 lw 1.5 lc rgb '#000000' notitle, \
     data index 1 using 1:2 with lines lw 2 dt 2 lc rgb '#0072B2' title 'predicted for Xavier: ×0.707 per layer', \
     data index 2 using 1:2 with points pt 7 ps 1.6 lc rgb '#CC79A7' title 'He normal: measured', \
     data index 2 using 1:2 with points pt 6 ps 1.6 lw 1.5 lc rgb '#000000' notitle, \
     data index 3 using 1:2 with lines lw 2 dt 2 lc rgb '#CC79A7' title 'predicted for He: ×1.000 per layer', \
     data index 4 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#009E73' title 'PyTorch default: std', \
     data index 5 using 1:2 with points pt 7 ps 1.6 lc rgb '#009E73' title 'PyTorch default: spread over the batch', \
     data index 5 using 1:2 with points pt 6 ps 1.6 lw 1.5 lc rgb '#000000' notitle, \
     data index 6 using 1:2 with lines lw 2 dt 2 lc rgb '#009E73' title 'predicted for the default''s spread: ×0.408 per layer'
unset multiplot
set output
}
