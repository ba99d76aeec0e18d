# input-normalization-excess-loss: written by Training Techniques Lab.
# Redraw with `gnuplot input-normalization-excess-loss.gp` from any folder; the data is input-normalization-excess-loss.dat beside it,
# one block per series (select with `index`). Edit freely: it is plain gnuplot.
script_dir = ARG0
n = strlen(script_dir)
while (n > 0 && script_dir[n:n] ne '/') { n = n - 1 }
script_dir = (n > 0) ? script_dir[1:n] : ''
data = script_dir.'input-normalization-excess-loss.dat'
if (!exists('output_suffix')) output_suffix = ''
# gnuplot -e "preview='dumb size 120,40'" draws the figure on standard output instead.
if (!exists('preview')) preview = ''
do for [format in (preview eq '' ? 'png svg' : 'preview')] {
if (format eq 'png') {
  set terminal pngcairo noenhanced size 880,480 font 'DejaVu Sans,10'
} else {
  if (format eq 'svg') {
    set terminal svg noenhanced size 880,480 font 'DejaVu Sans,10' background '#ffffff'
  } else {
    eval('set terminal '.preview)
  }
}
if (format eq 'preview') { set output } else { set output script_dir.'input-normalization-excess-loss.'.format.output_suffix }
set multiplot layout 1,1
reset
set grid lc rgb '#dddddd'
set title 'excess loss L − L* per step (solid) and its bound (L₀ − L*)·r²ᵗ from the curvature (dashed)'
set xlabel 'step'
set ylabel 'L − L* (log scale)'
set logscale y
set format y '%g'
set mytics 1
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
plot data index 0 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'raw, lr 0.00316', \
     data index 1 using 1:2 with lines lw 2 dt 2 lc rgb '#0072B2' title 'dashed: the curvature''s bound', \
     data index 2 using 1:2 with lines lw 2 lc rgb '#D55E00' title 'centred, lr 0.00562', \
     data index 3 using 1:2 with lines lw 2 dt 2 lc rgb '#D55E00' notitle, \
     data index 4 using 1:2 with lines lw 2 lc rgb '#009E73' title 'scaled, lr 0.178', \
     data index 5 using 1:2 with lines lw 2 dt 2 lc rgb '#009E73' notitle, \
     data index 6 using 1:2 with lines lw 2 lc rgb '#CC79A7' title 'standardized, lr 0.562', \
     data index 7 using 1:2 with lines lw 2 dt 2 lc rgb '#CC79A7' notitle
unset multiplot
set output
}
