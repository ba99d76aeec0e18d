# batchnorm-curves: written by Training Techniques Lab.
# Redraw with `gnuplot batchnorm-curves.gp` from any folder; the data is batchnorm-curves.dat beside it,
# one block per series (select with `index`). Edit freely: it is plain gnuplot.
script_dir = ARG0
n = strlen(script_dir)
while (n > 0 && script_dir[n:n] ne '/') { n = n - 1 }
script_dir = (n > 0) ? script_dir[1:n] : ''
data = script_dir.'batchnorm-curves.dat'
if (!exists('output_suffix')) output_suffix = ''
do for [format in 'png svg'] {
if (format eq 'png') {
  set terminal pngcairo noenhanced size 1280,450 font 'DejaVu Sans,10'
} else {
  set terminal svg noenhanced size 1280,450 font 'DejaVu Sans,10' background '#ffffff'
}
set output script_dir.'batchnorm-curves.'.format.output_suffix
set multiplot layout 1,2 title '784→128→64→10 with dropout 0.2, SGD lr 0.1'
reset
set grid lc rgb '#dddddd'
set title 'default initialization'
set xlabel 'epoch'
set ylabel 'accuracy (%)'
set key bottom right opaque box lc rgb '#cccccc'
plot data index 0 using 1:2 with lines lw 2 dt 2 lc rgb '#0072B2' title 'no BatchNorm, training', \
     data index 1 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'no BatchNorm, validation', \
     data index 2 using 1:2 with lines lw 2 dt 2 lc rgb '#D55E00' title 'BatchNorm, training', \
     data index 3 using 1:2 with lines lw 2 lc rgb '#D55E00' title 'BatchNorm, validation'
reset
set grid lc rgb '#dddddd'
set title 'weights from N(0, 0.001²)'
set xlabel 'epoch'
set ylabel 'accuracy (%)'
set key right center opaque box lc rgb '#cccccc'
plot data index 4 using 1:2 with lines lw 2 dt 2 lc rgb '#0072B2' title 'no BatchNorm, N(0, 0.001²) init, training', \
     data index 5 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'no BatchNorm, N(0, 0.001²) init, validation', \
     data index 6 using 1:2 with lines lw 2 dt 2 lc rgb '#D55E00' title 'BatchNorm, N(0, 0.001²) init, training', \
     data index 7 using 1:2 with lines lw 2 lc rgb '#D55E00' title 'BatchNorm, N(0, 0.001²) init, validation'
unset multiplot
set output
}
