# momentum-surfaces: written by Training Techniques Lab.
# Redraw with `gnuplot momentum-surfaces.gp` from any folder; the data is momentum-surfaces.dat beside it,
# one block per series (select with `index`). Edit freely: it is plain gnuplot.
script_dir = ARG0
n = strlen(script_dir)
while (n > 0 && script_dir[n:n] ne '/') { n = n - 1 }
script_dir = (n > 0) ? script_dir[1:n] : ''
data = script_dir.'momentum-surfaces.dat'
if (!exists('output_suffix')) output_suffix = ''
# gnuplot -e "preview='dumb size 120,40'" draws the figure on standard output instead. A text
# terminal draws a band's outline, not its fill, and cannot turn a label or dash a line:
# the preview leaves the bands and the grid out, writes each y label under its panel's
# title, and names the lines told apart only by their dashes in the key.
if (!exists('preview')) preview = ''
do for [format in (preview eq '' ? 'png svg' : 'preview')] {
if (format eq 'png') {
  set terminal pngcairo noenhanced size 1280,1710 font 'DejaVu Sans,15'
} else {
  if (format eq 'svg') {
    set terminal svg noenhanced size 1280,1710 font 'DejaVu Sans,15' background '#ffffff'
  } else {
    eval('set terminal '.preview)
  }
}
if (format eq 'preview') { set output } else { set output script_dir.'momentum-surfaces.'.format.output_suffix }
set multiplot layout 3,2 title 'Paths from the same start (dots: one per step, or every few steps on long paths)'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'quadratic ½(1.0x² + 20.0y²), lr 0.04'
set xlabel 'x'
set ylabel 'y'
if (format eq 'preview') { set title 'quadratic ½(1.0x² + 20.0y²), lr 0.04'."\n".'y: y'; unset ylabel; unset y2label }
set xrange [-4.7464391183853145:3.961076397895813]
set yrange [-2.12:2.12]
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
set contour base
set cntrparam levels discrete -2.92468565335525,-2.499732345292377,-2.0747790372295043,-1.6498257291666312,-1.224872421103758,-0.7999191130408851,-0.3749658049780118,0.04998750308486066,0.47494081114773357,0.8998941192106069,1.3248474272734794
unset surface
set table $contours0
splot data index 0 using 1:2:3 with lines notitle
unset table
unset contour
set xrange [-4.7464391183853145:3.9610763978958126]
set yrange [-2.12:2.12]
plot $contours0 using 1:2 with lines lw 1 lc rgb '#c8c8c8' notitle, \
     data index 1 using 1:2 with lines lw 2 lc rgb '#009E73' title 'momentum 0.9', \
     data index 2 using 1:2 with points pt 7 ps 0.6 lc rgb '#009E73' title (format eq 'preview' ? 'momentum 0.9, points' : ''), \
     data index 3 using 1:2 with lines lw 2 lc rgb '#882255' title 'Nesterov 0.9', \
     data index 4 using 1:2 with points pt 7 ps 0.6 lc rgb '#882255' title (format eq 'preview' ? 'Nesterov 0.9, points' : ''), \
     data index 5 using 1:2 with lines lw 2 lc rgb '#E69F00' title 'momentum 0.5', \
     data index 6 using 1:2 with points pt 7 ps 0.6 lc rgb '#E69F00' title (format eq 'preview' ? 'momentum 0.5, points' : ''), \
     data index 7 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'gradient descent', \
     data index 8 using 1:2 with points pt 7 ps 0.6 lc rgb '#0072B2' title (format eq 'preview' ? 'gradient descent, points' : ''), \
     data index 9 using 1:2 with points pt 7 ps 0.6 lc rgb '#000000' title 'minimum'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'momentum 0.99 alone, same axes'
set xlabel 'x'
set ylabel 'y'
if (format eq 'preview') { set title 'momentum 0.99 alone, same axes'."\n".'y: y'; unset ylabel; unset y2label }
set xrange [-4.7464391183853145:3.961076397895813]
set yrange [-2.12:2.12]
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
set contour base
set cntrparam levels discrete -2.92468565335525,-2.499732345292377,-2.0747790372295043,-1.6498257291666312,-1.224872421103758,-0.7999191130408851,-0.3749658049780118,0.04998750308486066,0.47494081114773357,0.8998941192106069,1.3248474272734794
unset surface
set table $contours1
splot data index 10 using 1:2:3 with lines notitle
unset table
unset contour
set xrange [-4.7464391183853145:3.9610763978958126]
set yrange [-2.12:2.12]
plot $contours1 using 1:2 with lines lw 1 lc rgb '#c8c8c8' notitle, \
     data index 11 using 1:2 with lines lw 2 lc rgb '#CC79A7' title 'momentum 0.99', \
     data index 12 using 1:2 with points pt 7 ps 0.6 lc rgb '#CC79A7' title (format eq 'preview' ? 'momentum 0.99, points' : ''), \
     data index 13 using 1:2 with points pt 7 ps 0.6 lc rgb '#000000' title 'minimum'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'Rosenbrock, lr 0.001 (momentum 0.9 over Nesterov)'
set xlabel 'x'
set ylabel 'y'
if (format eq 'preview') { set title 'Rosenbrock, lr 0.001 (momentum 0.9 over Nesterov)'."\n".'y: y'; unset ylabel; unset y2label }
set xrange [-1.6960000000000002:1.6960000000000002]
set yrange [-0.575:2.075]
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
set contour base
set cntrparam levels discrete -2.725433631616924,-2.197790893239125,-1.6701481548613255,-1.1425054164835262,-0.6148626781057267,-0.08721993972792808,0.44042279864987144,0.9680655370276705,1.4957082754054705,2.0233510137832695,2.5509937521610686
unset surface
set table $contours2
splot data index 14 using 1:2:3 with lines notitle
unset table
unset contour
set xrange [-1.6960000000000002:1.6960000000000002]
set yrange [-0.575:2.075]
plot $contours2 using 1:2 with lines lw 1 lc rgb '#c8c8c8' notitle, \
     data index 15 using 1:2 with lines lw 2 lc rgb '#882255' title 'Nesterov 0.9', \
     data index 16 using 1:2 with points pt 7 ps 0.6 lc rgb '#882255' title (format eq 'preview' ? 'Nesterov 0.9, points' : ''), \
     data index 17 using 1:2 with lines lw 2 lc rgb '#009E73' title 'momentum 0.9', \
     data index 18 using 1:2 with points pt 7 ps 0.6 lc rgb '#009E73' title (format eq 'preview' ? 'momentum 0.9, points' : ''), \
     data index 19 using 1:2 with points pt 7 ps 0.6 lc rgb '#000000' title 'minimum'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'gradient descent and momentum 0.99, same axes'
set xlabel 'x'
set ylabel 'y'
if (format eq 'preview') { set title 'gradient descent and momentum 0.99, same axes'."\n".'y: y'; unset ylabel; unset y2label }
set xrange [-1.6960000000000002:1.6960000000000002]
set yrange [-0.575:2.075]
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
set contour base
set cntrparam levels discrete -2.725433631616924,-2.197790893239125,-1.6701481548613255,-1.1425054164835262,-0.6148626781057267,-0.08721993972792808,0.44042279864987144,0.9680655370276705,1.4957082754054705,2.0233510137832695,2.5509937521610686
unset surface
set table $contours3
splot data index 20 using 1:2:3 with lines notitle
unset table
unset contour
set xrange [-1.6960000000000002:1.6960000000000002]
set yrange [-0.575:2.075]
plot $contours3 using 1:2 with lines lw 1 lc rgb '#c8c8c8' notitle, \
     data index 21 using 1:2 with lines lw 2 lc rgb '#CC79A7' title 'momentum 0.99 (diverged after 144 steps)', \
     data index 22 using 1:2 with points pt 7 ps 0.6 lc rgb '#CC79A7' title (format eq 'preview' ? 'momentum 0.99 (diverged after 144 steps), points' : ''), \
     data index 23 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'gradient descent', \
     data index 24 using 1:2 with points pt 7 ps 0.6 lc rgb '#0072B2' title (format eq 'preview' ? 'gradient descent, points' : ''), \
     data index 25 using 1:2 with points pt 7 ps 0.6 lc rgb '#000000' title 'minimum'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'bowl: f per step'
set xlabel 'step'
set ylabel 'f (log scale)'
if (format eq 'preview') { set title 'bowl: f per step'."\n".'y: f (log scale)'; unset ylabel; unset y2label }
set logscale y
set format y '%g'
set mytics 1
set ytics ('10⁻⁹' 1e-09, '10⁻⁶' 1e-06, '10⁻³' 0.001, '10⁰' 1.0)
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
plot data index 26 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'gradient descent', \
     data index 27 using 1:2 with lines lw 2 lc rgb '#E69F00' title 'momentum 0.5', \
     data index 28 using 1:2 with lines lw 2 lc rgb '#009E73' title 'momentum 0.9', \
     data index 29 using 1:2 with lines lw 2 lc rgb '#CC79A7' title 'momentum 0.99', \
     data index 30 using 1:2 with lines lw 2 lc rgb '#882255' title 'Nesterov 0.9'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'Rosenbrock: f (Nesterov over momentum 0.9)'
set xlabel 'step'
set ylabel 'f (log scale)'
if (format eq 'preview') { set title 'Rosenbrock: f (Nesterov over momentum 0.9)'."\n".'y: f (log scale)'; unset ylabel; unset y2label }
set logscale y
set format y '%g'
set mytics 1
set ytics ('10⁻¹²' 1e-12, '10⁻⁶' 1e-06, '10⁰' 1.0, '10⁶' 1000000.0, '10¹²' 1000000000000.0)
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
plot data index 31 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'gradient descent', \
     data index 32 using 1:2 with lines lw 2 lc rgb '#009E73' title 'momentum 0.9', \
     data index 33 using 1:2 with lines lw 2 lc rgb '#CC79A7' title 'momentum 0.99 (diverged after 144 steps)', \
     data index 34 using 1:2 with lines lw 2 lc rgb '#882255' title 'Nesterov 0.9'
unset multiplot
set output
}
