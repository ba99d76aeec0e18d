# l2-comparison: written by Training Techniques Lab.
# Redraw with `gnuplot l2-comparison.gp` from any folder; the data is l2-comparison.dat beside it,
# one block per series (select with `index`). Edit freely: it is plain gnuplot.
script_dir = ARG0
n = strlen(script_dir)
while (n > 0 && script_dir[n:n] ne '/') { n = n - 1 }
script_dir = (n > 0) ? script_dir[1:n] : ''
data = script_dir.'l2-comparison.dat'
if (!exists('output_suffix')) output_suffix = ''
# gnuplot -e "preview='dumb size 120,40'" draws the figure on standard output instead. A text
# terminal draws a band's outline, not its fill, and cannot turn a label or dash a line:
# the preview leaves the bands and the grid out, writes each y label under its panel's
# title, and names the lines told apart only by their dashes in the key.
if (!exists('preview')) preview = ''
do for [format in (preview eq '' ? 'png svg' : 'preview')] {
if (format eq 'png') {
  set terminal pngcairo noenhanced size 880,750 font 'DejaVu Sans,10'
} else {
  if (format eq 'svg') {
    set terminal svg noenhanced size 880,750 font 'DejaVu Sans,10' background '#ffffff'
  } else {
    eval('set terminal '.preview)
  }
}
if (format eq 'preview') { set output } else { set output script_dir.'l2-comparison.'.format.output_suffix }
set multiplot layout 2,1 title 'Each λ − (λ = 0): mean and 95 % interval paired over 10 seeds, 60 epochs'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'validation loss, mean of the last 10 epochs: left is better'
set xlabel 'difference in validation loss'
set xrange [-0.09731694402495178:0.07580450410509286]
set yrange [-0.6:4.6]
set ytics ('λ = 0.01  −0.011 ± 0.002' 4.0, 'λ = 0.03  −0.031 ± 0.005' 3.0, 'λ = 0.1  −0.069 ± 0.009' 2.0, 'λ = 0.3  −0.076 ± 0.014' 1.0, 'λ = 1  +0.046 ± 0.022' 0.0)
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
plot data index 0 using 1:2 with lines lw 2 dt 2 lc rgb '#000000' notitle, \
     data index 1 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'survives Holm'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'test accuracy after the last epoch: right is better'
set xlabel 'difference in test accuracy (points)'
set xrange [-5.394265580820866:0.7232631612315714]
set yrange [-0.6:4.6]
set ytics ('λ = 0.01  −0.18 ± 0.41' 4.0, 'λ = 0.03  −0.25 ± 0.54' 3.0, 'λ = 0.1  −0.01 ± 0.45' 2.0, 'λ = 0.3  −0.18 ± 0.59' 1.0, 'λ = 1  −4.49 ± 0.62' 0.0)
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
plot data index 2 using 1:2 with lines lw 2 dt 2 lc rgb '#000000' notitle, \
     data index 3 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'survives Holm', \
     data index 4 using 1:2 with lines lw 2 lc rgb '#888888' title 'within noise'
unset multiplot
set output
}
