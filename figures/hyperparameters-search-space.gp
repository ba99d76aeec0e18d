# hyperparameters-search-space: written by Training Techniques Lab.
# Redraw with `gnuplot hyperparameters-search-space.gp` from any folder; the data is hyperparameters-search-space.dat beside it,
# one block per series (select with `index`). Edit freely: it is plain gnuplot.
script_dir = ARG0
n = strlen(script_dir)
while (n > 0 && script_dir[n:n] ne '/') { n = n - 1 }
script_dir = (n > 0) ? script_dir[1:n] : ''
data = script_dir.'hyperparameters-search-space.dat'
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
if (format eq 'preview') { set output } else { set output script_dir.'hyperparameters-search-space.'.format.output_suffix }
set multiplot layout 1,3 title 'One search of each strategy (the first seed): trials colored by validation accuracy (dropout not shown)'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'grid search'
set xlabel 'log₁₀ learning rate'
set ylabel 'log₂ hidden width'
if (format eq 'preview') { set title 'grid search'."\n".'y: log₂ hidden width'; unset ylabel; unset y2label }
set xrange [-4.6:0.6]
set yrange [3.8:9.2]
set border 3
set tics out nomirror
unset key
set palette defined (0 '#440154', 1 '#3b528b', 2 '#21918c', 3 '#5ec962', 4 '#fde725')
set cblabel 'validation accuracy (%)'
set cbrange [7.999999821186066:74.80000257492065]
plot data index 0 using 1:2:3 with points pt 7 ps 1.4 palette notitle
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'random search'
set xlabel 'log₁₀ learning rate'
set ylabel 'log₂ hidden width'
if (format eq 'preview') { set title 'random search'."\n".'y: log₂ hidden width'; unset ylabel; unset y2label }
set xrange [-4.6:0.6]
set yrange [3.8:9.2]
set border 3
set tics out nomirror
unset key
set palette defined (0 '#440154', 1 '#3b528b', 2 '#21918c', 3 '#5ec962', 4 '#fde725')
set cblabel 'validation accuracy (%)'
set cbrange [7.999999821186066:74.80000257492065]
plot data index 1 using 1:2:3 with points pt 7 ps 1.4 palette notitle
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'Bayesian search'
set xlabel 'log₁₀ learning rate'
set ylabel 'log₂ hidden width'
if (format eq 'preview') { set title 'Bayesian search'."\n".'y: log₂ hidden width'; unset ylabel; unset y2label }
set xrange [-4.6:0.6]
set yrange [3.8:9.2]
set border 3
set tics out nomirror
unset key
set palette defined (0 '#440154', 1 '#3b528b', 2 '#21918c', 3 '#5ec962', 4 '#fde725')
set cblabel 'validation accuracy (%)'
set cbrange [7.999999821186066:74.80000257492065]
plot data index 2 using 1:2:3 with points pt 7 ps 1.4 palette notitle
unset multiplot
set output
}
