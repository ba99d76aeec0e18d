# input-normalization-excess-loss: written by Training Techniques Lab.
# Redraw with `gnuplot input-normalization-excess-loss.gp` from any folder; the data is input-normalization-excess-loss.dat beside it,
# one block per series (select with `index`). Edit freely: it is plain gnuplot.
script_dir = ARG0
n = strlen(script_dir)
while (n > 0 && script_dir[n:n] ne '/') { n = n - 1 }
script_dir = (n > 0) ? script_dir[1:n] : ''
data = script_dir.'input-normalization-excess-loss.dat'
if (!exists('output_suffix')) output_suffix = ''
# gnuplot -e "preview='dumb size 120,40'" draws the figure on standard output instead. A text
# terminal draws a band's outline, not its fill, and cannot turn a label or dash a line:
# the preview leaves the bands and the grid out, writes each y label under its panel's
# title, and names the lines told apart only by their dashes in the key.
if (!exists('preview')) preview = ''
do for [format in (preview eq '' ? 'png svg' : 'preview')] {
if (format eq 'png') {
  set terminal pngcairo noenhanced size 880,720 font 'DejaVu Sans,10'
} else {
  if (format eq 'svg') {
    set terminal svg noenhanced size 880,720 font 'DejaVu Sans,10' background '#ffffff'
  } else {
    eval('set terminal '.preview)
  }
}
if (format eq 'preview') { set output } else { set output script_dir.'input-normalization-excess-loss.'.format.output_suffix }
set multiplot layout 2,1
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'excess loss L − L* per step (solid) and its bound (L₀ − L*)·r²ᵗ from the curvature (dashed)'
set xlabel 'step'
set ylabel 'L − L* (log scale)'
if (format eq 'preview') { set title 'excess loss L − L* per step (solid) and its bound (L₀ − L*)·r²ᵗ from the curvature (dashed)'."\n".'y: L − L* (log scale)'; unset ylabel; unset y2label }
set logscale y
set format y '%g'
set mytics 1
set yrange [2.5915062945822015e-07:42.837863221764565]
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
plot data index 0 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'raw, lr 0.00316', \
     data index 1 using 1:2 with lines lw 2 dt 2 lc rgb '#0072B2' title 'dashed: the curvature''s bound', \
     data index 2 using 1:2 with lines lw 2 lc rgb '#D55E00' title 'centred, lr 0.00562', \
     data index 3 using 1:2 with lines lw 2 dt 2 lc rgb '#D55E00' title (format eq 'preview' ? 'centred, lr 0.00562, dashed' : ''), \
     data index 4 using 1:2 with lines lw 2 lc rgb '#009E73' title 'scaled, lr 0.178', \
     data index 5 using 1:2 with lines lw 2 dt 2 lc rgb '#009E73' title (format eq 'preview' ? 'scaled, lr 0.178, dashed' : ''), \
     data index 6 using 1:2 with lines lw 2 lc rgb '#CC79A7' title 'standardized, lr 0.562', \
     data index 7 using 1:2 with lines lw 2 dt 2 lc rgb '#CC79A7' title (format eq 'preview' ? 'standardized, lr 0.562, dashed' : '')
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'the same, first 61 steps'
set xlabel 'step'
set ylabel 'L − L* (log scale)'
if (format eq 'preview') { set title 'the same, first 61 steps'."\n".'y: L − L* (log scale)'; unset ylabel; unset y2label }
set logscale y
set format y '%g'
set mytics 1
set xrange [0.0:61.0]
set yrange [2.5915062945822015e-07:42.837863221764565]
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
plot data index 8 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'raw, lr 0.00316', \
     data index 9 using 1:2 with lines lw 2 dt 2 lc rgb '#0072B2' title 'dashed: the curvature''s bound', \
     data index 10 using 1:2 with lines lw 2 lc rgb '#D55E00' title 'centred, lr 0.00562', \
     data index 11 using 1:2 with lines lw 2 dt 2 lc rgb '#D55E00' title (format eq 'preview' ? 'centred, lr 0.00562, dashed' : ''), \
     data index 12 using 1:2 with lines lw 2 lc rgb '#009E73' title 'scaled, lr 0.178', \
     data index 13 using 1:2 with lines lw 2 dt 2 lc rgb '#009E73' title (format eq 'preview' ? 'scaled, lr 0.178, dashed' : ''), \
     data index 14 using 1:2 with lines lw 2 lc rgb '#CC79A7' title 'standardized, lr 0.562', \
     data index 15 using 1:2 with lines lw 2 dt 2 lc rgb '#CC79A7' title (format eq 'preview' ? 'standardized, lr 0.562, dashed' : '')
unset multiplot
set output
}
