# batch-size-accuracy: written by Training Techniques Lab.
# Redraw with `gnuplot batch-size-accuracy.gp` from any folder; the data is batch-size-accuracy.dat beside it,
# one block per series (select with `index`). Edit freely: it is plain gnuplot.
script_dir = ARG0
n = strlen(script_dir)
while (n > 0 && script_dir[n:n] ne '/') { n = n - 1 }
script_dir = (n > 0) ? script_dir[1:n] : ''
data = script_dir.'batch-size-accuracy.dat'
if (!exists('output_suffix')) output_suffix = ''
do for [format in 'png svg'] {
if (format eq 'png') {
  set terminal pngcairo noenhanced size 820,490 font 'DejaVu Sans,10'
} else {
  set terminal svg noenhanced size 820,490 font 'DejaVu Sans,10' background '#ffffff'
}
set output script_dir.'batch-size-accuracy.'.format.output_suffix
set multiplot layout 1,1 title 'Training and validation accuracy per epoch (training measured in evaluation mode)'
reset
set grid lc rgb '#dddddd'
set title 'accuracy'
set xlabel 'epoch'
set ylabel 'accuracy (%)'
set key bottom right opaque box lc rgb '#cccccc'
plot data index 0 using 1:2 with lines lw 2 dt 2 lc rgb '#0072B2' title 'batch 64, training', \
     data index 1 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'batch 64, validation', \
     data index 2 using 1:2 with lines lw 2 dt 2 lc rgb '#D55E00' title 'batch 1024, training', \
     data index 3 using 1:2 with lines lw 2 lc rgb '#D55E00' title 'batch 1024, validation'
unset multiplot
set output
}
