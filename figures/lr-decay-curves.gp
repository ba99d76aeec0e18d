# lr-decay-curves: written by Training Techniques Lab.
# Redraw with `gnuplot lr-decay-curves.gp` from any folder; the data is lr-decay-curves.dat beside it,
# one block per series (select with `index`). Edit freely: it is plain gnuplot.
script_dir = ARG0
n = strlen(script_dir)
while (n > 0 && script_dir[n:n] ne '/') { n = n - 1 }
script_dir = (n > 0) ? script_dir[1:n] : ''
data = script_dir.'lr-decay-curves.dat'
if (!exists('output_suffix')) output_suffix = ''
# gnuplot -e "preview='dumb size 120,40'" draws the figure on standard output instead. A text
# terminal draws a band's outline, not its fill, and cannot turn a label or dash a line:
# the preview leaves the bands and the grid out, writes each y label under its panel's
# title, and names the lines told apart only by their dashes in the key.
if (!exists('preview')) preview = ''
do for [format in (preview eq '' ? 'png svg' : 'preview')] {
if (format eq 'png') {
  set terminal pngcairo noenhanced size 1260,990 font 'DejaVu Sans,14'
} else {
  if (format eq 'svg') {
    set terminal svg noenhanced size 1260,990 font 'DejaVu Sans,14' background '#ffffff'
  } else {
    eval('set terminal '.preview)
  }
}
if (format eq 'preview') { set output } else { set output script_dir.'lr-decay-curves.'.format.output_suffix }
set multiplot layout 3,3 title 'Validation accuracy, mean ± std over 10 seeds; black dashed: constant, η = 0.1 (under a schedule still at its rate)'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'constant, η = 0.1'
set xlabel 'epoch'
set ylabel 'validation accuracy (%)'
if (format eq 'preview') { set title 'constant, η = 0.1'."\n".'y: validation accuracy (%)'; unset ylabel; unset y2label }
set yrange [58.66554962852618:88.20420482064452]
set border 3
set tics out nomirror
unset key
plot data index 0 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#000000' notitle, \
     data index 1 using 1:2 with lines lw 2 lc rgb '#000000' title 'constant, η = 0.1'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'constant, η = 0.03'
set xlabel 'epoch'
set ylabel 'validation accuracy (%)'
if (format eq 'preview') { set title 'constant, η = 0.03'."\n".'y: validation accuracy (%)'; unset ylabel; unset y2label }
set yrange [58.66554962852618:88.20420482064452]
set border 3
set tics out nomirror
unset key
plot data index 2 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#332288' notitle, \
     data index 3 using 1:2 with lines lw 2 dt 2 lc rgb '#000000' title 'constant, η = 0.1', \
     data index 4 using 1:2 with lines lw 2 lc rgb '#332288' title 'constant, η = 0.03'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'constant, η = 0.01'
set xlabel 'epoch'
set ylabel 'validation accuracy (%)'
if (format eq 'preview') { set title 'constant, η = 0.01'."\n".'y: validation accuracy (%)'; unset ylabel; unset y2label }
set yrange [58.66554962852618:88.20420482064452]
set border 3
set tics out nomirror
unset key
plot data index 5 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#8C510A' notitle, \
     data index 6 using 1:2 with lines lw 2 dt 2 lc rgb '#000000' title 'constant, η = 0.1', \
     data index 7 using 1:2 with lines lw 2 lc rgb '#8C510A' title 'constant, η = 0.01'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'exponential, k = 0.1'
set xlabel 'epoch'
set ylabel 'validation accuracy (%)'
if (format eq 'preview') { set title 'exponential, k = 0.1'."\n".'y: validation accuracy (%)'; unset ylabel; unset y2label }
set yrange [58.66554962852618:88.20420482064452]
set border 3
set tics out nomirror
unset key
plot data index 8 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#0072B2' notitle, \
     data index 9 using 1:2 with lines lw 2 dt 2 lc rgb '#000000' title 'constant, η = 0.1', \
     data index 10 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'exponential, k = 0.1'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'multiplicative, α = 0.85'
set xlabel 'epoch'
set ylabel 'validation accuracy (%)'
if (format eq 'preview') { set title 'multiplicative, α = 0.85'."\n".'y: validation accuracy (%)'; unset ylabel; unset y2label }
set yrange [58.66554962852618:88.20420482064452]
set border 3
set tics out nomirror
unset key
plot data index 11 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#009E73' notitle, \
     data index 12 using 1:2 with lines lw 2 dt 2 lc rgb '#000000' title 'constant, η = 0.1', \
     data index 13 using 1:2 with lines lw 2 lc rgb '#009E73' title 'multiplicative, α = 0.85'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'inverse, k = 0.3'
set xlabel 'epoch'
set ylabel 'validation accuracy (%)'
if (format eq 'preview') { set title 'inverse, k = 0.3'."\n".'y: validation accuracy (%)'; unset ylabel; unset y2label }
set yrange [58.66554962852618:88.20420482064452]
set border 3
set tics out nomirror
unset key
plot data index 14 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#CC79A7' notitle, \
     data index 15 using 1:2 with lines lw 2 dt 2 lc rgb '#000000' title 'constant, η = 0.1', \
     data index 16 using 1:2 with lines lw 2 lc rgb '#CC79A7' title 'inverse, k = 0.3'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'step: ×0.5 every 7 epochs'
set xlabel 'epoch'
set ylabel 'validation accuracy (%)'
if (format eq 'preview') { set title 'step: ×0.5 every 7 epochs'."\n".'y: validation accuracy (%)'; unset ylabel; unset y2label }
set yrange [58.66554962852618:88.20420482064452]
set border 3
set tics out nomirror
unset key
plot data index 17 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#E69F00' notitle, \
     data index 18 using 1:2 with lines lw 2 dt 2 lc rgb '#000000' title 'constant, η = 0.1', \
     data index 19 using 1:2 with lines lw 2 lc rgb '#E69F00' title 'step: ×0.5 every 7 epochs'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'on plateau: ×0.5 after 3 bad epochs'
set xlabel 'epoch'
set ylabel 'validation accuracy (%)'
if (format eq 'preview') { set title 'on plateau: ×0.5 after 3 bad epochs'."\n".'y: validation accuracy (%)'; unset ylabel; unset y2label }
set yrange [58.66554962852618:88.20420482064452]
set border 3
set tics out nomirror
unset key
plot data index 20 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#882255' notitle, \
     data index 21 using 1:2 with lines lw 2 dt 2 lc rgb '#000000' title 'constant, η = 0.1', \
     data index 22 using 1:2 with lines lw 2 lc rgb '#882255' title 'on plateau: ×0.5 after 3 bad epochs'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'too aggressive: exponential, k = 1'
set xlabel 'epoch'
set ylabel 'validation accuracy (%)'
if (format eq 'preview') { set title 'too aggressive: exponential, k = 1'."\n".'y: validation accuracy (%)'; unset ylabel; unset y2label }
set yrange [58.66554962852618:88.20420482064452]
set border 3
set tics out nomirror
unset key
plot data index 23 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#56B4E9' notitle, \
     data index 24 using 1:2 with lines lw 2 dt 2 lc rgb '#000000' title 'constant, η = 0.1', \
     data index 25 using 1:2 with lines lw 2 lc rgb '#56B4E9' title 'too aggressive: exponential, k = 1'
unset multiplot
set output
}
