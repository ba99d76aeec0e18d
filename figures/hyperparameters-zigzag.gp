# hyperparameters-zigzag: written by Training Techniques Lab.
# Redraw with `gnuplot hyperparameters-zigzag.gp` from any folder; the data is hyperparameters-zigzag.dat beside it,
# one block per series (select with `index`). Edit freely: it is plain gnuplot.
script_dir = ARG0
n = strlen(script_dir)
while (n > 0 && script_dir[n:n] ne '/') { n = n - 1 }
script_dir = (n > 0) ? script_dir[1:n] : ''
data = script_dir.'hyperparameters-zigzag.dat'
if (!exists('output_suffix')) output_suffix = ''
do for [format in 'png svg'] {
if (format eq 'png') {
  set terminal pngcairo noenhanced size 1200,400 font 'DejaVu Sans,10'
} else {
  set terminal svg noenhanced size 1200,400 font 'DejaVu Sans,10' background '#ffffff'
}
set output script_dir.'hyperparameters-zigzag.'.format.output_suffix
set multiplot layout 1,2
reset
set grid lc rgb '#dddddd'
set title 'batch 8: 625 steps'
set xlabel 'epoch'
set ylabel 'minibatch loss'
set logscale y
set format y '%g'
set key top right opaque box lc rgb '#cccccc'
plot data index 0 using 1:2 with lines lw 2 lc rgb '#56B4E9' title 'minibatch loss', \
     data index 1 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'running average'
reset
set grid lc rgb '#dddddd'
set title 'batch 128: 40 steps'
set xlabel 'epoch'
set ylabel 'minibatch loss'
set logscale y
set format y '%g'
set key top right opaque box lc rgb '#cccccc'
plot data index 2 using 1:2 with lines lw 2 lc rgb '#E69F00' title 'minibatch loss', \
     data index 3 using 1:2 with lines lw 2 lc rgb '#D55E00' title 'running average'
unset multiplot
set output
}
