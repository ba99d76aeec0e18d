# hyperparameters-zigzag: written by Training Techniques Lab.
# Redraw with `gnuplot hyperparameters-zigzag.gp` from any folder; the data is hyperparameters-zigzag.dat beside it,
# one block per series (select with `index`). Edit freely: it is plain gnuplot.
script_dir = ARG0
n = strlen(script_dir)
while (n > 0 && script_dir[n:n] ne '/') { n = n - 1 }
script_dir = (n > 0) ? script_dir[1:n] : ''
data = script_dir.'hyperparameters-zigzag.dat'
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
if (format eq 'preview') { set output } else { set output script_dir.'hyperparameters-zigzag.'.format.output_suffix }
set multiplot layout 1,2 title 'One epoch of 784→128→10, SGD lr 0.05: minibatch loss on a shared axis'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'batch 8: 250 steps'
set xlabel 'epoch'
set ylabel 'minibatch loss'
if (format eq 'preview') { set title 'batch 8: 250 steps'."\n".'y: minibatch loss'; unset ylabel; unset y2label }
set xrange [0.0:1.0]
set yrange [0.0:2.406343710422516]
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
plot data index 0 using 1:2 with lines lw 2 lc rgb '#56B4E9' title 'minibatch loss', \
     data index 1 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'mean over the 13 steps centred on each'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'batch 128: 16 steps'
set xlabel 'epoch'
set ylabel 'minibatch loss'
if (format eq 'preview') { set title 'batch 128: 16 steps'."\n".'y: minibatch loss'; unset ylabel; unset y2label }
set xrange [0.0:1.0]
set yrange [0.0:2.406343710422516]
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
plot data index 2 using 1:2 with lines lw 2 lc rgb '#E69F00' title 'minibatch loss', \
     data index 3 using 1:2 with lines lw 2 lc rgb '#8C510A' title 'mean over the 11 steps centred on each'
unset multiplot
set output
}
