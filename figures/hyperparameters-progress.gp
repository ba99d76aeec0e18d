# hyperparameters-progress: written by Training Techniques Lab.
# Redraw with `gnuplot hyperparameters-progress.gp` from any folder; the data is hyperparameters-progress.dat beside it,
# one block per series (select with `index`). Edit freely: it is plain gnuplot.
script_dir = ARG0
n = strlen(script_dir)
while (n > 0 && script_dir[n:n] ne '/') { n = n - 1 }
script_dir = (n > 0) ? script_dir[1:n] : ''
data = script_dir.'hyperparameters-progress.dat'
if (!exists('output_suffix')) output_suffix = ''
do for [format in 'png svg'] {
if (format eq 'png') {
  set terminal pngcairo noenhanced size 720,440 font 'DejaVu Sans,10'
} else {
  set terminal svg noenhanced size 720,440 font 'DejaVu Sans,10' background '#ffffff'
}
set output script_dir.'hyperparameters-progress.'.format.output_suffix
set multiplot layout 1,1
reset
set grid lc rgb '#dddddd'
set title 'best validation accuracy so far'
set xlabel 'trial'
set ylabel 'accuracy (%)'
set key bottom right opaque box lc rgb '#cccccc'
plot data index 0 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#0072B2' title 'grid', \
     data index 1 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#D55E00' title 'random', \
     data index 2 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#009E73' title 'Bayesian'
unset multiplot
set output
}
