# optimizers-validation: written by Training Techniques Lab.
# Redraw with `gnuplot optimizers-validation.gp` from any folder; the data is optimizers-validation.dat beside it,
# one block per series (select with `index`). Edit freely: it is plain gnuplot.
script_dir = ARG0
n = strlen(script_dir)
while (n > 0 && script_dir[n:n] ne '/') { n = n - 1 }
script_dir = (n > 0) ? script_dir[1:n] : ''
data = script_dir.'optimizers-validation.dat'
if (!exists('output_suffix')) output_suffix = ''
# gnuplot -e "preview='dumb size 120,40'" draws the figure on standard output instead. A text
# terminal draws a band's outline, not its fill, and cannot turn a label or dash a line:
# the preview leaves the bands and the grid out, writes each y label under its panel's
# title, and names the lines told apart only by their dashes in the key.
if (!exists('preview')) preview = ''
do for [format in (preview eq '' ? 'png svg' : 'preview')] {
if (format eq 'png') {
  set terminal pngcairo noenhanced size 1260,990 font 'DejaVu Sans,14'
} else {
  if (format eq 'svg') {
    set terminal svg noenhanced size 1260,990 font 'DejaVu Sans,14' background '#ffffff'
  } else {
    eval('set terminal '.preview)
  }
}
if (format eq 'preview') { set output } else { set output script_dir.'optimizers-validation.'.format.output_suffix }
set multiplot layout 3,3 title 'Validation accuracy (5000 images) at each chosen rate: mean ± std over 10 seeds; grey: the others'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'SGD, lr 0.05'
set xlabel 'epoch'
set ylabel 'validation accuracy (%)'
if (format eq 'preview') { set title 'SGD, lr 0.05'."\n".'y: validation accuracy (%)'; unset ylabel; unset y2label }
set xtics 1.0
set yrange [64.26068223091903:87.2416075294528]
set border 3
set tics out nomirror
unset key
plot data index 0 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#332288' notitle, \
     data index 1 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 2 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 3 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 4 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 5 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 6 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 7 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 8 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 9 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#332288' title 'SGD'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'momentum 0.9, lr 0.0316'
set xlabel 'epoch'
set ylabel 'validation accuracy (%)'
if (format eq 'preview') { set title 'momentum 0.9, lr 0.0316'."\n".'y: validation accuracy (%)'; unset ylabel; unset y2label }
set xtics 1.0
set yrange [64.26068223091903:87.2416075294528]
set border 3
set tics out nomirror
unset key
plot data index 10 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#0072B2' notitle, \
     data index 11 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 12 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 13 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 14 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 15 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 16 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 17 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 18 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 19 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#0072B2' title 'SGD + momentum 0.9'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'Nesterov 0.9, lr 0.0316'
set xlabel 'epoch'
set ylabel 'validation accuracy (%)'
if (format eq 'preview') { set title 'Nesterov 0.9, lr 0.0316'."\n".'y: validation accuracy (%)'; unset ylabel; unset y2label }
set xtics 1.0
set yrange [64.26068223091903:87.2416075294528]
set border 3
set tics out nomirror
unset key
plot data index 20 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#56B4E9' notitle, \
     data index 21 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 22 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 23 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 24 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 25 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 26 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 27 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 28 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 29 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#56B4E9' title 'Nesterov 0.9'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'AdaGrad, lr 0.0316'
set xlabel 'epoch'
set ylabel 'validation accuracy (%)'
if (format eq 'preview') { set title 'AdaGrad, lr 0.0316'."\n".'y: validation accuracy (%)'; unset ylabel; unset y2label }
set xtics 1.0
set yrange [64.26068223091903:87.2416075294528]
set border 3
set tics out nomirror
unset key
plot data index 30 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#009E73' notitle, \
     data index 31 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 32 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 33 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 34 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 35 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 36 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 37 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 38 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 39 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#009E73' title 'AdaGrad'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'RMSprop, lr 0.000316'
set xlabel 'epoch'
set ylabel 'validation accuracy (%)'
if (format eq 'preview') { set title 'RMSprop, lr 0.000316'."\n".'y: validation accuracy (%)'; unset ylabel; unset y2label }
set xtics 1.0
set yrange [64.26068223091903:87.2416075294528]
set border 3
set tics out nomirror
unset key
plot data index 40 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#E69F00' notitle, \
     data index 41 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 42 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 43 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 44 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 45 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 46 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 47 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 48 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 49 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#E69F00' title 'RMSprop'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'Adam, lr 0.00316'
set xlabel 'epoch'
set ylabel 'validation accuracy (%)'
if (format eq 'preview') { set title 'Adam, lr 0.00316'."\n".'y: validation accuracy (%)'; unset ylabel; unset y2label }
set xtics 1.0
set yrange [64.26068223091903:87.2416075294528]
set border 3
set tics out nomirror
unset key
plot data index 50 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#D55E00' notitle, \
     data index 51 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 52 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 53 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 54 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 55 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 56 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 57 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 58 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 59 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#D55E00' title 'Adam'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'NAdam, lr 0.000632'
set xlabel 'epoch'
set ylabel 'validation accuracy (%)'
if (format eq 'preview') { set title 'NAdam, lr 0.000632'."\n".'y: validation accuracy (%)'; unset ylabel; unset y2label }
set xtics 1.0
set yrange [64.26068223091903:87.2416075294528]
set border 3
set tics out nomirror
unset key
plot data index 60 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#CC79A7' notitle, \
     data index 61 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 62 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 63 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 64 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 65 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 66 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 67 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 68 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 69 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#CC79A7' title 'NAdam'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'AdamW (decay 0.01), lr 0.00316'
set xlabel 'epoch'
set ylabel 'validation accuracy (%)'
if (format eq 'preview') { set title 'AdamW (decay 0.01), lr 0.00316'."\n".'y: validation accuracy (%)'; unset ylabel; unset y2label }
set xtics 1.0
set yrange [64.26068223091903:87.2416075294528]
set border 3
set tics out nomirror
unset key
plot data index 70 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#882255' notitle, \
     data index 71 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 72 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 73 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 74 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 75 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 76 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 77 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 78 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 79 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#882255' title 'AdamW (weight decay 0.01)'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'AdaDelta, lr 1'
set xlabel 'epoch'
set ylabel 'validation accuracy (%)'
if (format eq 'preview') { set title 'AdaDelta, lr 1'."\n".'y: validation accuracy (%)'; unset ylabel; unset y2label }
set xtics 1.0
set yrange [64.26068223091903:87.2416075294528]
set border 3
set tics out nomirror
unset key
plot data index 80 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#8C510A' notitle, \
     data index 81 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 82 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 83 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 84 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 85 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 86 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 87 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 88 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 89 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#8C510A' title 'AdaDelta'
unset multiplot
set output
}
