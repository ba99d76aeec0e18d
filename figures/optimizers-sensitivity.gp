# optimizers-sensitivity: written by Training Techniques Lab.
# Redraw with `gnuplot optimizers-sensitivity.gp` from any folder; the data is optimizers-sensitivity.dat beside it,
# one block per series (select with `index`). Edit freely: it is plain gnuplot.
script_dir = ARG0
n = strlen(script_dir)
while (n > 0 && script_dir[n:n] ne '/') { n = n - 1 }
script_dir = (n > 0) ? script_dir[1:n] : ''
data = script_dir.'optimizers-sensitivity.dat'
if (!exists('output_suffix')) output_suffix = ''
# gnuplot -e "preview='dumb size 120,40'" draws the figure on standard output instead. A text
# terminal draws a band's outline, not its fill, and cannot turn a label or dash a line:
# the preview leaves the bands and the grid out, writes each y label under its panel's
# title, and names the lines told apart only by their dashes in the key.
if (!exists('preview')) preview = ''
do for [format in (preview eq '' ? 'png svg' : 'preview')] {
if (format eq 'png') {
  set terminal pngcairo noenhanced size 880,510 font 'DejaVu Sans,10'
} else {
  if (format eq 'svg') {
    set terminal svg noenhanced size 880,510 font 'DejaVu Sans,10' background '#ffffff'
  } else {
    eval('set terminal '.preview)
  }
}
if (format eq 'preview') { set output } else { set output script_dir.'optimizers-sensitivity.'.format.output_suffix }
set multiplot layout 1,1 title 'Validation accuracy against the learning rate (10000 training images)'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'mean of the last 3 of 10 epochs, ±1 std over seeds; key: the rate each chose'
set xlabel 'learning rate (log scale)'
set ylabel 'validation accuracy (%)'
if (format eq 'preview') { set title 'mean of the last 3 of 10 epochs, ±1 std over seeds; key: the rate each chose'."\n".'y: validation accuracy (%)'; unset ylabel; unset y2label }
set logscale x
set format x '%g'
set yrange [69.82866649999998:86.35599866666666]
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
plot data index 0 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#332288' notitle, \
     data index 1 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#0072B2' notitle, \
     data index 2 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#56B4E9' notitle, \
     data index 3 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#009E73' notitle, \
     data index 4 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#E69F00' notitle, \
     data index 5 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#D55E00' notitle, \
     data index 6 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#CC79A7' notitle, \
     data index 7 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#882255' notitle, \
     data index 8 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#8C510A' notitle, \
     data index 9 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#332288' title 'SGD: chosen 0.05', \
     data index 10 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#0072B2' title 'momentum 0.9: chosen 0.0316', \
     data index 11 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#56B4E9' title 'Nesterov 0.9: chosen 0.0316', \
     data index 12 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#009E73' title 'AdaGrad: chosen 0.0316', \
     data index 13 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#E69F00' title 'RMSprop: chosen 0.000316', \
     data index 14 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#D55E00' title 'Adam: chosen 0.00316', \
     data index 15 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#CC79A7' title 'NAdam: chosen 0.000632', \
     data index 16 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#882255' title 'AdamW (decay 0.01): chosen 0.00316', \
     data index 17 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#8C510A' title 'AdaDelta: chosen 1'
unset multiplot
set output
}
