# batchnorm-preactivations: written by Training Techniques Lab.
# Redraw with `gnuplot batchnorm-preactivations.gp` from any folder; the data is batchnorm-preactivations.dat beside it,
# one block per series (select with `index`). Edit freely: it is plain gnuplot.
script_dir = ARG0
n = strlen(script_dir)
while (n > 0 && script_dir[n:n] ne '/') { n = n - 1 }
script_dir = (n > 0) ? script_dir[1:n] : ''
data = script_dir.'batchnorm-preactivations.dat'
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
if (format eq 'preview') { set output } else { set output script_dir.'batchnorm-preactivations.'.format.output_suffix }
set multiplot layout 2,2 title 'What enters each ReLU, on one batch of training images (first seed)'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'no BatchNorm, at initialization'
set xlabel 'pre-activation (input of ReLU)'
set ylabel 'share of units (%)'
if (format eq 'preview') { set title 'no BatchNorm, at initialization'."\n".'y: share of units (%)'; unset ylabel; unset y2label }
set yrange [0.0:53.21136474609375]
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
plot data index 0 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'hidden layer 1: mean -0.02, std 0.25', \
     data index 1 using 1:2 with lines lw 2 lc rgb '#D55E00' title 'hidden layer 2: mean -0.02, std 0.11'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'no BatchNorm, after training'
set xlabel 'pre-activation (input of ReLU)'
set ylabel 'share of units (%)'
if (format eq 'preview') { set title 'no BatchNorm, after training'."\n".'y: share of units (%)'; unset ylabel; unset y2label }
set yrange [0.0:53.21136474609375]
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
plot data index 2 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'hidden layer 1: mean -0.23, std 0.92', \
     data index 3 using 1:2 with lines lw 2 lc rgb '#D55E00' title 'hidden layer 2: mean 0.21, std 1.13'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'BatchNorm, at initialization'
set xlabel 'pre-activation (input of ReLU)'
set ylabel 'share of units (%)'
if (format eq 'preview') { set title 'BatchNorm, at initialization'."\n".'y: share of units (%)'; unset ylabel; unset y2label }
set yrange [0.0:53.21136474609375]
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
plot data index 4 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'hidden layer 1: mean -0.00, std 1.00', \
     data index 5 using 1:2 with lines lw 2 lc rgb '#D55E00' title 'hidden layer 2: mean 0.00, std 1.00'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'BatchNorm, after training'
set xlabel 'pre-activation (input of ReLU)'
set ylabel 'share of units (%)'
if (format eq 'preview') { set title 'BatchNorm, after training'."\n".'y: share of units (%)'; unset ylabel; unset y2label }
set yrange [0.0:53.21136474609375]
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
plot data index 6 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'hidden layer 1: mean -0.11, std 1.00', \
     data index 7 using 1:2 with lines lw 2 lc rgb '#D55E00' title 'hidden layer 2: mean 0.07, std 1.18'
unset multiplot
set output
}
