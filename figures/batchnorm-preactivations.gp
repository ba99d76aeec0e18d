# batchnorm-preactivations: written by Training Techniques Lab.
# Redraw with `gnuplot batchnorm-preactivations.gp` from any folder; the data is batchnorm-preactivations.dat beside it,
# one block per series (select with `index`). Edit freely: it is plain gnuplot.
script_dir = ARG0
n = strlen(script_dir)
while (n > 0 && script_dir[n:n] ne '/') { n = n - 1 }
script_dir = (n > 0) ? script_dir[1:n] : ''
data = script_dir.'batchnorm-preactivations.dat'
if (!exists('output_suffix')) output_suffix = ''
do for [format in 'png svg'] {
if (format eq 'png') {
  set terminal pngcairo noenhanced size 1240,750 font 'DejaVu Sans,10'
} else {
  set terminal svg noenhanced size 1240,750 font 'DejaVu Sans,10' background '#ffffff'
}
set output script_dir.'batchnorm-preactivations.'.format.output_suffix
set multiplot layout 2,2 title 'What enters each ReLU, on one batch of 512 training images'
reset
set grid lc rgb '#dddddd'
set title 'no BatchNorm, at initialization'
set xlabel 'pre-activation (input of ReLU)'
set ylabel 'share of units (%)'
set key top right opaque box lc rgb '#cccccc'
plot data index 0 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'hidden layer 1: mean 0.00, std 0.24', \
     data index 1 using 1:2 with lines lw 2 lc rgb '#D55E00' title 'hidden layer 2: mean -0.01, std 0.13'
reset
set grid lc rgb '#dddddd'
set title 'no BatchNorm, after training'
set xlabel 'pre-activation (input of ReLU)'
set ylabel 'share of units (%)'
set key top right opaque box lc rgb '#cccccc'
plot data index 2 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'hidden layer 1: mean -0.54, std 1.18', \
     data index 3 using 1:2 with lines lw 2 lc rgb '#D55E00' title 'hidden layer 2: mean 0.10, std 1.18'
reset
set grid lc rgb '#dddddd'
set title 'BatchNorm, at initialization'
set xlabel 'pre-activation (input of ReLU)'
set ylabel 'share of units (%)'
set key top right opaque box lc rgb '#cccccc'
plot data index 4 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'hidden layer 1: mean 0.00, std 1.00', \
     data index 5 using 1:2 with lines lw 2 lc rgb '#D55E00' title 'hidden layer 2: mean 0.00, std 1.00'
reset
set grid lc rgb '#dddddd'
set title 'BatchNorm, after training'
set xlabel 'pre-activation (input of ReLU)'
set ylabel 'share of units (%)'
set key top right opaque box lc rgb '#cccccc'
plot data index 6 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'hidden layer 1: mean -0.24, std 0.97', \
     data index 7 using 1:2 with lines lw 2 lc rgb '#D55E00' title 'hidden layer 2: mean 0.05, std 1.23'
unset multiplot
set output
}
