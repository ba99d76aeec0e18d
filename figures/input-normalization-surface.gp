# input-normalization-surface: written by Training Techniques Lab.
# Redraw with `gnuplot input-normalization-surface.gp` from any folder; the data is input-normalization-surface.dat beside it,
# one block per series (select with `index`). Edit freely: it is plain gnuplot.
script_dir = ARG0
n = strlen(script_dir)
while (n > 0 && script_dir[n:n] ne '/') { n = n - 1 }
script_dir = (n > 0) ? script_dir[1:n] : ''
data = script_dir.'input-normalization-surface.dat'
if (!exists('output_suffix')) output_suffix = ''
# gnuplot -e "preview='dumb size 120,40'" draws the figure on standard output instead.
if (!exists('preview')) preview = ''
do for [format in (preview eq '' ? 'png svg' : 'preview')] {
if (format eq 'png') {
  set terminal pngcairo noenhanced size 1440,470 font 'DejaVu Sans,16'
} else {
  if (format eq 'svg') {
    set terminal svg noenhanced size 1440,470 font 'DejaVu Sans,16' background '#ffffff'
  } else {
    eval('set terminal '.preview)
  }
}
if (format eq 'preview') { set output } else { set output script_dir.'input-normalization-surface.'.format.output_suffix }
set multiplot layout 1,3 title 'contours of log₁₀(MSE) over (w₁, w₂), the bias at its best for each pair; the path moves in (w₁, w₂, b), drawn in (w₁, w₂)'
reset
set grid lc rgb '#dddddd'
set title 'raw features (scales 1 and 10)'
set xlabel 'w₁'
set ylabel 'w₂'
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
set xrange [-0.399805361032486:2.3985077679157256]
set yrange [-0.17616956830024721:0.6839666903018952]
plot $contours0 using 1:2 with lines lw 1 lc rgb '#c8c8c8' notitle, \
     data index 1 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'descent, lr 0.00316', \
     data index 2 using 1:2 with points pt 7 ps 0.6 lc rgb '#0072B2' notitle, \
     data index 3 using 1:2 with points pt 7 ps 0.6 lc rgb '#000000' title 'minimum'
reset
set grid lc rgb '#dddddd'
set title 'standardized features'
set xlabel 'w₁'
set ylabel 'w₂'
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
set xrange [-0.5029633522033692:3.18938570022583]
set yrange [-0.6639091610908507:4.42330356836319]
plot $contours1 using 1:2 with lines lw 1 lc rgb '#c8c8c8' notitle, \
     data index 5 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'descent, lr 0.562', \
     data index 6 using 1:2 with points pt 7 ps 0.6 lc rgb '#0072B2' notitle, \
     data index 7 using 1:2 with points pt 7 ps 0.6 lc rgb '#000000' title 'minimum'
reset
set grid lc rgb '#dddddd'
set title 'loss per step, best stable rates'
set xlabel 'step'
set ylabel 'mean squared error'
set logscale x
set format x '%g'
set logscale y
set format y '%g'
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
plot data index 8 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'raw, lr 0.00316', \
     data index 9 using 1:2 with lines lw 2 lc rgb '#D55E00' title 'standardized, lr 0.562'
unset multiplot
set output
}
