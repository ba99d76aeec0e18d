# vanishing-gradients-gradients: written by Training Techniques Lab.
# Redraw with `gnuplot vanishing-gradients-gradients.gp` from any folder; the data is vanishing-gradients-gradients.dat beside it,
# one block per series (select with `index`). Edit freely: it is plain gnuplot.
script_dir = ARG0
n = strlen(script_dir)
while (n > 0 && script_dir[n:n] ne '/') { n = n - 1 }
script_dir = (n > 0) ? script_dir[1:n] : ''
data = script_dir.'vanishing-gradients-gradients.dat'
if (!exists('output_suffix')) output_suffix = ''
do for [format in 'png svg'] {
if (format eq 'png') {
  set terminal pngcairo noenhanced size 1280,450 font 'DejaVu Sans,10'
} else {
  set terminal svg noenhanced size 1280,450 font 'DejaVu Sans,10' background '#ffffff'
}
set output script_dir.'vanishing-gradients-gradients.'.format.output_suffix
set multiplot layout 1,2 title '‖∂L/∂W⁽ˡ⁾‖ per layer, 10 hidden layers of 100 (layer 1 is next to the input)'
reset
set grid lc rgb '#dddddd'
set title 'at initialization'
set xlabel 'layer l'
set ylabel 'gradient norm'
set logscale y
set format y '%g'
set key bottom right opaque box lc rgb '#cccccc'
plot data index 0 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#0072B2' title 'sigmoid, PyTorch default init', \
     data index 1 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#D55E00' title 'tanh, Xavier init', \
     data index 2 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#009E73' title 'ReLU, He init'
reset
set grid lc rgb '#dddddd'
set title 'after 10 epochs of SGD'
set xlabel 'layer l'
set ylabel 'gradient norm'
set logscale y
set format y '%g'
set key bottom right opaque box lc rgb '#cccccc'
plot data index 3 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#0072B2' title 'sigmoid, PyTorch default init', \
     data index 4 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#D55E00' title 'tanh, Xavier init', \
     data index 5 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#009E73' title 'ReLU, He init'
unset multiplot
set output
}
