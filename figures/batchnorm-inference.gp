# batchnorm-inference: written by Training Techniques Lab.
# Redraw with `gnuplot batchnorm-inference.gp` from any folder; the data is batchnorm-inference.dat beside it,
# one block per series (select with `index`). Edit freely: it is plain gnuplot.
script_dir = ARG0
n = strlen(script_dir)
while (n > 0 && script_dir[n:n] ne '/') { n = n - 1 }
script_dir = (n > 0) ? script_dir[1:n] : ''
data = script_dir.'batchnorm-inference.dat'
if (!exists('output_suffix')) output_suffix = ''
do for [format in 'png svg'] {
if (format eq 'png') {
  set terminal pngcairo noenhanced size 760,440 font 'DejaVu Sans,10'
} else {
  set terminal svg noenhanced size 760,440 font 'DejaVu Sans,10' background '#ffffff'
}
set output script_dir.'batchnorm-inference.'.format.output_suffix
set multiplot layout 1,1
reset
set grid lc rgb '#dddddd'
set title 'Evaluating a trained BatchNorm network: test accuracy by evaluation batch size'
set xlabel 'evaluation batch size'
set ylabel 'test accuracy (%)'
set logscale x
set format x '%g'
set key bottom right opaque box lc rgb '#cccccc'
plot data index 0 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#0072B2' title 'running mean/variance (model.eval(): correct)', \
     data index 1 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#D55E00' title 'each batch''s own statistics (forgot model.eval())'
unset multiplot
set output
}
