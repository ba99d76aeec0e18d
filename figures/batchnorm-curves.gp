# batchnorm-curves: written by Training Techniques Lab.
# Redraw with `gnuplot batchnorm-curves.gp` from any folder; the data is batchnorm-curves.dat beside it,
# one block per series (select with `index`). Edit freely: it is plain gnuplot.
script_dir = ARG0
n = strlen(script_dir)
while (n > 0 && script_dir[n:n] ne '/') { n = n - 1 }
script_dir = (n > 0) ? script_dir[1:n] : ''
data = script_dir.'batchnorm-curves.dat'
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
if (format eq 'preview') { set output } else { set output script_dir.'batchnorm-curves.'.format.output_suffix }
set multiplot layout 2,2 title '10 seeds, mean ± std: blue no BatchNorm, orange BatchNorm; validation solid, training dashed (lr 0.1)'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'default initialization'
set xlabel 'epoch'
set ylabel 'accuracy (%)'
if (format eq 'preview') { set title 'default initialization'."\n".'y: accuracy (%)'; unset ylabel; unset y2label }
set xtics 1.0
set yrange [5.995952103471376:93.86023893113193]
set border 3
set tics out nomirror
unset key
plot data index 0 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#0072B2' notitle, \
     data index 1 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#0072B2' notitle, \
     data index 2 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#D55E00' notitle, \
     data index 3 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#D55E00' notitle, \
     data index 4 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'no BatchNorm', \
     data index 5 using 1:2 with lines lw 2 dt 2 lc rgb '#0072B2' title (format eq 'preview' ? 'no BatchNorm, dashed' : ''), \
     data index 6 using 1:2 with lines lw 2 lc rgb '#D55E00' title 'BatchNorm', \
     data index 7 using 1:2 with lines lw 2 dt 2 lc rgb '#D55E00' title (format eq 'preview' ? 'BatchNorm, dashed' : '')
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'N(0, 0.001²) init'
set xlabel 'epoch'
set ylabel 'accuracy (%)'
if (format eq 'preview') { set title 'N(0, 0.001²) init'."\n".'y: accuracy (%)'; unset ylabel; unset y2label }
set xtics 1.0
set yrange [5.995952103471376:93.86023893113193]
set border 3
set tics out nomirror
unset key
plot data index 8 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#0072B2' notitle, \
     data index 9 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#0072B2' notitle, \
     data index 10 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#D55E00' notitle, \
     data index 11 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#D55E00' notitle, \
     data index 12 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'no BatchNorm, N(0, 0.001²) init', \
     data index 13 using 1:2 with lines lw 2 dt 2 lc rgb '#0072B2' title (format eq 'preview' ? 'no BatchNorm, N(0, 0.001²) init, dashed' : ''), \
     data index 14 using 1:2 with lines lw 2 lc rgb '#D55E00' title 'BatchNorm, N(0, 0.001²) init', \
     data index 15 using 1:2 with lines lw 2 dt 2 lc rgb '#D55E00' title (format eq 'preview' ? 'BatchNorm, N(0, 0.001²) init, dashed' : '')
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'default initialization, zoomed on where the curves end'
set xlabel 'epoch'
set ylabel 'accuracy (%)'
if (format eq 'preview') { set title 'default initialization, zoomed on where the curves end'."\n".'y: accuracy (%)'; unset ylabel; unset y2label }
set xtics 1.0
set yrange [75.0:92.37351383223587]
set border 3
set tics out nomirror
unset key
plot data index 16 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#0072B2' notitle, \
     data index 17 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#0072B2' notitle, \
     data index 18 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#D55E00' notitle, \
     data index 19 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#D55E00' notitle, \
     data index 20 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'no BatchNorm', \
     data index 21 using 1:2 with lines lw 2 dt 2 lc rgb '#0072B2' title (format eq 'preview' ? 'no BatchNorm, dashed' : ''), \
     data index 22 using 1:2 with lines lw 2 lc rgb '#D55E00' title 'BatchNorm', \
     data index 23 using 1:2 with lines lw 2 dt 2 lc rgb '#D55E00' title (format eq 'preview' ? 'BatchNorm, dashed' : '')
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'N(0, 0.001²) init, zoomed on where the curves end'
set xlabel 'epoch'
set ylabel 'accuracy (%)'
if (format eq 'preview') { set title 'N(0, 0.001²) init, zoomed on where the curves end'."\n".'y: accuracy (%)'; unset ylabel; unset y2label }
set xtics 1.0
set yrange [75.0:92.37351383223587]
set border 3
set tics out nomirror
unset key
plot data index 24 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#0072B2' notitle, \
     data index 25 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#0072B2' notitle, \
     data index 26 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#D55E00' notitle, \
     data index 27 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#D55E00' notitle, \
     data index 28 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'no BatchNorm, N(0, 0.001²) init', \
     data index 29 using 1:2 with lines lw 2 dt 2 lc rgb '#0072B2' title (format eq 'preview' ? 'no BatchNorm, N(0, 0.001²) init, dashed' : ''), \
     data index 30 using 1:2 with lines lw 2 lc rgb '#D55E00' title 'BatchNorm, N(0, 0.001²) init', \
     data index 31 using 1:2 with lines lw 2 dt 2 lc rgb '#D55E00' title (format eq 'preview' ? 'BatchNorm, N(0, 0.001²) init, dashed' : '')
unset multiplot
set output
}
