# momentum-fashion-mnist: written by Training Techniques Lab.
# Redraw with `gnuplot momentum-fashion-mnist.gp` from any folder; the data is momentum-fashion-mnist.dat beside it,
# one block per series (select with `index`). Edit freely: it is plain gnuplot.
script_dir = ARG0
n = strlen(script_dir)
while (n > 0 && script_dir[n:n] ne '/') { n = n - 1 }
script_dir = (n > 0) ? script_dir[1:n] : ''
data = script_dir.'momentum-fashion-mnist.dat'
if (!exists('output_suffix')) output_suffix = ''
do for [format in 'png svg'] {
if (format eq 'png') {
  set terminal pngcairo noenhanced size 1280,450 font 'DejaVu Sans,10'
} else {
  set terminal svg noenhanced size 1280,450 font 'DejaVu Sans,10' background '#ffffff'
}
set output script_dir.'momentum-fashion-mnist.'.format.output_suffix
set multiplot layout 1,2 title '784→128→10 on 10000 Fashion-MNIST images, SGD lr 0.01'
reset
set grid lc rgb '#dddddd'
set title 'accuracy'
set xlabel 'epoch'
set ylabel 'accuracy (%)'
set key bottom right opaque box lc rgb '#cccccc'
plot data index 0 using 1:2 with lines lw 2 dt 2 lc rgb '#0072B2' title 'gradient descent, training', \
     data index 1 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'gradient descent, validation', \
     data index 2 using 1:2 with lines lw 2 dt 2 lc rgb '#D55E00' title 'momentum 0.9, training', \
     data index 3 using 1:2 with lines lw 2 lc rgb '#D55E00' title 'momentum 0.9, validation', \
     data index 4 using 1:2 with lines lw 2 dt 2 lc rgb '#009E73' title 'Nesterov 0.9, training', \
     data index 5 using 1:2 with lines lw 2 lc rgb '#009E73' title 'Nesterov 0.9, validation'
reset
set grid lc rgb '#dddddd'
set title 'loss'
set xlabel 'epoch'
set ylabel 'cross-entropy loss'
set key top right opaque box lc rgb '#cccccc'
plot data index 6 using 1:2 with lines lw 2 dt 2 lc rgb '#0072B2' title 'gradient descent, training', \
     data index 7 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'gradient descent, validation', \
     data index 8 using 1:2 with lines lw 2 dt 2 lc rgb '#D55E00' title 'momentum 0.9, training', \
     data index 9 using 1:2 with lines lw 2 lc rgb '#D55E00' title 'momentum 0.9, validation', \
     data index 10 using 1:2 with lines lw 2 dt 2 lc rgb '#009E73' title 'Nesterov 0.9, training', \
     data index 11 using 1:2 with lines lw 2 lc rgb '#009E73' title 'Nesterov 0.9, validation'
unset multiplot
set output
}
