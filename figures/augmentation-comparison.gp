# augmentation-comparison: written by Training Techniques Lab.
# Redraw with `gnuplot augmentation-comparison.gp` from any folder; the data is augmentation-comparison.dat beside it,
# one block per series (select with `index`). Edit freely: it is plain gnuplot.
script_dir = ARG0
n = strlen(script_dir)
while (n > 0 && script_dir[n:n] ne '/') { n = n - 1 }
script_dir = (n > 0) ? script_dir[1:n] : ''
data = script_dir.'augmentation-comparison.dat'
if (!exists('output_suffix')) output_suffix = ''
# gnuplot -e "preview='dumb size 120,40'" draws the figure on standard output instead. A text
# terminal draws a band's outline, not its fill, and cannot turn a label or dash a line:
# the preview leaves the bands and the grid out, writes each y label under its panel's
# title, and names the lines told apart only by their dashes in the key.
if (!exists('preview')) preview = ''
do for [format in (preview eq '' ? 'png svg' : 'preview')] {
if (format eq 'png') {
  set terminal pngcairo noenhanced size 880,1470 font 'DejaVu Sans,10'
} else {
  if (format eq 'svg') {
    set terminal svg noenhanced size 880,1470 font 'DejaVu Sans,10' background '#ffffff'
  } else {
    eval('set terminal '.preview)
  }
}
if (format eq 'preview') { set output } else { set output script_dir.'augmentation-comparison.'.format.output_suffix }
set multiplot layout 4,1 title 'Paired differences over 10 seeds, 1000 images, 150 epochs: mean and 95 % interval'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'test accuracy of each run''s best-validation epoch: right is better'
set xlabel 'difference in test accuracy (points)'
set xrange [-1.9937478581735082:0.36306604402206355]
set yrange [-0.6:2.6]
set ytics ('shift + rotate − none  −0.13 ± 0.41' 2.0, 'shift + rotate + flip − none  −0.75 ± 0.59' 1.0, 'shift + rotate + flip − shift + rotate  −0.63 ± 0.35' 0.0)
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
plot data index 0 using 1:2 with lines lw 2 dt 2 lc rgb '#000000' notitle, \
     data index 1 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'survives Holm', \
     data index 2 using 1:2 with lines lw 2 dt 2 lc rgb '#0072B2' title (format eq 'preview' ? 'survives Holm, dashed' : ''), \
     data index 3 using 1:2 with lines lw 2 lc rgb '#888888' title 'within noise', \
     data index 4 using 1:2 with lines lw 2 dt 2 lc rgb '#000000' title 'dashed bar: borderline (an interval edge within ⅕ of its width of 0)'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'validation loss, mean of the last 20 epochs: left is better'
set xlabel 'difference in validation loss'
set xrange [-0.4054941445353496:0.039623430232471536]
set yrange [-0.6:2.6]
set ytics ('shift + rotate − none  −0.354 ± 0.032' 2.0, 'shift + rotate + flip − none  −0.340 ± 0.036' 1.0, 'shift + rotate + flip − shift + rotate  +0.013 ± 0.006' 0.0)
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
plot data index 5 using 1:2 with lines lw 2 dt 2 lc rgb '#000000' notitle, \
     data index 6 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'survives Holm'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'lowest validation loss, each run at its best epoch: left is better'
set xlabel 'difference in lowest validation loss'
set xrange [-0.018047598598868963:0.021622398284078834]
set yrange [-0.6:2.6]
set ytics ('shift + rotate − none  −0.004 ± 0.012' 2.0, 'shift + rotate + flip − none  +0.008 ± 0.012' 1.0, 'shift + rotate + flip − shift + rotate  +0.012 ± 0.006' 0.0)
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
plot data index 7 using 1:2 with lines lw 2 dt 2 lc rgb '#000000' notitle, \
     data index 8 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'survives Holm', \
     data index 9 using 1:2 with lines lw 2 lc rgb '#888888' title 'within noise', \
     data index 10 using 1:2 with lines lw 2 dt 2 lc rgb '#888888' title (format eq 'preview' ? 'within noise, dashed' : ''), \
     data index 11 using 1:2 with lines lw 2 dt 2 lc rgb '#000000' title 'dashed bar: borderline (an interval edge within ⅕ of its width of 0)'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'test accuracy after the last epoch: right is better'
set xlabel 'difference in test accuracy (points)'
set xrange [-1.9937478581735082:0.36306604402206355]
set yrange [-0.6:2.6]
set ytics ('shift + rotate − none  −0.67 ± 0.58' 2.0, 'shift + rotate + flip − none  −1.31 ± 0.59' 1.0, 'shift + rotate + flip − shift + rotate  −0.65 ± 0.41' 0.0)
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
plot data index 12 using 1:2 with lines lw 2 dt 2 lc rgb '#000000' notitle, \
     data index 13 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'survives Holm', \
     data index 14 using 1:2 with lines lw 2 dt 2 lc rgb '#0072B2' title (format eq 'preview' ? 'survives Holm, dashed' : ''), \
     data index 15 using 1:2 with lines lw 2 dt 2 lc rgb '#000000' title 'dashed bar: borderline (an interval edge within ⅕ of its width of 0)'
unset multiplot
set output
}
