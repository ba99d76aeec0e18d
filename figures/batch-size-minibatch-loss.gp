# batch-size-minibatch-loss: written by Training Techniques Lab.
# Redraw with `gnuplot batch-size-minibatch-loss.gp` from any folder; the data is batch-size-minibatch-loss.dat beside it,
# one block per series (select with `index`). Edit freely: it is plain gnuplot.
script_dir = ARG0
n = strlen(script_dir)
while (n > 0 && script_dir[n:n] ne '/') { n = n - 1 }
script_dir = (n > 0) ? script_dir[1:n] : ''
data = script_dir.'batch-size-minibatch-loss.dat'
if (!exists('output_suffix')) output_suffix = ''
do for [format in 'png svg'] {
if (format eq 'png') {
  set terminal pngcairo noenhanced size 1280,470 font 'DejaVu Sans,10'
} else {
  set terminal svg noenhanced size 1280,470 font 'DejaVu Sans,10' background '#ffffff'
}
set output script_dir.'batch-size-minibatch-loss.'.format.output_suffix
set multiplot layout 1,2 title 'Minibatch loss per iteration, with a running average'
reset
set grid lc rgb '#dddddd'
set title 'batch 64: 843 iterations per epoch, 84300 in all'
set xlabel 'epoch (iteration / 843)'
set ylabel 'minibatch loss'
set logscale y
set format y '%g'
set key top right opaque box lc rgb '#cccccc'
plot data index 0 using 1:2 with lines lw 2 lc rgb '#56B4E9' title 'minibatch loss', \
     data index 1 using 1:2 with lines lw 2 lc rgb '#D55E00' title 'running average over 843 iterations'
reset
set grid lc rgb '#dddddd'
set title 'batch 1024: 52 iterations per epoch, 5200 in all'
set xlabel 'epoch (iteration / 52)'
set ylabel 'minibatch loss'
set logscale y
set format y '%g'
set key top right opaque box lc rgb '#cccccc'
plot data index 2 using 1:2 with lines lw 2 lc rgb '#56B4E9' title 'minibatch loss', \
     data index 3 using 1:2 with lines lw 2 lc rgb '#D55E00' title 'running average over 52 iterations'
unset multiplot
set output
}
