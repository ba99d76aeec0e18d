# dropout-sweep: written by Training Techniques Lab.
# Redraw with `gnuplot dropout-sweep.gp` from any folder; the data is dropout-sweep.dat beside it,
# one block per series (select with `index`). Edit freely: it is plain gnuplot.
script_dir = ARG0
n = strlen(script_dir)
while (n > 0 && script_dir[n:n] ne '/') { n = n - 1 }
script_dir = (n > 0) ? script_dir[1:n] : ''
data = script_dir.'dropout-sweep.dat'
if (!exists('output_suffix')) output_suffix = ''
do for [format in 'png svg'] {
if (format eq 'png') {
  set terminal pngcairo noenhanced size 720,440 font 'DejaVu Sans,10'
} else {
  set terminal svg noenhanced size 720,440 font 'DejaVu Sans,10' background '#ffffff'
}
set output script_dir.'dropout-sweep.'.format.output_suffix
set multiplot layout 1,1
reset
set grid lc rgb '#dddddd'
set title 'final accuracy after 100 epochs vs dropout probability'
set xlabel 'dropout probability p'
set ylabel 'accuracy (%)'
set key bottom left opaque box lc rgb '#cccccc'
plot data index 0 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#0072B2' title 'training', \
     data index 1 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#D55E00' title 'validation', \
     data index 2 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#009E73' title 'test'
unset multiplot
set output
}
