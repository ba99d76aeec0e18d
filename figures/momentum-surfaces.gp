# momentum-surfaces: written by Training Techniques Lab.
# Redraw with `gnuplot momentum-surfaces.gp` from any folder; the data is momentum-surfaces.dat beside it,
# one block per series (select with `index`). Edit freely: it is plain gnuplot.
script_dir = ARG0
n = strlen(script_dir)
while (n > 0 && script_dir[n:n] ne '/') { n = n - 1 }
script_dir = (n > 0) ? script_dir[1:n] : ''
data = script_dir.'momentum-surfaces.dat'
if (!exists('output_suffix')) output_suffix = ''
do for [format in 'png svg'] {
if (format eq 'png') {
  set terminal pngcairo noenhanced size 1280,950 font 'DejaVu Sans,10'
} else {
  set terminal svg noenhanced size 1280,950 font 'DejaVu Sans,10' background '#ffffff'
}
set output script_dir.'momentum-surfaces.'.format.output_suffix
set multiplot layout 2,2 title 'Paths from the same start: gradient descent, momentum, Nesterov'
reset
set grid lc rgb '#dddddd'
set title 'quadratic ½(1.0x² + 20.0y²), lr 0.04'
set xlabel 'x'
set ylabel 'y'
set xrange [-4.5:1.5]
set yrange [-2.0:2.0]
set key bottom right opaque box lc rgb '#cccccc'
set contour base
set cntrparam levels auto 12
unset surface
set table $contours0
splot data index 0 using 1:2:3 with lines notitle
unset table
unset contour
set palette defined (0 '#ffffe5', 1 '#fee391', 2 '#fe9929', 3 '#cc4c02', 4 '#662506')
set xrange [-4.5:1.5]
set yrange [-2.0:2.0]
plot data index 0 using 1:2:3 with image notitle, \
     $contours0 using 1:2 with lines lw 0.8 lc rgb '#444444' notitle, \
     data index 1 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'gradient descent', \
     data index 2 using 1:2 with lines lw 2 lc rgb '#D55E00' title 'momentum 0.5', \
     data index 3 using 1:2 with lines lw 2 lc rgb '#009E73' title 'momentum 0.9', \
     data index 4 using 1:2 with lines lw 2 lc rgb '#CC79A7' title 'momentum 0.99', \
     data index 5 using 1:2 with lines lw 2 lc rgb '#E69F00' title 'Nesterov 0.9', \
     data index 6 using 1:2 with points pt 7 ps 0.6 lc rgb '#000000' title 'minimum'
reset
set grid lc rgb '#dddddd'
set title 'bowl: f per step'
set xlabel 'step'
set ylabel 'f (log scale)'
set logscale y
set format y '%g'
set key top right opaque box lc rgb '#cccccc'
plot data index 7 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'gradient descent', \
     data index 8 using 1:2 with lines lw 2 lc rgb '#D55E00' title 'momentum 0.5', \
     data index 9 using 1:2 with lines lw 2 lc rgb '#009E73' title 'momentum 0.9', \
     data index 10 using 1:2 with lines lw 2 lc rgb '#CC79A7' title 'momentum 0.99', \
     data index 11 using 1:2 with lines lw 2 lc rgb '#E69F00' title 'Nesterov 0.9'
reset
set grid lc rgb '#dddddd'
set title 'Rosenbrock (1 − x)² + 100(y − x²)², lr 0.001'
set xlabel 'x'
set ylabel 'y'
set xrange [-1.6:1.6]
set yrange [-0.5:2.0]
set key bottom right opaque box lc rgb '#cccccc'
set contour base
set cntrparam levels auto 12
unset surface
set table $contours1
splot data index 12 using 1:2:3 with lines notitle
unset table
unset contour
set palette defined (0 '#ffffe5', 1 '#fee391', 2 '#fe9929', 3 '#cc4c02', 4 '#662506')
set xrange [-1.6:1.6]
set yrange [-0.5:2.0]
plot data index 12 using 1:2:3 with image notitle, \
     $contours1 using 1:2 with lines lw 0.8 lc rgb '#444444' notitle, \
     data index 13 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'gradient descent', \
     data index 14 using 1:2 with lines lw 2 lc rgb '#009E73' title 'momentum 0.9', \
     data index 15 using 1:2 with lines lw 2 lc rgb '#CC79A7' title 'momentum 0.99', \
     data index 16 using 1:2 with lines lw 2 lc rgb '#E69F00' title 'Nesterov 0.9', \
     data index 17 using 1:2 with points pt 7 ps 0.6 lc rgb '#000000' title 'minimum'
reset
set grid lc rgb '#dddddd'
set title 'Rosenbrock: f per step'
set xlabel 'step'
set ylabel 'f (log scale)'
set logscale y
set format y '%g'
set key top right opaque box lc rgb '#cccccc'
plot data index 18 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'gradient descent', \
     data index 19 using 1:2 with lines lw 2 lc rgb '#009E73' title 'momentum 0.9', \
     data index 20 using 1:2 with lines lw 2 lc rgb '#CC79A7' title 'momentum 0.99', \
     data index 21 using 1:2 with lines lw 2 lc rgb '#E69F00' title 'Nesterov 0.9'
unset multiplot
set output
}
