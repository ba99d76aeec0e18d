# batchnorm-learning-rates: written by Training Techniques Lab.
# Redraw with `gnuplot batchnorm-learning-rates.gp` from any folder; the data is batchnorm-learning-rates.dat beside it,
# one block per series (select with `index`). Edit freely: it is plain gnuplot.
script_dir = ARG0
n = strlen(script_dir)
while (n > 0 && script_dir[n:n] ne '/') { n = n - 1 }
script_dir = (n > 0) ? script_dir[1:n] : ''
data = script_dir.'batchnorm-learning-rates.dat'
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
if (format eq 'preview') { set output } else { set output script_dir.'batchnorm-learning-rates.'.format.output_suffix }
set multiplot layout 1,2 title 'Learning-rate sweep: 3 epochs, mean over 10 seeds'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'validation accuracy (diverged = 10 %), ±1 std'
set xlabel 'SGD learning rate η (log scale)'
set ylabel 'validation accuracy (%)'
if (format eq 'preview') { set title 'validation accuracy (diverged = 10 %), ±1 std'."\n".'y: validation accuracy (%)'; unset ylabel; unset y2label }
set logscale x
set format x '%g'
set xrange [0.0800000011920929:3.75]
set xtics ('0.1' 0.1, '0.2' 0.2, '0.5' 0.5, '1' 1.0, '1.5' 1.5, '2' 2.0, '3' 3.0)
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
plot data index 0 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#0072B2' notitle, \
     data index 1 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#D55E00' notitle, \
     data index 2 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#0072B2' title 'no BatchNorm', \
     data index 3 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#D55E00' title 'BatchNorm'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'effective step η/‖W‖² per BatchNorm layer'
set xlabel 'SGD learning rate η (log scale)'
set ylabel 'η/‖W‖² (log scale)'
if (format eq 'preview') { set title 'effective step η/‖W‖² per BatchNorm layer'."\n".'y: η/‖W‖² (log scale)'; unset ylabel; unset y2label }
set logscale x
set format x '%g'
set logscale y
set format y '%g'
set xrange [0.0800000011920929:3.75]
set yrange [0.0013551598040937758:0.16197292224235094]
set ytics ('0.002' 0.002, '0.005' 0.005, '0.01' 0.01, '0.02' 0.02, '0.05' 0.05, '0.1' 0.1)
set xtics ('0.1' 0.1, '0.2' 0.2, '0.5' 0.5, '1' 1.0, '1.5' 1.5, '2' 2.0, '3' 3.0)
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
plot data index 4 using 1:2 with lines lw 2 dt 2 lc rgb '#009E73' title 'BatchNorm 1, at the start', \
     data index 5 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#009E73' title 'BatchNorm 1, after 3 epochs', \
     data index 6 using 1:2 with lines lw 2 dt 2 lc rgb '#CC79A7' title 'BatchNorm 2, at the start', \
     data index 7 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#CC79A7' title 'BatchNorm 2, after 3 epochs'
unset multiplot
set output
}
