# l2-weights: written by Training Techniques Lab.
# Redraw with `gnuplot l2-weights.gp` from any folder; the data is l2-weights.dat beside it,
# one block per series (select with `index`). Edit freely: it is plain gnuplot.
script_dir = ARG0
n = strlen(script_dir)
while (n > 0 && script_dir[n:n] ne '/') { n = n - 1 }
script_dir = (n > 0) ? script_dir[1:n] : ''
data = script_dir.'l2-weights.dat'
if (!exists('output_suffix')) output_suffix = ''
do for [format in 'png svg'] {
if (format eq 'png') {
  set terminal pngcairo noenhanced size 720,420 font 'DejaVu Sans,10'
} else {
  set terminal svg noenhanced size 720,420 font 'DejaVu Sans,10' background '#ffffff'
}
set output script_dir.'l2-weights.'.format.output_suffix
set multiplot layout 1,1
reset
set grid lc rgb '#dddddd'
set title 'first-layer weights (784×256) after training'
set xlabel 'weight'
set ylabel 'count'
set key top right opaque box lc rgb '#cccccc'
set yrange [0:*]
set yrange [0:*]
plot data index 0 using 1:2:(0.00414028912782669) with boxes fs transparent solid 0.45 lc rgb '#0072B2' title 'λ = 0', \
     data index 1 using 1:2:(0.00414028912782669) with boxes fs transparent solid 0.45 lc rgb '#D55E00' title 'λ = 0.3 (best validation)'
unset multiplot
set output
}
