# dropout-curves: written by Training Techniques Lab.
# Redraw with `gnuplot dropout-curves.gp` from any folder; the data is dropout-curves.dat beside it,
# one block per series (select with `index`). Edit freely: it is plain gnuplot.
script_dir = ARG0
n = strlen(script_dir)
while (n > 0 && script_dir[n:n] ne '/') { n = n - 1 }
script_dir = (n > 0) ? script_dir[1:n] : ''
data = script_dir.'dropout-curves.dat'
if (!exists('output_suffix')) output_suffix = ''
do for [format in 'png svg'] {
if (format eq 'png') {
  set terminal pngcairo noenhanced size 1280,450 font 'DejaVu Sans,10'
} else {
  set terminal svg noenhanced size 1280,450 font 'DejaVu Sans,10' background '#ffffff'
}
set output script_dir.'dropout-curves.'.format.output_suffix
set multiplot layout 1,2 title '784→75→45→10 on Fashion-MNIST, SGD lr 0.1, batch 256'
reset
set grid lc rgb '#dddddd'
set title 'accuracy (training measured in evaluation mode)'
set xlabel 'epoch'
set ylabel 'accuracy (%)'
set key bottom right opaque box lc rgb '#cccccc'
plot data index 0 using 1:2 with lines lw 2 dt 2 lc rgb '#0072B2' title 'no dropout, training', \
     data index 1 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'no dropout, validation', \
     data index 2 using 1:2 with lines lw 2 dt 2 lc rgb '#D55E00' title 'p = 0.5, training', \
     data index 3 using 1:2 with lines lw 2 lc rgb '#D55E00' title 'p = 0.5, validation'
reset
set grid lc rgb '#dddddd'
set title 'generalization gap: training − validation accuracy'
set xlabel 'epoch'
set ylabel 'percentage points'
set key top left opaque box lc rgb '#cccccc'
plot data index 4 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'p = 0.0', \
     data index 5 using 1:2 with lines lw 2 lc rgb '#D55E00' title 'p = 0.5'
unset multiplot
set output
}
