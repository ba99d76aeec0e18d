# lr-decay-curves: written by Training Techniques Lab.
# Redraw with `gnuplot lr-decay-curves.gp` from any folder; the data is lr-decay-curves.dat beside it,
# one block per series (select with `index`). Edit freely: it is plain gnuplot.
script_dir = ARG0
n = strlen(script_dir)
while (n > 0 && script_dir[n:n] ne '/') { n = n - 1 }
script_dir = (n > 0) ? script_dir[1:n] : ''
data = script_dir.'lr-decay-curves.dat'
if (!exists('output_suffix')) output_suffix = ''
do for [format in 'png svg'] {
if (format eq 'png') {
  set terminal pngcairo noenhanced size 1800,490 font 'DejaVu Sans,10'
} else {
  set terminal svg noenhanced size 1800,490 font 'DejaVu Sans,10' background '#ffffff'
}
set output script_dir.'lr-decay-curves.'.format.output_suffix
set multiplot layout 1,3 title 'The same network and batches under each schedule'
reset
set grid lc rgb '#dddddd'
set title 'validation accuracy'
set xlabel 'epoch'
set ylabel 'accuracy (%)'
set key bottom right opaque box lc rgb '#cccccc'
plot data index 0 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'constant (no decay)', \
     data index 1 using 1:2 with lines lw 2 lc rgb '#D55E00' title 'exponential, k = 0.1', \
     data index 2 using 1:2 with lines lw 2 lc rgb '#009E73' title 'multiplicative, α = 0.85', \
     data index 3 using 1:2 with lines lw 2 lc rgb '#CC79A7' title 'inverse, k = 0.3', \
     data index 4 using 1:2 with lines lw 2 lc rgb '#E69F00' title 'step: ×0.5 every 7 epochs', \
     data index 5 using 1:2 with lines lw 2 lc rgb '#56B4E9' title 'on plateau: ×0.5 after 2 flat epochs', \
     data index 6 using 1:2 with lines lw 2 lc rgb '#000000' title 'too aggressive: exponential, k = 1'
reset
set grid lc rgb '#dddddd'
set title 'validation loss'
set xlabel 'epoch'
set ylabel 'loss'
set key top right opaque box lc rgb '#cccccc'
plot data index 7 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'constant (no decay)', \
     data index 8 using 1:2 with lines lw 2 lc rgb '#D55E00' title 'exponential, k = 0.1', \
     data index 9 using 1:2 with lines lw 2 lc rgb '#009E73' title 'multiplicative, α = 0.85', \
     data index 10 using 1:2 with lines lw 2 lc rgb '#CC79A7' title 'inverse, k = 0.3', \
     data index 11 using 1:2 with lines lw 2 lc rgb '#E69F00' title 'step: ×0.5 every 7 epochs', \
     data index 12 using 1:2 with lines lw 2 lc rgb '#56B4E9' title 'on plateau: ×0.5 after 2 flat epochs', \
     data index 13 using 1:2 with lines lw 2 lc rgb '#000000' title 'too aggressive: exponential, k = 1'
reset
set grid lc rgb '#dddddd'
set title 'training loss (mean over each epoch''s minibatches)'
set xlabel 'epoch'
set ylabel 'loss'
set logscale y
set format y '%g'
set key top right opaque box lc rgb '#cccccc'
plot data index 14 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'constant (no decay)', \
     data index 15 using 1:2 with lines lw 2 lc rgb '#D55E00' title 'exponential, k = 0.1', \
     data index 16 using 1:2 with lines lw 2 lc rgb '#009E73' title 'multiplicative, α = 0.85', \
     data index 17 using 1:2 with lines lw 2 lc rgb '#CC79A7' title 'inverse, k = 0.3', \
     data index 18 using 1:2 with lines lw 2 lc rgb '#E69F00' title 'step: ×0.5 every 7 epochs', \
     data index 19 using 1:2 with lines lw 2 lc rgb '#56B4E9' title 'on plateau: ×0.5 after 2 flat epochs', \
     data index 20 using 1:2 with lines lw 2 lc rgb '#000000' title 'too aggressive: exponential, k = 1'
unset multiplot
set output
}
