# optimizers-fashion-mnist: written by Training Techniques Lab.
# Redraw with `gnuplot optimizers-fashion-mnist.gp` from any folder; the data is optimizers-fashion-mnist.dat beside it,
# one block per series (select with `index`). Edit freely: it is plain gnuplot.
script_dir = ARG0
n = strlen(script_dir)
while (n > 0 && script_dir[n:n] ne '/') { n = n - 1 }
script_dir = (n > 0) ? script_dir[1:n] : ''
data = script_dir.'optimizers-fashion-mnist.dat'
if (!exists('output_suffix')) output_suffix = ''
do for [format in 'png svg'] {
if (format eq 'png') {
  set terminal pngcairo noenhanced size 1520,490 font 'DejaVu Sans,10'
} else {
  set terminal svg noenhanced size 1520,490 font 'DejaVu Sans,10' background '#ffffff'
}
set output script_dir.'optimizers-fashion-mnist.'.format.output_suffix
set multiplot layout 1,2 title '784→128→10 on 10000 Fashion-MNIST images, batch 64, each optimizer at its usual learning rate'
reset
set grid lc rgb '#dddddd'
set title 'training loss per epoch'
set xlabel 'epoch'
set ylabel 'loss'
set logscale y
set format y '%g'
set key outside right top opaque box lc rgb '#cccccc'
plot data index 0 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'SGD', \
     data index 1 using 1:2 with lines lw 2 lc rgb '#D55E00' title 'SGD + momentum 0.9', \
     data index 2 using 1:2 with lines lw 2 lc rgb '#009E73' title 'Nesterov 0.9', \
     data index 3 using 1:2 with lines lw 2 lc rgb '#CC79A7' title 'AdaGrad', \
     data index 4 using 1:2 with lines lw 2 lc rgb '#E69F00' title 'RMSprop', \
     data index 5 using 1:2 with lines lw 2 lc rgb '#56B4E9' title 'Adam', \
     data index 6 using 1:2 with lines lw 2 lc rgb '#000000' title 'NAdam', \
     data index 7 using 1:2 with lines lw 2 lc rgb '#F0E442' title 'AdamW (weight decay 0.01)', \
     data index 8 using 1:2 with lines lw 2 lc rgb '#882255' title 'AdaDelta'
reset
set grid lc rgb '#dddddd'
set title 'validation accuracy'
set xlabel 'epoch'
set ylabel 'accuracy (%)'
unset key
plot data index 9 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'SGD', \
     data index 10 using 1:2 with lines lw 2 lc rgb '#D55E00' title 'SGD + momentum 0.9', \
     data index 11 using 1:2 with lines lw 2 lc rgb '#009E73' title 'Nesterov 0.9', \
     data index 12 using 1:2 with lines lw 2 lc rgb '#CC79A7' title 'AdaGrad', \
     data index 13 using 1:2 with lines lw 2 lc rgb '#E69F00' title 'RMSprop', \
     data index 14 using 1:2 with lines lw 2 lc rgb '#56B4E9' title 'Adam', \
     data index 15 using 1:2 with lines lw 2 lc rgb '#000000' title 'NAdam', \
     data index 16 using 1:2 with lines lw 2 lc rgb '#F0E442' title 'AdamW (weight decay 0.01)', \
     data index 17 using 1:2 with lines lw 2 lc rgb '#882255' title 'AdaDelta'
unset multiplot
set output
}
