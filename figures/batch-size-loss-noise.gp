# batch-size-loss-noise: written by Training Techniques Lab.
# Redraw with `gnuplot batch-size-loss-noise.gp` from any folder; the data is batch-size-loss-noise.dat beside it,
# one block per series (select with `index`). Edit freely: it is plain gnuplot.
script_dir = ARG0
n = strlen(script_dir)
while (n > 0 && script_dir[n:n] ne '/') { n = n - 1 }
script_dir = (n > 0) ? script_dir[1:n] : ''
data = script_dir.'batch-size-loss-noise.dat'
if (!exists('output_suffix')) output_suffix = ''
# gnuplot -e "preview='dumb size 120,40'" draws the figure on standard output instead. A text
# terminal draws a band's outline, not its fill, and cannot turn a label or dash a line:
# the preview leaves the bands and the grid out, writes each y label under its panel's
# title, and names the lines told apart only by their dashes in the key.
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
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'std of the minibatch loss against the batch size (mean ± std over networks); arms of one size side by side'
set xlabel 'batch size B (log scale)'
set ylabel 'std of the minibatch loss (log scale)'
if (format eq 'preview') { set title 'std of the minibatch loss against the batch size (mean ± std over networks); arms of one size side by side'."\n".'y: std of the minibatch loss (log scale)'; unset ylabel; unset y2label }
set logscale x
set format x '%g'
set logscale y
set format y '%g'
set xrange [12.307692307692307:1331.2]
set ytics ('0.01' 0.01, '0.02' 0.02, '0.05' 0.05, '0.1' 0.1, '0.2' 0.2, '0.5' 0.5, '1' 1.0)
set xtics ('16' 16.0, '32' 32.0, '64' 64.0, '128' 128.0, '256' 256.0, '512' 512.0, '1024' 1024.0)
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
plot data index 0 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#888888' notitle, \
     data index 1 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#888888' title 'trained networks frozen, fresh random batches (all 40: every arm, every seed)', \
     data index 2 using 1:2 with lines lw 2 dt 2 lc rgb '#000000' title '1/√B law fitted to the frozen points: σ(B) = 0.94/√B', \
     data index 3 using 1:2 with points pt 7 ps 1.6 lc rgb '#0072B2' title 'during training, last epoch: batch 64, lr 0.1', \
     data index 3 using 1:2 with points pt 6 ps 1.6 lw 1.5 lc rgb '#000000' notitle, \
     data index 4 using 1:2 with points pt 7 ps 1.6 lc rgb '#D55E00' title 'during training, last epoch: batch 1024, lr 0.1', \
     data index 4 using 1:2 with points pt 6 ps 1.6 lw 1.5 lc rgb '#000000' notitle, \
     data index 5 using 1:2 with points pt 7 ps 1.6 lc rgb '#009E73' title 'during training, last epoch: batch 1024, lr 0.4 (√B)', \
     data index 5 using 1:2 with points pt 6 ps 1.6 lw 1.5 lc rgb '#000000' notitle, \
     data index 6 using 1:2 with points pt 7 ps 1.6 lc rgb '#CC79A7' title 'during training, last epoch: batch 1024, lr 1.6 (∝B, warm-up)', \
     data index 6 using 1:2 with points pt 6 ps 1.6 lw 1.5 lc rgb '#000000' notitle
unset multiplot
set output
}
