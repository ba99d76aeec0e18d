# batchnorm-stall: written by Training Techniques Lab.
# Redraw with `gnuplot batchnorm-stall.gp` from any folder; the data is batchnorm-stall.dat beside it,
# one block per series (select with `index`). Edit freely: it is plain gnuplot.
script_dir = ARG0
n = strlen(script_dir)
while (n > 0 && script_dir[n:n] ne '/') { n = n - 1 }
script_dir = (n > 0) ? script_dir[1:n] : ''
data = script_dir.'batchnorm-stall.dat'
if (!exists('output_suffix')) output_suffix = ''
# gnuplot -e "preview='dumb size 120,40'" draws the figure on standard output instead. A text
# terminal draws a band's outline, not its fill, and cannot turn a label or dash a line:
# the preview leaves the bands and the grid out, writes each y label under its panel's
# title, and names the lines told apart only by their dashes in the key.
if (!exists('preview')) preview = ''
do for [format in (preview eq '' ? 'png svg' : 'preview')] {
if (format eq 'png') {
  set terminal pngcairo noenhanced size 1280,490 font 'DejaVu Sans,15'
} else {
  if (format eq 'svg') {
    set terminal svg noenhanced size 1280,490 font 'DejaVu Sans,15' background '#ffffff'
  } else {
    eval('set terminal '.preview)
  }
}
if (format eq 'preview') { set output } else { set output script_dir.'batchnorm-stall.'.format.output_suffix }
set multiplot layout 1,2 title 'Minibatch loss, mean of the last 3 steps, 10 seeds, geometric mean ×÷ std: blue no BatchNorm, orange BatchNorm'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'default initialization (dashed: chance, ln 10)'
set xlabel 'step (minibatch of 64, log scale)'
set ylabel 'training loss (log scale)'
if (format eq 'preview') { set title 'default initialization (dashed: chance, ln 10)'."\n".'y: training loss (log scale)'; unset ylabel; unset y2label }
set logscale x
set format x '%g'
set logscale y
set format y '%g'
set xrange [1.0:3744.0]
set yrange [0.19334576011187404:2.801480914166668]
set ytics ('0.2' 0.2, '0.3' 0.3, '0.5' 0.5, '0.7' 0.7, '1' 1.0, '1.5' 1.5, '2' 2.0)
set border 3
set tics out nomirror
unset key
plot data index 0 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#0072B2' notitle, \
     data index 1 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#D55E00' notitle, \
     data index 2 using 1:2 with lines lw 2 dt 2 lc rgb '#000000' title 'chance: ln 10', \
     data index 3 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'no BatchNorm', \
     data index 4 using 1:2 with lines lw 2 lc rgb '#D55E00' title 'BatchNorm'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'N(0, 0.001²) init (dashed: chance, ln 10)'
set xlabel 'step (minibatch of 64, log scale)'
set ylabel 'training loss (log scale)'
if (format eq 'preview') { set title 'N(0, 0.001²) init (dashed: chance, ln 10)'."\n".'y: training loss (log scale)'; unset ylabel; unset y2label }
set logscale x
set format x '%g'
set logscale y
set format y '%g'
set xrange [1.0:3744.0]
set yrange [0.19334576011187404:2.801480914166668]
set ytics ('0.2' 0.2, '0.3' 0.3, '0.5' 0.5, '0.7' 0.7, '1' 1.0, '1.5' 1.5, '2' 2.0)
set border 3
set tics out nomirror
unset key
plot data index 5 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#0072B2' notitle, \
     data index 6 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#D55E00' notitle, \
     data index 7 using 1:2 with lines lw 2 dt 2 lc rgb '#000000' title 'chance: ln 10', \
     data index 8 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'no BatchNorm, N(0, 0.001²) init', \
     data index 9 using 1:2 with lines lw 2 lc rgb '#D55E00' title 'BatchNorm, N(0, 0.001²) init'
unset multiplot
set output
}
