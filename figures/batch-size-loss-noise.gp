# batch-size-loss-noise: written by Training Techniques Lab.
# Redraw with `gnuplot batch-size-loss-noise.gp` from any folder; the data is batch-size-loss-noise.dat beside it,
# one block per series (select with `index`). Edit freely: it is plain gnuplot.
script_dir = ARG0
n = strlen(script_dir)
while (n > 0 && script_dir[n:n] ne '/') { n = n - 1 }
script_dir = (n > 0) ? script_dir[1:n] : ''
data = script_dir.'batch-size-loss-noise.dat'
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
if (format eq 'preview') { set output } else { set output script_dir.'batch-size-loss-noise.'.format.output_suffix }
set multiplot layout 1,1
reset
set grid lc rgb '#dddddd'
set title 'std of the minibatch loss (mean ± std over seeds) and the averaging law'
set xlabel 'batch size B (log scale)'
set ylabel 'std of the minibatch loss (log scale)'
set logscale x
set format x '%g'
set logscale y
set format y '%g'
set xrange [42.666666666666664:1536.0]
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
plot data index 0 using 1:2:3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#0072B2' notitle, \
     data index 1 using 1:2:3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#D55E00' notitle, \
     data index 2 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#0072B2' title 'measured during training (each batch size''s own run, last epoch)', \
     data index 3 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#D55E00' title 'fresh batches through batch 64''s trained networks, weights frozen', \
     data index 4 using 1:2 with lines lw 2 dt 2 lc rgb '#000000' title 'prediction σ(B) = σ(64)·√(64/B)'
unset multiplot
set output
}
