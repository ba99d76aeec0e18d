# input-normalization-fashion-mnist: written by Training Techniques Lab.
# Redraw with `gnuplot input-normalization-fashion-mnist.gp` from any folder; the data is input-normalization-fashion-mnist.dat beside it,
# one block per series (select with `index`). Edit freely: it is plain gnuplot.
script_dir = ARG0
n = strlen(script_dir)
while (n > 0 && script_dir[n:n] ne '/') { n = n - 1 }
script_dir = (n > 0) ? script_dir[1:n] : ''
data = script_dir.'input-normalization-fashion-mnist.dat'
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
if (format eq 'preview') { set output } else { set output script_dir.'input-normalization-fashion-mnist.'.format.output_suffix }
set multiplot layout 2,2 title '784→128→10 on Fashion-MNIST, SGD lr 0.05, 10 seeds: mean ± std (log-scale panel: geometric mean ×÷ geometric std)'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'validation (solid), training (dashed, running average)'
set xlabel 'epoch'
set ylabel 'accuracy (%)'
if (format eq 'preview') { set title 'validation (solid), training (dashed, running average)'."\n".'y: accuracy (%)'; unset ylabel; unset y2label }
set xtics 1.0
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
plot data index 0 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#0072B2' notitle, \
     data index 1 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#0072B2' notitle, \
     data index 2 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#D55E00' notitle, \
     data index 3 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#D55E00' notitle, \
     data index 4 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#009E73' notitle, \
     data index 5 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#009E73' notitle, \
     data index 6 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'raw 0–255', \
     data index 7 using 1:2 with lines lw 2 dt 2 lc rgb '#0072B2' title (format eq 'preview' ? 'raw 0–255, dashed' : ''), \
     data index 8 using 1:2 with lines lw 2 lc rgb '#D55E00' title 'scaled to [0, 1]', \
     data index 9 using 1:2 with lines lw 2 dt 2 lc rgb '#D55E00' title (format eq 'preview' ? 'scaled to [0, 1], dashed' : ''), \
     data index 10 using 1:2 with lines lw 2 lc rgb '#009E73' title 'standardized', \
     data index 11 using 1:2 with lines lw 2 dt 2 lc rgb '#009E73' title (format eq 'preview' ? 'standardized, dashed' : '')
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'loss, the same curves (log scale)'
set xlabel 'epoch'
set ylabel 'cross-entropy loss'
if (format eq 'preview') { set title 'loss, the same curves (log scale)'."\n".'y: cross-entropy loss'; unset ylabel; unset y2label }
set logscale y
set format y '%g'
set xtics 1.0
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
plot data index 12 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#0072B2' notitle, \
     data index 13 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#0072B2' notitle, \
     data index 14 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#D55E00' notitle, \
     data index 15 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#D55E00' notitle, \
     data index 16 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#009E73' notitle, \
     data index 17 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#009E73' notitle, \
     data index 18 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'raw 0–255', \
     data index 19 using 1:2 with lines lw 2 dt 2 lc rgb '#0072B2' title (format eq 'preview' ? 'raw 0–255, dashed' : ''), \
     data index 20 using 1:2 with lines lw 2 lc rgb '#D55E00' title 'scaled to [0, 1]', \
     data index 21 using 1:2 with lines lw 2 dt 2 lc rgb '#D55E00' title (format eq 'preview' ? 'scaled to [0, 1], dashed' : ''), \
     data index 22 using 1:2 with lines lw 2 lc rgb '#009E73' title 'standardized', \
     data index 23 using 1:2 with lines lw 2 dt 2 lc rgb '#009E73' title (format eq 'preview' ? 'standardized, dashed' : '')
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'accuracy without raw pixels (zoomed)'
set xlabel 'epoch'
set ylabel 'accuracy (%)'
if (format eq 'preview') { set title 'accuracy without raw pixels (zoomed)'."\n".'y: accuracy (%)'; unset ylabel; unset y2label }
set xtics 1.0
set border 3
set tics out nomirror
unset key
plot data index 24 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#D55E00' notitle, \
     data index 25 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#D55E00' notitle, \
     data index 26 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#009E73' notitle, \
     data index 27 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#009E73' notitle, \
     data index 28 using 1:2 with lines lw 2 lc rgb '#D55E00' title 'scaled to [0, 1]', \
     data index 29 using 1:2 with lines lw 2 dt 2 lc rgb '#D55E00' title (format eq 'preview' ? 'scaled to [0, 1], dashed' : ''), \
     data index 30 using 1:2 with lines lw 2 lc rgb '#009E73' title 'standardized', \
     data index 31 using 1:2 with lines lw 2 dt 2 lc rgb '#009E73' title (format eq 'preview' ? 'standardized, dashed' : '')
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'loss without raw pixels (linear scale)'
set xlabel 'epoch'
set ylabel 'cross-entropy loss'
if (format eq 'preview') { set title 'loss without raw pixels (linear scale)'."\n".'y: cross-entropy loss'; unset ylabel; unset y2label }
set xtics 1.0
set border 3
set tics out nomirror
unset key
plot data index 32 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#D55E00' notitle, \
     data index 33 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#D55E00' notitle, \
     data index 34 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#009E73' notitle, \
     data index 35 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#009E73' notitle, \
     data index 36 using 1:2 with lines lw 2 lc rgb '#D55E00' title 'scaled to [0, 1]', \
     data index 37 using 1:2 with lines lw 2 dt 2 lc rgb '#D55E00' title (format eq 'preview' ? 'scaled to [0, 1], dashed' : ''), \
     data index 38 using 1:2 with lines lw 2 lc rgb '#009E73' title 'standardized', \
     data index 39 using 1:2 with lines lw 2 dt 2 lc rgb '#009E73' title (format eq 'preview' ? 'standardized, dashed' : '')
unset multiplot
set output
}
