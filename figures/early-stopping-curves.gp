# early-stopping-curves: written by Training Techniques Lab.
# Redraw with `gnuplot early-stopping-curves.gp` from any folder; the data is early-stopping-curves.dat beside it,
# one block per series (select with `index`). Edit freely: it is plain gnuplot.
script_dir = ARG0
n = strlen(script_dir)
while (n > 0 && script_dir[n:n] ne '/') { n = n - 1 }
script_dir = (n > 0) ? script_dir[1:n] : ''
data = script_dir.'early-stopping-curves.dat'
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
if (format eq 'preview') { set output } else { set output script_dir.'early-stopping-curves.'.format.output_suffix }
set multiplot layout 4,1 title '784→256→256→10, Adam, patience 3, mean ± std over 10 seeds (a run with early stopping is its seed''s run up to the stop)'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'loss (log scale; geometric mean ×÷ std): validation solid, training dashed; above, each seed''s best epoch and stop'
set xlabel 'epoch'
set ylabel 'cross-entropy loss'
if (format eq 'preview') { set title 'loss (log scale; geometric mean ×÷ std): validation solid, training dashed; above, each seed''s best epoch and stop'."\n".'y: cross-entropy loss'; unset ylabel; unset y2label }
set logscale y
set format y '%g'
set xrange [0.0:100.0]
set border 3
set tics out nomirror
unset key
plot data index 0 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#0072B2' notitle, \
     data index 1 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#0072B2' notitle, \
     data index 2 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'no stopping', \
     data index 3 using 1:2 with lines lw 2 dt 2 lc rgb '#0072B2' title (format eq 'preview' ? 'no stopping, dashed' : ''), \
     data index 4 using 1:2 with points pt 7 ps 1.6 lc rgb '#009E73' title 'best epoch (one dot per seed)', \
     data index 4 using 1:2 with points pt 6 ps 1.6 lw 1.5 lc rgb '#000000' notitle, \
     data index 5 using 1:2 with points pt 7 ps 1.6 lc rgb '#CC79A7' title 'stop (one dot per seed)', \
     data index 5 using 1:2 with points pt 6 ps 1.6 lw 1.5 lc rgb '#000000' notitle
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'validation loss alone, linear scale (mean ± std); below it each seed''s best epoch and stop'
set xlabel 'epoch'
set ylabel 'validation loss'
if (format eq 'preview') { set title 'validation loss alone, linear scale (mean ± std); below it each seed''s best epoch and stop'."\n".'y: validation loss'; unset ylabel; unset y2label }
set xrange [0.0:100.0]
set border 3
set tics out nomirror
unset key
plot data index 6 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#0072B2' notitle, \
     data index 7 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'no stopping', \
     data index 8 using 1:2 with points pt 7 ps 1.6 lc rgb '#009E73' title 'best epoch (one dot per seed)', \
     data index 8 using 1:2 with points pt 6 ps 1.6 lw 1.5 lc rgb '#000000' notitle, \
     data index 9 using 1:2 with points pt 7 ps 1.6 lc rgb '#CC79A7' title 'stop (one dot per seed)', \
     data index 9 using 1:2 with points pt 6 ps 1.6 lw 1.5 lc rgb '#000000' notitle
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'accuracy: validation solid, training dashed (running average over each epoch); below, each seed''s best epoch and stop'
set xlabel 'epoch'
set ylabel 'accuracy (%)'
if (format eq 'preview') { set title 'accuracy: validation solid, training dashed (running average over each epoch); below, each seed''s best epoch and stop'."\n".'y: accuracy (%)'; unset ylabel; unset y2label }
set xrange [0.0:100.0]
set yrange [40.0:100.0]
set border 3
set tics out nomirror
unset key
plot data index 10 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#0072B2' notitle, \
     data index 11 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#0072B2' notitle, \
     data index 12 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'no stopping', \
     data index 13 using 1:2 with lines lw 2 dt 2 lc rgb '#0072B2' title (format eq 'preview' ? 'no stopping, dashed' : ''), \
     data index 14 using 1:2 with points pt 7 ps 1.6 lc rgb '#009E73' title 'best epoch (one dot per seed)', \
     data index 14 using 1:2 with points pt 6 ps 1.6 lw 1.5 lc rgb '#000000' notitle, \
     data index 15 using 1:2 with points pt 7 ps 1.6 lc rgb '#CC79A7' title 'stop (one dot per seed)', \
     data index 15 using 1:2 with points pt 6 ps 1.6 lw 1.5 lc rgb '#000000' notitle
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'validation and test accuracy from epoch 5 (the climb before it is in the panel above); below, each seed''s best epoch and stop'
set xlabel 'epoch'
set ylabel 'accuracy (%)'
if (format eq 'preview') { set title 'validation and test accuracy from epoch 5 (the climb before it is in the panel above); below, each seed''s best epoch and stop'."\n".'y: accuracy (%)'; unset ylabel; unset y2label }
set xrange [0.0:100.0]
set yrange [72.0:85.0]
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
plot data index 16 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#0072B2' notitle, \
     data index 17 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#D55E00' notitle, \
     data index 18 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'validation accuracy, no stopping', \
     data index 19 using 1:2 with lines lw 2 lc rgb '#D55E00' title 'test accuracy, no stopping', \
     data index 20 using 1:2 with points pt 7 ps 1.6 lc rgb '#009E73' title 'best epoch (one dot per seed)', \
     data index 20 using 1:2 with points pt 6 ps 1.6 lw 1.5 lc rgb '#000000' notitle, \
     data index 21 using 1:2 with points pt 7 ps 1.6 lc rgb '#CC79A7' title 'stop (one dot per seed)', \
     data index 21 using 1:2 with points pt 6 ps 1.6 lw 1.5 lc rgb '#000000' notitle
unset multiplot
set output
}
