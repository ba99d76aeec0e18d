# initialization-training: written by Training Techniques Lab.
# Redraw with `gnuplot initialization-training.gp` from any folder; the data is initialization-training.dat beside it,
# one block per series (select with `index`). Edit freely: it is plain gnuplot.
script_dir = ARG0
n = strlen(script_dir)
while (n > 0 && script_dir[n:n] ne '/') { n = n - 1 }
script_dir = (n > 0) ? script_dir[1:n] : ''
data = script_dir.'initialization-training.dat'
if (!exists('output_suffix')) output_suffix = ''
do for [format in 'png svg'] {
if (format eq 'png') {
  set terminal pngcairo noenhanced size 820,470 font 'DejaVu Sans,10'
} else {
  set terminal svg noenhanced size 820,470 font 'DejaVu Sans,10' background '#ffffff'
}
set output script_dir.'initialization-training.'.format.output_suffix
set multiplot layout 1,1 title '10 ReLU layers of 100, SGD lr 0.01 momentum 0.9'
reset
set grid lc rgb '#dddddd'
set title 'accuracy'
set xlabel 'epoch'
set ylabel 'accuracy (%)'
set key outside right top opaque box lc rgb '#cccccc'
plot data index 0 using 1:2 with lines lw 2 dt 2 lc rgb '#0072B2' title 'N(0, 0.001²), training', \
     data index 1 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'N(0, 0.001²), validation', \
     data index 2 using 1:2 with lines lw 2 dt 2 lc rgb '#D55E00' title 'Xavier normal, training', \
     data index 3 using 1:2 with lines lw 2 lc rgb '#D55E00' title 'Xavier normal, validation', \
     data index 4 using 1:2 with lines lw 2 dt 2 lc rgb '#009E73' title 'He normal, training', \
     data index 5 using 1:2 with lines lw 2 lc rgb '#009E73' title 'He normal, validation', \
     data index 6 using 1:2 with lines lw 2 dt 2 lc rgb '#CC79A7' title 'PyTorch default, training', \
     data index 7 using 1:2 with lines lw 2 lc rgb '#CC79A7' title 'PyTorch default, validation'
unset multiplot
set output
}
