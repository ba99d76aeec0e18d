# augmentation-examples: written by Training Techniques Lab.
# Redraw with `gnuplot augmentation-examples.gp` from any folder; the data is augmentation-examples.dat beside it,
# one block per series (select with `index`). Edit freely: it is plain gnuplot.
script_dir = ARG0
n = strlen(script_dir)
while (n > 0 && script_dir[n:n] ne '/') { n = n - 1 }
script_dir = (n > 0) ? script_dir[1:n] : ''
data = script_dir.'augmentation-examples.dat'
if (!exists('output_suffix')) output_suffix = ''
do for [format in 'png svg'] {
if (format eq 'png') {
  set terminal pngcairo noenhanced size 620,760 font 'DejaVu Sans,10'
} else {
  set terminal svg noenhanced size 620,760 font 'DejaVu Sans,10' background '#ffffff'
}
set output script_dir.'augmentation-examples.'.format.output_suffix
set multiplot layout 1,1
reset
set grid lc rgb '#dddddd'
set title 'left: original; then five augmented versions (shift ≤ 2 px, rotation ≤ 10°, flip p = 0.5)'
set key top right opaque box lc rgb '#cccccc'
set palette gray
unset colorbox
unset key
unset tics
unset border
set size ratio -1
set xrange [-0.5:172.5]
set yrange [230.5:-0.5]
plot data index 0 using 1:2:3 with image notitle
unset multiplot
set output
}
