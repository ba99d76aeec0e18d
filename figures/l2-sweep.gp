# l2-sweep: written by Training Techniques Lab.
# Redraw with `gnuplot l2-sweep.gp` from any folder; the data is l2-sweep.dat beside it,
# one block per series (select with `index`). Edit freely: it is plain gnuplot.
script_dir = ARG0
n = strlen(script_dir)
while (n > 0 && script_dir[n:n] ne '/') { n = n - 1 }
script_dir = (n > 0) ? script_dir[1:n] : ''
data = script_dir.'l2-sweep.dat'
if (!exists('output_suffix')) output_suffix = ''
do for [format in 'png svg'] {
if (format eq 'png') {
  set terminal pngcairo noenhanced size 1280,450 font 'DejaVu Sans,10'
} else {
  set terminal svg noenhanced size 1280,450 font 'DejaVu Sans,10' background '#ffffff'
}
set output script_dir.'l2-sweep.'.format.output_suffix
set multiplot layout 1,2 title '784→256→256→10, SGD lr 0.01 momentum 0.9, 60 epochs, penalty (λ/n)·Σ‖W‖²'
reset
set grid lc rgb '#dddddd'
set title 'accuracy after training'
set xlabel 'λ'
set ylabel 'accuracy (%)'
set logscale x
set format x '%g'
set key bottom left opaque box lc rgb '#cccccc'
plot data index 0 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#D55E00' title 'validation', \
     data index 1 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#0072B2' title 'training', \
     data index 2 using 1:2 with lines lw 2 dt 2 lc rgb '#D55E00' title 'validation, λ = 0', \
     data index 3 using 1:2 with lines lw 2 dt 2 lc rgb '#0072B2' title 'training, λ = 0'
reset
set grid lc rgb '#dddddd'
set title 'total squared weight norm'
set xlabel 'λ'
set ylabel 'Σ‖W‖²_F'
set logscale x
set format x '%g'
set logscale y
set format y '%g'
set key bottom left opaque box lc rgb '#cccccc'
plot data index 4 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#009E73' title 'Σ‖W‖²', \
     data index 5 using 1:2 with lines lw 2 dt 2 lc rgb '#009E73' title 'λ = 0'
unset multiplot
set output
}
