# hyperparameters-posterior: written by Training Techniques Lab.
# Redraw with `gnuplot hyperparameters-posterior.gp` from any folder; the data is hyperparameters-posterior.dat beside it,
# one block per series (select with `index`). Edit freely: it is plain gnuplot.
script_dir = ARG0
n = strlen(script_dir)
while (n > 0 && script_dir[n:n] ne '/') { n = n - 1 }
script_dir = (n > 0) ? script_dir[1:n] : ''
data = script_dir.'hyperparameters-posterior.dat'
if (!exists('output_suffix')) output_suffix = ''
# gnuplot -e "preview='dumb size 120,40'" draws the figure on standard output instead. A text
# terminal draws a band's outline, not its fill, and cannot turn a label or dash a line:
# the preview leaves the bands and the grid out, writes each y label under its panel's
# title, and names the lines told apart only by their dashes in the key.
if (!exists('preview')) preview = ''
do for [format in (preview eq '' ? 'png svg' : 'preview')] {
if (format eq 'png') {
  set terminal pngcairo noenhanced size 1260,670 font 'DejaVu Sans,14'
} else {
  if (format eq 'svg') {
    set terminal svg noenhanced size 1260,670 font 'DejaVu Sans,14' background '#ffffff'
  } else {
    eval('set terminal '.preview)
  }
}
if (format eq 'preview') { set output } else { set output script_dir.'hyperparameters-posterior.'.format.output_suffix }
set multiplot layout 2,3 title 'GP of the first Bayesian search along the learning rate at width 512, dropout 0.70: mean ± σ and trials (top), EI (bottom)'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title '5 trials'
set xlabel 'log₁₀ learning rate'
set ylabel 'validation accuracy (%)'
if (format eq 'preview') { set title '5 trials'."\n".'y: validation accuracy (%)'; unset ylabel; unset y2label }
set xrange [-4.0:0.0]
set yrange [0.0:73.6987320886291]
set border 3
set tics out nomirror
unset key
plot data index 0 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#009E73' title 'posterior mean ± σ', \
     data index 1 using 1:2 with lines lw 2 lc rgb '#009E73' title 'posterior mean', \
     data index 2 using 1:2 with points pt 7 ps 0.6 lc rgb '#000000' title 'trials (any width and dropout)'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title '10 trials'
set xlabel 'log₁₀ learning rate'
set ylabel 'validation accuracy (%)'
if (format eq 'preview') { set title '10 trials'."\n".'y: validation accuracy (%)'; unset ylabel; unset y2label }
set xrange [-4.0:0.0]
set yrange [0.0:73.6987320886291]
set border 3
set tics out nomirror
unset key
plot data index 3 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#009E73' title 'posterior mean ± σ', \
     data index 4 using 1:2 with lines lw 2 lc rgb '#009E73' title 'posterior mean', \
     data index 5 using 1:2 with points pt 7 ps 0.6 lc rgb '#000000' title 'trials (any width and dropout)'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title '20 trials'
set xlabel 'log₁₀ learning rate'
set ylabel 'validation accuracy (%)'
if (format eq 'preview') { set title '20 trials'."\n".'y: validation accuracy (%)'; unset ylabel; unset y2label }
set xrange [-4.0:0.0]
set yrange [0.0:73.6987320886291]
set border 3
set tics out nomirror
unset key
plot data index 6 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#009E73' title 'posterior mean ± σ', \
     data index 7 using 1:2 with lines lw 2 lc rgb '#009E73' title 'posterior mean', \
     data index 8 using 1:2 with points pt 7 ps 0.6 lc rgb '#000000' title 'trials (any width and dropout)'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'EI; lr length scale 0.14'
set xlabel 'log₁₀ learning rate'
set ylabel 'EI (points)'
if (format eq 'preview') { set title 'EI; lr length scale 0.14'."\n".'y: EI (points)'; unset ylabel; unset y2label }
set xrange [-4.0:0.0]
set yrange [0.0:3.233968659465031]
set border 3
set tics out nomirror
unset key
plot data index 9 using 1:2 with lines lw 2 lc rgb '#D55E00' notitle
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'EI; lr length scale 0.14'
set xlabel 'log₁₀ learning rate'
set ylabel 'EI (points)'
if (format eq 'preview') { set title 'EI; lr length scale 0.14'."\n".'y: EI (points)'; unset ylabel; unset y2label }
set xrange [-4.0:0.0]
set yrange [0.0:3.233968659465031]
set border 3
set tics out nomirror
unset key
plot data index 10 using 1:2 with lines lw 2 lc rgb '#D55E00' notitle
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'EI; lr length scale 0.14'
set xlabel 'log₁₀ learning rate'
set ylabel 'EI (points)'
if (format eq 'preview') { set title 'EI; lr length scale 0.14'."\n".'y: EI (points)'; unset ylabel; unset y2label }
set xrange [-4.0:0.0]
set yrange [0.0:3.233968659465031]
set border 3
set tics out nomirror
unset key
plot data index 11 using 1:2 with lines lw 2 lc rgb '#D55E00' notitle
unset multiplot
set output
}
