# input-normalization-surface: written by Training Techniques Lab.
# Redraw with `gnuplot input-normalization-surface.gp` from any folder; the data is input-normalization-surface.dat beside it,
# one block per series (select with `index`). Edit freely: it is plain gnuplot.
script_dir = ARG0
n = strlen(script_dir)
while (n > 0 && script_dir[n:n] ne '/') { n = n - 1 }
script_dir = (n > 0) ? script_dir[1:n] : ''
data = script_dir.'input-normalization-surface.dat'
if (!exists('output_suffix')) output_suffix = ''
# gnuplot -e "preview='dumb size 120,40'" draws the figure on standard output instead. A text
# terminal draws a band's outline, not its fill, and cannot turn a label or dash a line:
# the preview leaves the bands and the grid out, writes each y label under its panel's
# title, and names the lines told apart only by their dashes in the key.
if (!exists('preview')) preview = ''
do for [format in (preview eq '' ? 'png svg' : 'preview')] {
if (format eq 'png') {
  set terminal pngcairo noenhanced size 1280,1150 font 'DejaVu Sans,15'
} else {
  if (format eq 'svg') {
    set terminal svg noenhanced size 1280,1150 font 'DejaVu Sans,15' background '#ffffff'
  } else {
    eval('set terminal '.preview)
  }
}
if (format eq 'preview') { set output } else { set output script_dir.'input-normalization-surface.'.format.output_suffix }
set multiplot layout 2,2 title 'log₁₀(MSE) over (w₁, w₂) with the bias at its best, every panel on the same axes with equal units; paths drawn in (w₁, w₂)'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'raw features, κ = 567, lr 0.00316'
set xlabel 'w₁'
set ylabel 'w₂'
if (format eq 'preview') { set title 'raw features, κ = 567, lr 0.00316'."\n".'y: w₂'; unset ylabel; unset y2label }
set size ratio -1
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
set contour base
set cntrparam levels auto 12
unset surface
set table $contours0
splot data index 0 using 1:2:3 with lines notitle
unset table
unset contour
set xrange [-0.6639091610908507:3.3503315091133117]
set yrange [-0.6639091610908507:4.42330356836319]
plot $contours0 using 1:2 with lines lw 1 lc rgb '#c8c8c8' notitle, \
     data index 1 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'gradient descent', \
     data index 2 using 1:2 with points pt 7 ps 0.6 lc rgb '#0072B2' title (format eq 'preview' ? 'gradient descent, points' : ''), \
     data index 3 using 1:2 with points pt 7 ps 0.6 lc rgb '#000000' title 'minimum'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'centred features, κ = 106, lr 0.00562'
set xlabel 'w₁'
set ylabel 'w₂'
if (format eq 'preview') { set title 'centred features, κ = 106, lr 0.00562'."\n".'y: w₂'; unset ylabel; unset y2label }
set size ratio -1
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
set contour base
set cntrparam levels auto 12
unset surface
set table $contours1
splot data index 4 using 1:2:3 with lines notitle
unset table
unset contour
set xrange [-0.6639091610908507:3.3503315091133117]
set yrange [-0.6639091610908507:4.42330356836319]
plot $contours1 using 1:2 with lines lw 1 lc rgb '#c8c8c8' notitle, \
     data index 5 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'gradient descent', \
     data index 6 using 1:2 with points pt 7 ps 0.6 lc rgb '#0072B2' title (format eq 'preview' ? 'gradient descent, points' : ''), \
     data index 7 using 1:2 with points pt 7 ps 0.6 lc rgb '#000000' title 'minimum'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'scaled features, κ = 10.9, lr 0.178'
set xlabel 'w₁'
set ylabel 'w₂'
if (format eq 'preview') { set title 'scaled features, κ = 10.9, lr 0.178'."\n".'y: w₂'; unset ylabel; unset y2label }
set size ratio -1
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
set contour base
set cntrparam levels auto 12
unset surface
set table $contours2
splot data index 8 using 1:2:3 with lines notitle
unset table
unset contour
set xrange [-0.6639091610908507:3.3503315091133117]
set yrange [-0.6639091610908507:4.42330356836319]
plot $contours2 using 1:2 with lines lw 1 lc rgb '#c8c8c8' notitle, \
     data index 9 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'gradient descent', \
     data index 10 using 1:2 with points pt 7 ps 0.6 lc rgb '#0072B2' title (format eq 'preview' ? 'gradient descent, points' : ''), \
     data index 11 using 1:2 with points pt 7 ps 0.6 lc rgb '#000000' title 'minimum'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'standardized features, κ = 1.3, lr 0.562'
set xlabel 'w₁'
set ylabel 'w₂'
if (format eq 'preview') { set title 'standardized features, κ = 1.3, lr 0.562'."\n".'y: w₂'; unset ylabel; unset y2label }
set size ratio -1
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
set contour base
set cntrparam levels auto 12
unset surface
set table $contours3
splot data index 12 using 1:2:3 with lines notitle
unset table
unset contour
set xrange [-0.6639091610908507:3.3503315091133117]
set yrange [-0.6639091610908507:4.42330356836319]
plot $contours3 using 1:2 with lines lw 1 lc rgb '#c8c8c8' notitle, \
     data index 13 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'gradient descent', \
     data index 14 using 1:2 with points pt 7 ps 0.6 lc rgb '#0072B2' title (format eq 'preview' ? 'gradient descent, points' : ''), \
     data index 15 using 1:2 with points pt 7 ps 0.6 lc rgb '#000000' title 'minimum'
unset multiplot
set output
}
