# initialization-training: written by Training Techniques Lab.
# Redraw with `gnuplot initialization-training.gp` from any folder; the data is initialization-training.dat beside it,
# one block per series (select with `index`). Edit freely: it is plain gnuplot.
script_dir = ARG0
n = strlen(script_dir)
while (n > 0 && script_dir[n:n] ne '/') { n = n - 1 }
script_dir = (n > 0) ? script_dir[1:n] : ''
data = script_dir.'initialization-training.dat'
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
if (format eq 'preview') { set output } else { set output script_dir.'initialization-training.'.format.output_suffix }
set multiplot layout 1,1 title '10 ReLU layers of 100, SGD lr 0.01 momentum 0.9: mean ± std over 10 seeds'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'accuracy: validation (solid), training (dashed, running average over the epoch); the inits at chance coincide'
set xlabel 'epoch'
set ylabel 'accuracy (%)'
if (format eq 'preview') { set title 'accuracy: validation (solid), training (dashed, running average over the epoch); the inits at chance coincide'."\n".'y: accuracy (%)'; unset ylabel; unset y2label }
set xtics 1.0
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
plot data index 0 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#56B4E9' notitle, \
     data index 1 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#56B4E9' notitle, \
     data index 2 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#0072B2' notitle, \
     data index 3 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#0072B2' notitle, \
     data index 4 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#CC79A7' notitle, \
     data index 5 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#CC79A7' notitle, \
     data index 6 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#009E73' notitle, \
     data index 7 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#009E73' notitle, \
     data index 8 using 1:2 with lines lw 2 lc rgb '#56B4E9' title 'N(0, 0.001²) (under PyTorch default)', \
     data index 9 using 1:2 with lines lw 2 dt 2 lc rgb '#56B4E9' title (format eq 'preview' ? 'N(0, 0.001²) (under PyTorch default), dashed' : ''), \
     data index 10 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'Xavier normal', \
     data index 11 using 1:2 with lines lw 2 dt 2 lc rgb '#0072B2' title (format eq 'preview' ? 'Xavier normal, dashed' : ''), \
     data index 12 using 1:2 with lines lw 2 lc rgb '#CC79A7' title 'He normal', \
     data index 13 using 1:2 with lines lw 2 dt 2 lc rgb '#CC79A7' title (format eq 'preview' ? 'He normal, dashed' : ''), \
     data index 14 using 1:2 with lines lw 2 lc rgb '#009E73' title 'PyTorch default', \
     data index 15 using 1:2 with lines lw 2 dt 2 lc rgb '#009E73' title (format eq 'preview' ? 'PyTorch default, dashed' : '')
unset multiplot
set output
}
