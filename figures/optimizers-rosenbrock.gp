# optimizers-rosenbrock: written by Training Techniques Lab.
# Redraw with `gnuplot optimizers-rosenbrock.gp` from any folder; the data is optimizers-rosenbrock.dat beside it,
# one block per series (select with `index`). Edit freely: it is plain gnuplot.
script_dir = ARG0
n = strlen(script_dir)
while (n > 0 && script_dir[n:n] ne '/') { n = n - 1 }
script_dir = (n > 0) ? script_dir[1:n] : ''
data = script_dir.'optimizers-rosenbrock.dat'
if (!exists('output_suffix')) output_suffix = ''
do for [format in 'png svg'] {
if (format eq 'png') {
  set terminal pngcairo noenhanced size 1400,550 font 'DejaVu Sans,10'
} else {
  set terminal svg noenhanced size 1400,550 font 'DejaVu Sans,10' background '#ffffff'
}
set output script_dir.'optimizers-rosenbrock.'.format.output_suffix
set multiplot layout 1,2 title 'Rosenbrock''s valley from (−1.2, 1.2), 2000 steps'
reset
set grid lc rgb '#dddddd'
set title 'paths'
set xlabel 'x'
set ylabel 'y'
set xrange [-1.6:1.6]
set yrange [-0.5:2.0]
set key bottom right opaque box lc rgb '#cccccc'
set contour base
set cntrparam levels auto 12
unset surface
set table $contours0
splot data index 0 using 1:2:3 with lines notitle
unset table
unset contour
set palette defined (0 '#ffffe5', 1 '#fee391', 2 '#fe9929', 3 '#cc4c02', 4 '#662506')
set xrange [-1.6:1.6]
set yrange [-0.5:2.0]
plot data index 0 using 1:2:3 with image notitle, \
     $contours0 using 1:2 with lines lw 0.8 lc rgb '#444444' notitle, \
     data index 1 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'SGD, lr 0.001', \
     data index 2 using 1:2 with lines lw 2 lc rgb '#D55E00' title 'SGD + momentum 0.9, lr 0.001', \
     data index 3 using 1:2 with lines lw 2 lc rgb '#009E73' title 'Nesterov 0.9, lr 0.001', \
     data index 4 using 1:2 with lines lw 2 lc rgb '#CC79A7' title 'AdaGrad, lr 0.5', \
     data index 5 using 1:2 with lines lw 2 lc rgb '#E69F00' title 'RMSprop, lr 0.01', \
     data index 6 using 1:2 with lines lw 2 lc rgb '#56B4E9' title 'Adam, lr 0.05', \
     data index 7 using 1:2 with lines lw 2 lc rgb '#000000' title 'NAdam, lr 0.05', \
     data index 8 using 1:2 with lines lw 2 lc rgb '#F0E442' title 'AdamW (weight decay 0.01), lr 0.05', \
     data index 9 using 1:2 with lines lw 2 lc rgb '#882255' title 'AdaDelta, lr 1.0', \
     data index 10 using 1:2 with points pt 7 ps 0.6 lc rgb '#000000' title 'minimum'
reset
set grid lc rgb '#dddddd'
set title 'f per step'
set xlabel 'step'
set ylabel 'f (log scale)'
set logscale y
set format y '%g'
set key top right opaque box lc rgb '#cccccc'
plot data index 11 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'SGD, lr 0.001', \
     data index 12 using 1:2 with lines lw 2 lc rgb '#D55E00' title 'SGD + momentum 0.9, lr 0.001', \
     data index 13 using 1:2 with lines lw 2 lc rgb '#009E73' title 'Nesterov 0.9, lr 0.001', \
     data index 14 using 1:2 with lines lw 2 lc rgb '#CC79A7' title 'AdaGrad, lr 0.5', \
     data index 15 using 1:2 with lines lw 2 lc rgb '#E69F00' title 'RMSprop, lr 0.01', \
     data index 16 using 1:2 with lines lw 2 lc rgb '#56B4E9' title 'Adam, lr 0.05', \
     data index 17 using 1:2 with lines lw 2 lc rgb '#000000' title 'NAdam, lr 0.05', \
     data index 18 using 1:2 with lines lw 2 lc rgb '#F0E442' title 'AdamW (weight decay 0.01), lr 0.05', \
     data index 19 using 1:2 with lines lw 2 lc rgb '#882255' title 'AdaDelta, lr 1.0'
unset multiplot
set output
}
