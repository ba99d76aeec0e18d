# batch-size-minibatch-loss: written by Training Techniques Lab.
# Redraw with `gnuplot batch-size-minibatch-loss.gp` from any folder; the data is batch-size-minibatch-loss.dat beside it,
# one block per series (select with `index`). Edit freely: it is plain gnuplot.
script_dir = ARG0
n = strlen(script_dir)
while (n > 0 && script_dir[n:n] ne '/') { n = n - 1 }
script_dir = (n > 0) ? script_dir[1:n] : ''
data = script_dir.'batch-size-minibatch-loss.dat'
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
if (format eq 'preview') { set output } else { set output script_dir.'batch-size-minibatch-loss.'.format.output_suffix }
set multiplot layout 1,2 title 'Minibatch loss per iteration (first seed), with a centred running mean; shared y-axis'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'batch 64, lr 0.1: 843 iterations per epoch, mean of 843'
set xlabel 'epoch (iteration / 843)'
set ylabel 'minibatch loss'
if (format eq 'preview') { set title 'batch 64, lr 0.1: 843 iterations per epoch, mean of 843'."\n".'y: minibatch loss'; unset ylabel; unset y2label }
set logscale y
set format y '%g'
set yrange [0.12260570474292921:2.807870256900787]
set ytics ('0.15' 0.15, '0.2' 0.2, '0.3' 0.3, '0.5' 0.5, '0.7' 0.7, '1' 1.0, '1.5' 1.5, '2' 2.0)
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
plot data index 0 using 1:2 with lines lw 2 lc rgb '#56B4E9' title 'minibatch loss', \
     data index 1 using 1:2 with lines lw 2 lc rgb '#D55E00' title 'centred mean (≈ 1 epoch)'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'batch 1024, lr 0.1: 52 iterations per epoch, mean of 53'
set xlabel 'epoch (iteration / 52)'
set ylabel 'minibatch loss'
if (format eq 'preview') { set title 'batch 1024, lr 0.1: 52 iterations per epoch, mean of 53'."\n".'y: minibatch loss'; unset ylabel; unset y2label }
set logscale y
set format y '%g'
set yrange [0.12260570474292921:2.807870256900787]
set ytics ('0.15' 0.15, '0.2' 0.2, '0.3' 0.3, '0.5' 0.5, '0.7' 0.7, '1' 1.0, '1.5' 1.5, '2' 2.0)
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
plot data index 2 using 1:2 with lines lw 2 lc rgb '#56B4E9' title 'minibatch loss', \
     data index 3 using 1:2 with lines lw 2 lc rgb '#D55E00' title 'centred mean (≈ 1 epoch)'
unset multiplot
set output
}
