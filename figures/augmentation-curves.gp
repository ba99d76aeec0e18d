# augmentation-curves: written by Training Techniques Lab.
# Redraw with `gnuplot augmentation-curves.gp` from any folder; the data is augmentation-curves.dat beside it,
# one block per series (select with `index`). Edit freely: it is plain gnuplot.
script_dir = ARG0
n = strlen(script_dir)
while (n > 0 && script_dir[n:n] ne '/') { n = n - 1 }
script_dir = (n > 0) ? script_dir[1:n] : ''
data = script_dir.'augmentation-curves.dat'
if (!exists('output_suffix')) output_suffix = ''
# gnuplot -e "preview='dumb size 120,40'" draws the figure on standard output instead. A text
# terminal draws a band's outline, not its fill, and cannot turn a label or dash a line:
# the preview leaves the bands and the grid out, writes each y label under its panel's
# title, and names the lines told apart only by their dashes in the key.
if (!exists('preview')) preview = ''
do for [format in (preview eq '' ? 'png svg' : 'preview')] {
if (format eq 'png') {
  set terminal pngcairo noenhanced size 1280,950 font 'DejaVu Sans,15'
} else {
  if (format eq 'svg') {
    set terminal svg noenhanced size 1280,950 font 'DejaVu Sans,15' background '#ffffff'
  } else {
    eval('set terminal '.preview)
  }
}
if (format eq 'preview') { set output } else { set output script_dir.'augmentation-curves.'.format.output_suffix }
set multiplot layout 2,2 title '784→256→10 on 1000 Fashion-MNIST images, Adam, mean ± std over 10 seeds'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'accuracy: validation solid, training (originals) dashed'
set xlabel 'epoch'
set ylabel 'accuracy (%)'
if (format eq 'preview') { set title 'accuracy: validation solid, training (originals) dashed'."\n".'y: accuracy (%)'; unset ylabel; unset y2label }
set yrange [40.0:100.0]
set border 3
set tics out nomirror
unset key
plot data index 0 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#0072B2' notitle, \
     data index 1 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#0072B2' notitle, \
     data index 2 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#D55E00' notitle, \
     data index 3 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#D55E00' notitle, \
     data index 4 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#009E73' notitle, \
     data index 5 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#009E73' notitle, \
     data index 6 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'none', \
     data index 7 using 1:2 with lines lw 2 dt 2 lc rgb '#0072B2' title (format eq 'preview' ? 'none, dashed' : ''), \
     data index 8 using 1:2 with lines lw 2 lc rgb '#D55E00' title 'shift + rotate', \
     data index 9 using 1:2 with lines lw 2 dt 2 lc rgb '#D55E00' title (format eq 'preview' ? 'shift + rotate, dashed' : ''), \
     data index 10 using 1:2 with lines lw 2 lc rgb '#009E73' title 'shift + rotate + flip', \
     data index 11 using 1:2 with lines lw 2 dt 2 lc rgb '#009E73' title (format eq 'preview' ? 'shift + rotate + flip, dashed' : '')
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'validation accuracy from epoch 20'
set xlabel 'epoch'
set ylabel 'accuracy (%)'
if (format eq 'preview') { set title 'validation accuracy from epoch 20'."\n".'y: accuracy (%)'; unset ylabel; unset y2label }
set xrange [20.0:150.0]
set yrange [72.0:83.0]
set border 3
set tics out nomirror
unset key
plot data index 12 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#0072B2' notitle, \
     data index 13 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#D55E00' notitle, \
     data index 14 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#009E73' notitle, \
     data index 15 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'none', \
     data index 16 using 1:2 with lines lw 2 lc rgb '#D55E00' title 'shift + rotate', \
     data index 17 using 1:2 with lines lw 2 lc rgb '#009E73' title 'shift + rotate + flip'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'gap: training − validation'
set xlabel 'epoch'
set ylabel 'percentage points'
if (format eq 'preview') { set title 'gap: training − validation'."\n".'y: percentage points'; unset ylabel; unset y2label }
set bmargin 8.0
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
plot data index 18 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#0072B2' notitle, \
     data index 19 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#D55E00' notitle, \
     data index 20 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#009E73' notitle, \
     data index 21 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'none', \
     data index 22 using 1:2 with lines lw 2 lc rgb '#D55E00' title 'shift + rotate', \
     data index 23 using 1:2 with lines lw 2 lc rgb '#009E73' title 'shift + rotate + flip'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'loss: validation solid, training (originals) dashed'
set xlabel 'epoch'
set ylabel 'cross-entropy loss'
if (format eq 'preview') { set title 'loss: validation solid, training (originals) dashed'."\n".'y: cross-entropy loss'; unset ylabel; unset y2label }
set yrange [0.0:1.5]
set bmargin 8.0
set border 3
set tics out nomirror
unset key
plot data index 24 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#0072B2' notitle, \
     data index 25 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#0072B2' notitle, \
     data index 26 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#D55E00' notitle, \
     data index 27 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#D55E00' notitle, \
     data index 28 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#009E73' notitle, \
     data index 29 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#009E73' notitle, \
     data index 30 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'none', \
     data index 31 using 1:2 with lines lw 2 dt 2 lc rgb '#0072B2' title (format eq 'preview' ? 'none, dashed' : ''), \
     data index 32 using 1:2 with lines lw 2 lc rgb '#D55E00' title 'shift + rotate', \
     data index 33 using 1:2 with lines lw 2 dt 2 lc rgb '#D55E00' title (format eq 'preview' ? 'shift + rotate, dashed' : ''), \
     data index 34 using 1:2 with lines lw 2 lc rgb '#009E73' title 'shift + rotate + flip', \
     data index 35 using 1:2 with lines lw 2 dt 2 lc rgb '#009E73' title (format eq 'preview' ? 'shift + rotate + flip, dashed' : '')
unset multiplot
set output
}
