# bias-variance-more-data: written by Training Techniques Lab.
# Redraw with `gnuplot bias-variance-more-data.gp` from any folder; the data is bias-variance-more-data.dat beside it,
# one block per series (select with `index`). Edit freely: it is plain gnuplot.
script_dir = ARG0
n = strlen(script_dir)
while (n > 0 && script_dir[n:n] ne '/') { n = n - 1 }
script_dir = (n > 0) ? script_dir[1:n] : ''
data = script_dir.'bias-variance-more-data.dat'
if (!exists('output_suffix')) output_suffix = ''
do for [format in 'png svg'] {
if (format eq 'png') {
  set terminal pngcairo noenhanced size 760,460 font 'DejaVu Sans,10'
} else {
  set terminal svg noenhanced size 760,460 font 'DejaVu Sans,10' background '#ffffff'
}
set output script_dir.'bias-variance-more-data.'.format.output_suffix
set multiplot layout 1,1
reset
set grid lc rgb '#dddddd'
set title 'Softmax regression on Fashion-MNIST subsets, 10000 test images kept fixed (5 seeds, ≥ 3000 SGD steps)'
set xlabel 'training images'
set ylabel 'accuracy (%)'
set logscale x
set format x '%g'
set key bottom right opaque box lc rgb '#cccccc'
plot data index 0 using 1:2:3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#0072B2' title 'training accuracy ± std', \
     data index 1 using 1:2:3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#D55E00' title 'test accuracy ± std', \
     data index 2 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#0072B2' title 'training accuracy', \
     data index 3 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#D55E00' title 'test accuracy'
unset multiplot
set output
}
