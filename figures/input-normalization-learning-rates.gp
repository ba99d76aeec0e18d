# input-normalization-learning-rates: written by Training Techniques Lab.
# Redraw with `gnuplot input-normalization-learning-rates.gp` from any folder; the data is input-normalization-learning-rates.dat beside it,
# one block per series (select with `index`). Edit freely: it is plain gnuplot.
script_dir = ARG0
n = strlen(script_dir)
while (n > 0 && script_dir[n:n] ne '/') { n = n - 1 }
script_dir = (n > 0) ? script_dir[1:n] : ''
data = script_dir.'input-normalization-learning-rates.dat'
if (!exists('output_suffix')) output_suffix = ''
# gnuplot -e "preview='dumb size 120,40'" draws the figure on standard output instead. A text
# terminal draws a band's outline, not its fill, and cannot turn a label or dash a line:
# the preview leaves the bands and the grid out, writes each y label under its panel's
# title, and names the lines told apart only by their dashes in the key.
if (!exists('preview')) preview = ''
do for [format in (preview eq '' ? 'png svg' : 'preview')] {
if (format eq 'png') {
  set terminal pngcairo noenhanced size 880,480 font 'DejaVu Sans,10'
} else {
  if (format eq 'svg') {
    set terminal svg noenhanced size 880,480 font 'DejaVu Sans,10' background '#ffffff'
  } else {
    eval('set terminal '.preview)
  }
}
if (format eq 'preview') { set output } else { set output script_dir.'input-normalization-learning-rates.'.format.output_suffix }
set multiplot layout 1,1
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'Each input scaling at every learning rate: validation accuracy after 3 epochs (±1 std over 10 seeds; diverged = 10 %)'
set xlabel 'SGD learning rate (log scale)'
set ylabel 'validation accuracy (%)'
if (format eq 'preview') { set title 'Each input scaling at every learning rate: validation accuracy after 3 epochs (±1 std over 10 seeds; diverged = 10 %)'."\n".'y: validation accuracy (%)'; unset ylabel; unset y2label }
set logscale x
set format x '%g'
set xrange [6.666666498252501e-06:0.30000000447034836]
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
plot data index 0 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#0072B2' notitle, \
     data index 1 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#D55E00' notitle, \
     data index 2 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#009E73' notitle, \
     data index 3 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#0072B2' title 'raw 0–255', \
     data index 4 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#D55E00' title 'scaled to [0, 1]', \
     data index 5 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#009E73' title 'standardized'
unset multiplot
set output
}
