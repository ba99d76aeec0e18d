# vanishing-gradients-exploding: written by Training Techniques Lab.
# Redraw with `gnuplot vanishing-gradients-exploding.gp` from any folder; the data is vanishing-gradients-exploding.dat beside it,
# one block per series (select with `index`). Edit freely: it is plain gnuplot.
script_dir = ARG0
n = strlen(script_dir)
while (n > 0 && script_dir[n:n] ne '/') { n = n - 1 }
script_dir = (n > 0) ? script_dir[1:n] : ''
data = script_dir.'vanishing-gradients-exploding.dat'
if (!exists('output_suffix')) output_suffix = ''
do for [format in 'png svg'] {
if (format eq 'png') {
  set terminal pngcairo noenhanced size 720,440 font 'DejaVu Sans,10'
} else {
  set terminal svg noenhanced size 720,440 font 'DejaVu Sans,10' background '#ffffff'
}
set output script_dir.'vanishing-gradients-exploding.'.format.output_suffix
set multiplot layout 1,1
reset
set grid lc rgb '#dddddd'
set title 'ReLU net, He-init weights × factor: gradients at initialization'
set xlabel 'layer l'
set ylabel 'gradient norm ‖∂L/∂W⁽ˡ⁾‖'
set logscale y
set format y '%g'
set key top right opaque box lc rgb '#cccccc'
plot data index 0 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#0072B2' title 'weights × 0.5', \
     data index 1 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#D55E00' title 'weights × 1.0', \
     data index 2 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#009E73' title 'weights × 1.5', \
     data index 3 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#CC79A7' title 'weights × 2.0'
unset multiplot
set output
}
