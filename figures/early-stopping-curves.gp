# early-stopping-curves: written by Training Techniques Lab.
# Redraw with `gnuplot early-stopping-curves.gp` from any folder; the data is early-stopping-curves.dat beside it,
# one block per series (select with `index`). Edit freely: it is plain gnuplot.
script_dir = ARG0
n = strlen(script_dir)
while (n > 0 && script_dir[n:n] ne '/') { n = n - 1 }
script_dir = (n > 0) ? script_dir[1:n] : ''
data = script_dir.'early-stopping-curves.dat'
if (!exists('output_suffix')) output_suffix = ''
do for [format in 'png svg'] {
if (format eq 'png') {
  set terminal pngcairo noenhanced size 1280,450 font 'DejaVu Sans,10'
} else {
  set terminal svg noenhanced size 1280,450 font 'DejaVu Sans,10' background '#ffffff'
}
set output script_dir.'early-stopping-curves.'.format.output_suffix
set multiplot layout 1,2 title '784→256→256→10, Adam, patience 3'
reset
set grid lc rgb '#dddddd'
set title 'loss'
set xlabel 'epoch'
set ylabel 'cross-entropy loss'
set logscale y
set format y '%g'
set key bottom right opaque box lc rgb '#cccccc'
set arrow from 10.0, graph 0 to 10.0, graph 1 nohead dt 2 lw 1.5 lc rgb '#555555'
set label 'best epoch 10' at 10.0, graph 0.95 left offset 0.5,0 tc rgb '#333333' front
set arrow from 13.0, graph 0 to 13.0, graph 1 nohead dt 2 lw 1.5 lc rgb '#555555'
set label 'stop 13' at 13.0, graph 0.8799999999999999 left offset 0.5,0 tc rgb '#333333' front
plot data index 0 using 1:2 with lines lw 2 dt 2 lc rgb '#0072B2' title 'training (no stopping)', \
     data index 1 using 1:2 with lines lw 2 dt 2 lc rgb '#D55E00' title 'validation (no stopping)', \
     data index 2 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'training', \
     data index 3 using 1:2 with lines lw 2 lc rgb '#D55E00' title 'validation'
reset
set grid lc rgb '#dddddd'
set title 'accuracy'
set xlabel 'epoch'
set ylabel 'accuracy (%)'
set key bottom right opaque box lc rgb '#cccccc'
set arrow from 10.0, graph 0 to 10.0, graph 1 nohead dt 2 lw 1.5 lc rgb '#555555'
set label 'best epoch 10' at 10.0, graph 0.95 left offset 0.5,0 tc rgb '#333333' front
set arrow from 13.0, graph 0 to 13.0, graph 1 nohead dt 2 lw 1.5 lc rgb '#555555'
set label 'stop 13' at 13.0, graph 0.8799999999999999 left offset 0.5,0 tc rgb '#333333' front
plot data index 4 using 1:2 with lines lw 2 dt 2 lc rgb '#0072B2' title 'training (no stopping)', \
     data index 5 using 1:2 with lines lw 2 dt 2 lc rgb '#D55E00' title 'validation (no stopping)', \
     data index 6 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'training', \
     data index 7 using 1:2 with lines lw 2 lc rgb '#D55E00' title 'validation'
unset multiplot
set output
}
