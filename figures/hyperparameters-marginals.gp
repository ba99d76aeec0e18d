# hyperparameters-marginals: written by Training Techniques Lab.
# Redraw with `gnuplot hyperparameters-marginals.gp` from any folder; the data is hyperparameters-marginals.dat beside it,
# one block per series (select with `index`). Edit freely: it is plain gnuplot.
script_dir = ARG0
n = strlen(script_dir)
while (n > 0 && script_dir[n:n] ne '/') { n = n - 1 }
script_dir = (n > 0) ? script_dir[1:n] : ''
data = script_dir.'hyperparameters-marginals.dat'
if (!exists('output_suffix')) output_suffix = ''
# gnuplot -e "preview='dumb size 120,40'" draws the figure on standard output instead. A text
# terminal draws a band's outline, not its fill, and cannot turn a label or dash a line:
# the preview leaves the bands and the grid out, writes each y label under its panel's
# title, and names the lines told apart only by their dashes in the key.
if (!exists('preview')) preview = ''
do for [format in (preview eq '' ? 'png svg' : 'preview')] {
if (format eq 'png') {
  set terminal pngcairo noenhanced size 1440,470 font 'DejaVu Sans,16'
} else {
  if (format eq 'svg') {
    set terminal svg noenhanced size 1440,470 font 'DejaVu Sans,16' background '#ffffff'
  } else {
    eval('set terminal '.preview)
  }
}
if (format eq 'preview') { set output } else { set output script_dir.'hyperparameters-marginals.'.format.output_suffix }
set multiplot layout 1,3 title 'Random search, all 270 trials of 10 searches: validation accuracy against each hyperparameter'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set xlabel 'log₁₀ learning rate'
set ylabel 'validation accuracy (%)'
if (format eq 'preview') { set title 'y: validation accuracy (%)'; unset ylabel; unset y2label }
set xtics 1.0
set yrange [0.0:100.0]
set border 3
set tics out nomirror
unset key
plot data index 0 using 1:2 with points pt 7 ps 0.6 lc rgb '#0072B2' notitle
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set xlabel 'log₂ hidden width'
set ylabel 'validation accuracy (%)'
if (format eq 'preview') { set title 'y: validation accuracy (%)'; unset ylabel; unset y2label }
set xtics 1.0
set yrange [0.0:100.0]
set border 3
set tics out nomirror
unset key
plot data index 1 using 1:2 with points pt 7 ps 0.6 lc rgb '#0072B2' notitle
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set xlabel 'dropout probability'
set ylabel 'validation accuracy (%)'
if (format eq 'preview') { set title 'y: validation accuracy (%)'; unset ylabel; unset y2label }
set yrange [0.0:100.0]
set border 3
set tics out nomirror
unset key
plot data index 2 using 1:2 with points pt 7 ps 0.6 lc rgb '#0072B2' notitle
unset multiplot
set output
}
