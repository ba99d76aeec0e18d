# bias-variance-more-data: written by Training Techniques Lab.
# Redraw with `gnuplot bias-variance-more-data.gp` from any folder; the data is bias-variance-more-data.dat beside it,
# one block per series (select with `index`). Edit freely: it is plain gnuplot.
script_dir = ARG0
n = strlen(script_dir)
while (n > 0 && script_dir[n:n] ne '/') { n = n - 1 }
script_dir = (n > 0) ? script_dir[1:n] : ''
data = script_dir.'bias-variance-more-data.dat'
if (!exists('output_suffix')) output_suffix = ''
# gnuplot -e "preview='dumb size 120,40'" draws the figure on standard output instead. A text
# terminal draws a band's outline, not its fill, and cannot turn a label or dash a line:
# the preview leaves the bands and the grid out, writes each y label under its panel's
# title, and names the lines told apart only by their dashes in the key.
if (!exists('preview')) preview = ''
do for [format in (preview eq '' ? 'png svg' : 'preview')] {
if (format eq 'png') {
  set terminal pngcairo noenhanced size 880,750 font 'DejaVu Sans,10'
} else {
  if (format eq 'svg') {
    set terminal svg noenhanced size 880,750 font 'DejaVu Sans,10' background '#ffffff'
  } else {
    eval('set terminal '.preview)
  }
}
if (format eq 'preview') { set output } else { set output script_dir.'bias-variance-more-data.'.format.output_suffix }
set multiplot layout 2,1 title 'Softmax regression on Fashion-MNIST subsets, tested on the same 10000 images'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'each size trained for ≥ 25320 steps and ≥ 30 epochs; mean ± std over 10 seeds'
set xlabel 'training images'
set ylabel 'accuracy (%)'
if (format eq 'preview') { set title 'each size trained for ≥ 25320 steps and ≥ 30 epochs; mean ± std over 10 seeds'."\n".'y: accuracy (%)'; unset ylabel; unset y2label }
set logscale x
set format x '%g'
set xrange [80.0:67500.0]
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
plot data index 0 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#0072B2' notitle, \
     data index 1 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#D55E00' notitle, \
     data index 2 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#0072B2' title 'training accuracy', \
     data index 3 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#D55E00' title 'test accuracy'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'spread (std, not variance): how much test accuracy changes from one training subset (seed) to the next'
set xlabel 'training images'
set ylabel 'std of test accuracy over seeds (points)'
if (format eq 'preview') { set title 'spread (std, not variance): how much test accuracy changes from one training subset (seed) to the next'."\n".'y: std of test accuracy over seeds (points)'; unset ylabel; unset y2label }
set logscale x
set format x '%g'
set logscale y
set format y '%g'
set xrange [80.0:67500.0]
set yrange [0.07982282419026357:2.787246325365991]
set ytics ('0.1' 0.1, '0.15' 0.15, '0.2' 0.2, '0.3' 0.3, '0.5' 0.5, '0.7' 0.7, '1' 1.0, '1.5' 1.5, '2' 2.0)
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
plot data index 4 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#D55E00' title 'std of test accuracy over seeds'
unset multiplot
set output
}
