# optimizers-differences: written by Training Techniques Lab.
# Redraw with `gnuplot optimizers-differences.gp` from any folder; the data is optimizers-differences.dat beside it,
# one block per series (select with `index`). Edit freely: it is plain gnuplot.
script_dir = ARG0
n = strlen(script_dir)
while (n > 0 && script_dir[n:n] ne '/') { n = n - 1 }
script_dir = (n > 0) ? script_dir[1:n] : ''
data = script_dir.'optimizers-differences.dat'
if (!exists('output_suffix')) output_suffix = ''
# gnuplot -e "preview='dumb size 120,40'" draws the figure on standard output instead. A text
# terminal draws a band's outline, not its fill, and cannot turn a label or dash a line:
# the preview leaves the bands and the grid out, writes each y label under its panel's
# title, and names the lines told apart only by their dashes in the key.
if (!exists('preview')) preview = ''
do for [format in (preview eq '' ? 'png svg' : 'preview')] {
if (format eq 'png') {
  set terminal pngcairo noenhanced size 880,510 font 'DejaVu Sans,10'
} else {
  if (format eq 'svg') {
    set terminal svg noenhanced size 880,510 font 'DejaVu Sans,10' background '#ffffff'
  } else {
    eval('set terminal '.preview)
  }
}
if (format eq 'preview') { set output } else { set output script_dir.'optimizers-differences.'.format.output_suffix }
set multiplot layout 1,1 title 'Test accuracy (5000 images) at each optimizer''s chosen rate − Adam''s, paired over 10 seeds; left of 0: worse'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'mean and 95 % interval, Holm over 8 comparisons'
set xlabel 'difference in test accuracy (points)'
set xrange [-8.102763814698395:0.5246957856858949]
set yrange [-0.6:7.6]
set ytics ('AdamW (weight decay 0.01)  −0.21 ± 0.35' 7.0, 'AdaGrad  −1.12 ± 0.69' 6.0, 'SGD + momentum 0.9  −0.83 ± 0.61' 5.0, 'Nesterov 0.9  −1.91 ± 0.99' 4.0, 'NAdam  −1.77 ± 0.60' 3.0, 'AdaDelta  −2.72 ± 1.19' 2.0, 'RMSprop  −2.83 ± 0.75' 1.0, 'SGD  −5.83 ± 1.88' 0.0)
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
plot data index 0 using 1:2 with lines lw 2 dt 2 lc rgb '#000000' notitle, \
     data index 1 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'survives Holm', \
     data index 2 using 1:2 with lines lw 2 dt 2 lc rgb '#0072B2' title (format eq 'preview' ? 'survives Holm, dashed' : ''), \
     data index 3 using 1:2 with lines lw 2 lc rgb '#888888' title 'within noise', \
     data index 4 using 1:2 with lines lw 2 dt 2 lc rgb '#888888' title (format eq 'preview' ? 'within noise, dashed' : ''), \
     data index 5 using 1:2 with lines lw 2 dt 2 lc rgb '#000000' title 'dashed bar: borderline (an interval edge within ⅕ of its width of 0)'
unset multiplot
set output
}
