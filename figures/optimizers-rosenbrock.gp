# optimizers-rosenbrock: written by Training Techniques Lab.
# Redraw with `gnuplot optimizers-rosenbrock.gp` from any folder; the data is optimizers-rosenbrock.dat beside it,
# one block per series (select with `index`). Edit freely: it is plain gnuplot.
script_dir = ARG0
n = strlen(script_dir)
while (n > 0 && script_dir[n:n] ne '/') { n = n - 1 }
script_dir = (n > 0) ? script_dir[1:n] : ''
data = script_dir.'optimizers-rosenbrock.dat'
if (!exists('output_suffix')) output_suffix = ''
# gnuplot -e "preview='dumb size 120,40'" draws the figure on standard output instead. A text
# terminal draws a band's outline, not its fill, and cannot turn a label or dash a line:
# the preview leaves the bands and the grid out, writes each y label under its panel's
# title, and names the lines told apart only by their dashes in the key.
if (!exists('preview')) preview = ''
do for [format in (preview eq '' ? 'png svg' : 'preview')] {
if (format eq 'png') {
  set terminal pngcairo noenhanced size 1260,990 font 'DejaVu Sans,14'
} else {
  if (format eq 'svg') {
    set terminal svg noenhanced size 1260,990 font 'DejaVu Sans,14' background '#ffffff'
  } else {
    eval('set terminal '.preview)
  }
}
if (format eq 'preview') { set output } else { set output script_dir.'optimizers-rosenbrock.'.format.output_suffix }
set multiplot layout 3,3 title 'Rosenbrock''s valley, 2000 steps from (−1.2, 1.2) towards the minimum (1, 1) (black); titles: distance at the end'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'SGD, lr 0.001: 0.59'
set xlabel 'x'
set ylabel 'y'
if (format eq 'preview') { set title 'SGD, lr 0.001: 0.59'."\n".'y: y'; unset ylabel; unset y2label }
set xrange [-1.6960000000000002:1.6960000000000002]
set yrange [-0.575:2.075]
set border 3
set tics out nomirror
unset key
set contour base
set cntrparam levels discrete -2.725433631616924,-2.197790893239125,-1.6701481548613255,-1.1425054164835262,-0.6148626781057267,-0.08721993972792808,0.44042279864987144,0.9680655370276705,1.4957082754054705,2.0233510137832695,2.5509937521610686
unset surface
set table $contours0
splot data index 0 using 1:2:3 with lines notitle
unset table
unset contour
set xrange [-1.6960000000000002:1.6960000000000002]
set yrange [-0.575:2.075]
plot $contours0 using 1:2 with lines lw 1 lc rgb '#c8c8c8' notitle, \
     data index 1 using 1:2 with lines lw 2 lc rgb '#332288' title 'SGD', \
     data index 2 using 1:2 with points pt 7 ps 0.6 lc rgb '#332288' title (format eq 'preview' ? 'SGD, points' : ''), \
     data index 3 using 1:2 with points pt 7 ps 0.6 lc rgb '#000000' title 'minimum'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'momentum 0.9, lr 0.001: 2e-04'
set xlabel 'x'
set ylabel 'y'
if (format eq 'preview') { set title 'momentum 0.9, lr 0.001: 2e-04'."\n".'y: y'; unset ylabel; unset y2label }
set xrange [-1.6960000000000002:1.6960000000000002]
set yrange [-0.575:2.075]
set border 3
set tics out nomirror
unset key
set contour base
set cntrparam levels discrete -2.725433631616924,-2.197790893239125,-1.6701481548613255,-1.1425054164835262,-0.6148626781057267,-0.08721993972792808,0.44042279864987144,0.9680655370276705,1.4957082754054705,2.0233510137832695,2.5509937521610686
unset surface
set table $contours1
splot data index 4 using 1:2:3 with lines notitle
unset table
unset contour
set xrange [-1.6960000000000002:1.6960000000000002]
set yrange [-0.575:2.075]
plot $contours1 using 1:2 with lines lw 1 lc rgb '#c8c8c8' notitle, \
     data index 5 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'momentum 0.9', \
     data index 6 using 1:2 with points pt 7 ps 0.6 lc rgb '#0072B2' title (format eq 'preview' ? 'momentum 0.9, points' : ''), \
     data index 7 using 1:2 with points pt 7 ps 0.6 lc rgb '#000000' title 'minimum'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'Nesterov 0.9, lr 0.001: 2e-04'
set xlabel 'x'
set ylabel 'y'
if (format eq 'preview') { set title 'Nesterov 0.9, lr 0.001: 2e-04'."\n".'y: y'; unset ylabel; unset y2label }
set xrange [-1.6960000000000002:1.6960000000000002]
set yrange [-0.575:2.075]
set border 3
set tics out nomirror
unset key
set contour base
set cntrparam levels discrete -2.725433631616924,-2.197790893239125,-1.6701481548613255,-1.1425054164835262,-0.6148626781057267,-0.08721993972792808,0.44042279864987144,0.9680655370276705,1.4957082754054705,2.0233510137832695,2.5509937521610686
unset surface
set table $contours2
splot data index 8 using 1:2:3 with lines notitle
unset table
unset contour
set xrange [-1.6960000000000002:1.6960000000000002]
set yrange [-0.575:2.075]
plot $contours2 using 1:2 with lines lw 1 lc rgb '#c8c8c8' notitle, \
     data index 9 using 1:2 with lines lw 2 lc rgb '#56B4E9' title 'Nesterov 0.9', \
     data index 10 using 1:2 with points pt 7 ps 0.6 lc rgb '#56B4E9' title (format eq 'preview' ? 'Nesterov 0.9, points' : ''), \
     data index 11 using 1:2 with points pt 7 ps 0.6 lc rgb '#000000' title 'minimum'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'AdaGrad, lr 0.5: 0.3'
set xlabel 'x'
set ylabel 'y'
if (format eq 'preview') { set title 'AdaGrad, lr 0.5: 0.3'."\n".'y: y'; unset ylabel; unset y2label }
set xrange [-1.6960000000000002:1.6960000000000002]
set yrange [-0.575:2.075]
set border 3
set tics out nomirror
unset key
set contour base
set cntrparam levels discrete -2.725433631616924,-2.197790893239125,-1.6701481548613255,-1.1425054164835262,-0.6148626781057267,-0.08721993972792808,0.44042279864987144,0.9680655370276705,1.4957082754054705,2.0233510137832695,2.5509937521610686
unset surface
set table $contours3
splot data index 12 using 1:2:3 with lines notitle
unset table
unset contour
set xrange [-1.6960000000000002:1.6960000000000002]
set yrange [-0.575:2.075]
plot $contours3 using 1:2 with lines lw 1 lc rgb '#c8c8c8' notitle, \
     data index 13 using 1:2 with lines lw 2 lc rgb '#009E73' title 'AdaGrad', \
     data index 14 using 1:2 with points pt 7 ps 0.6 lc rgb '#009E73' title (format eq 'preview' ? 'AdaGrad, points' : ''), \
     data index 15 using 1:2 with points pt 7 ps 0.6 lc rgb '#000000' title 'minimum'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'RMSprop, lr 0.01: 0.11'
set xlabel 'x'
set ylabel 'y'
if (format eq 'preview') { set title 'RMSprop, lr 0.01: 0.11'."\n".'y: y'; unset ylabel; unset y2label }
set xrange [-1.6960000000000002:1.6960000000000002]
set yrange [-0.575:2.075]
set border 3
set tics out nomirror
unset key
set contour base
set cntrparam levels discrete -2.725433631616924,-2.197790893239125,-1.6701481548613255,-1.1425054164835262,-0.6148626781057267,-0.08721993972792808,0.44042279864987144,0.9680655370276705,1.4957082754054705,2.0233510137832695,2.5509937521610686
unset surface
set table $contours4
splot data index 16 using 1:2:3 with lines notitle
unset table
unset contour
set xrange [-1.6960000000000002:1.6960000000000002]
set yrange [-0.575:2.075]
plot $contours4 using 1:2 with lines lw 1 lc rgb '#c8c8c8' notitle, \
     data index 17 using 1:2 with lines lw 2 lc rgb '#E69F00' title 'RMSprop', \
     data index 18 using 1:2 with points pt 7 ps 0.6 lc rgb '#E69F00' title (format eq 'preview' ? 'RMSprop, points' : ''), \
     data index 19 using 1:2 with points pt 7 ps 0.6 lc rgb '#000000' title 'minimum'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'Adam, lr 0.05: 9e-07'
set xlabel 'x'
set ylabel 'y'
if (format eq 'preview') { set title 'Adam, lr 0.05: 9e-07'."\n".'y: y'; unset ylabel; unset y2label }
set xrange [-1.6960000000000002:1.6960000000000002]
set yrange [-0.575:2.075]
set border 3
set tics out nomirror
unset key
set contour base
set cntrparam levels discrete -2.725433631616924,-2.197790893239125,-1.6701481548613255,-1.1425054164835262,-0.6148626781057267,-0.08721993972792808,0.44042279864987144,0.9680655370276705,1.4957082754054705,2.0233510137832695,2.5509937521610686
unset surface
set table $contours5
splot data index 20 using 1:2:3 with lines notitle
unset table
unset contour
set xrange [-1.6960000000000002:1.6960000000000002]
set yrange [-0.575:2.075]
plot $contours5 using 1:2 with lines lw 1 lc rgb '#c8c8c8' notitle, \
     data index 21 using 1:2 with lines lw 2 lc rgb '#D55E00' title 'Adam', \
     data index 22 using 1:2 with points pt 7 ps 0.6 lc rgb '#D55E00' title (format eq 'preview' ? 'Adam, points' : ''), \
     data index 23 using 1:2 with points pt 7 ps 0.6 lc rgb '#000000' title 'minimum'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'NAdam, lr 0.05: 0.15'
set xlabel 'x'
set ylabel 'y'
if (format eq 'preview') { set title 'NAdam, lr 0.05: 0.15'."\n".'y: y'; unset ylabel; unset y2label }
set xrange [-1.6960000000000002:1.6960000000000002]
set yrange [-0.575:2.075]
set border 3
set tics out nomirror
unset key
set contour base
set cntrparam levels discrete -2.725433631616924,-2.197790893239125,-1.6701481548613255,-1.1425054164835262,-0.6148626781057267,-0.08721993972792808,0.44042279864987144,0.9680655370276705,1.4957082754054705,2.0233510137832695,2.5509937521610686
unset surface
set table $contours6
splot data index 24 using 1:2:3 with lines notitle
unset table
unset contour
set xrange [-1.6960000000000002:1.6960000000000002]
set yrange [-0.575:2.075]
plot $contours6 using 1:2 with lines lw 1 lc rgb '#c8c8c8' notitle, \
     data index 25 using 1:2 with lines lw 2 lc rgb '#CC79A7' title 'NAdam', \
     data index 26 using 1:2 with points pt 7 ps 0.6 lc rgb '#CC79A7' title (format eq 'preview' ? 'NAdam, points' : ''), \
     data index 27 using 1:2 with points pt 7 ps 0.6 lc rgb '#000000' title 'minimum'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'AdamW (decay 0.01), lr 0.05: 0.055'
set xlabel 'x'
set ylabel 'y'
if (format eq 'preview') { set title 'AdamW (decay 0.01), lr 0.05: 0.055'."\n".'y: y'; unset ylabel; unset y2label }
set xrange [-1.6960000000000002:1.6960000000000002]
set yrange [-0.575:2.075]
set border 3
set tics out nomirror
unset key
set contour base
set cntrparam levels discrete -2.725433631616924,-2.197790893239125,-1.6701481548613255,-1.1425054164835262,-0.6148626781057267,-0.08721993972792808,0.44042279864987144,0.9680655370276705,1.4957082754054705,2.0233510137832695,2.5509937521610686
unset surface
set table $contours7
splot data index 28 using 1:2:3 with lines notitle
unset table
unset contour
set xrange [-1.6960000000000002:1.6960000000000002]
set yrange [-0.575:2.075]
plot $contours7 using 1:2 with lines lw 1 lc rgb '#c8c8c8' notitle, \
     data index 29 using 1:2 with lines lw 2 lc rgb '#882255' title 'AdamW (decay 0.01)', \
     data index 30 using 1:2 with points pt 7 ps 0.6 lc rgb '#882255' title (format eq 'preview' ? 'AdamW (decay 0.01), points' : ''), \
     data index 31 using 1:2 with points pt 7 ps 0.6 lc rgb '#000000' title 'minimum'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'AdaDelta, lr 1.0: 0.63'
set xlabel 'x'
set ylabel 'y'
if (format eq 'preview') { set title 'AdaDelta, lr 1.0: 0.63'."\n".'y: y'; unset ylabel; unset y2label }
set xrange [-1.6960000000000002:1.6960000000000002]
set yrange [-0.575:2.075]
set border 3
set tics out nomirror
unset key
set contour base
set cntrparam levels discrete -2.725433631616924,-2.197790893239125,-1.6701481548613255,-1.1425054164835262,-0.6148626781057267,-0.08721993972792808,0.44042279864987144,0.9680655370276705,1.4957082754054705,2.0233510137832695,2.5509937521610686
unset surface
set table $contours8
splot data index 32 using 1:2:3 with lines notitle
unset table
unset contour
set xrange [-1.6960000000000002:1.6960000000000002]
set yrange [-0.575:2.075]
plot $contours8 using 1:2 with lines lw 1 lc rgb '#c8c8c8' notitle, \
     data index 33 using 1:2 with lines lw 2 lc rgb '#8C510A' title 'AdaDelta', \
     data index 34 using 1:2 with points pt 7 ps 0.6 lc rgb '#8C510A' title (format eq 'preview' ? 'AdaDelta, points' : ''), \
     data index 35 using 1:2 with points pt 7 ps 0.6 lc rgb '#000000' title 'minimum'
unset multiplot
set output
}
