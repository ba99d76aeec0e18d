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
  set terminal pngcairo noenhanced size 880,2190 font 'DejaVu Sans,10'
} else {
  if (format eq 'svg') {
    set terminal svg noenhanced size 880,2190 font 'DejaVu Sans,10' background '#ffffff'
  } else {
    eval('set terminal '.preview)
  }
}
if (format eq 'preview') { set output } else { set output script_dir.'l2-comparison.'.format.output_suffix }
set multiplot layout 6,1 title 'Each λ − (λ = 0): mean and 95 % interval paired over 10 seeds, 60 epochs'
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
set title 'lowest validation loss, each run at its best epoch: left is better'
set xlabel 'difference in lowest validation loss'
set xrange [-0.006307842732070927:0.01110821562208923]
set yrange [-0.6:3.6]
set lmargin 28.0
set ytics ('λ = 0.01  −0.0003 ± 0.0009' 3.0, 'λ = 0.03  −0.0006 ± 0.0019' 2.0, 'λ = 0.1  −0.0006 ± 0.0049' 1.0, 'λ = 0.3  +0.0032 ± 0.0071' 0.0)
set border 3
set tics out nomirror
unset key
plot data index 2 using 1:2 with lines lw 2 dt 2 lc rgb '#000000' notitle, \
     data index 3 using 1:2 with lines lw 2 lc rgb '#888888' notitle
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'the same measure, rows on an x-axis of their own'
set xlabel 'difference in lowest validation loss'
set xrange [-0.007435443591857787:0.15614431542901352]
set yrange [-0.6:0.6]
set lmargin 28.0
set ytics ('λ = 1  +0.1384 ± 0.0103' 0.0)
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
plot data index 4 using 1:2 with lines lw 2 dt 2 lc rgb '#000000' notitle, \
     data index 5 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'survives Holm', \
     data index 6 using 1:2 with lines lw 2 lc rgb '#888888' title 'within noise'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'validation accuracy, mean of the last 10 epochs: right is better'
set xlabel 'difference in validation accuracy (points)'
set xrange [-1.207046225370407:0.0574783916843051]
set yrange [-0.6:3.6]
set lmargin 24.0
set ytics ('λ = 0.01  −0.08 ± 0.05' 3.0, 'λ = 0.03  −0.14 ± 0.10' 2.0, 'λ = 0.1  −0.32 ± 0.14' 1.0, 'λ = 0.3  −1.03 ± 0.12' 0.0)
set border 3
set tics out nomirror
unset key
plot data index 7 using 1:2 with lines lw 2 dt 2 lc rgb '#000000' notitle, \
     data index 8 using 1:2 with lines lw 2 lc rgb '#0072B2' notitle, \
     data index 9 using 1:2 with lines lw 2 dt 2 lc rgb '#0072B2' notitle
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'the same measure, rows on an x-axis of their own'
set xlabel 'difference in validation accuracy (points)'
set xrange [-5.371836127911696:0.2558017203767475]
set yrange [-0.6:0.6]
set lmargin 24.0
set ytics ('λ = 1  −4.77 ± 0.34' 0.0)
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
plot data index 10 using 1:2 with lines lw 2 dt 2 lc rgb '#000000' notitle, \
     data index 11 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'survives Holm', \
     data index 12 using 1:2 with lines lw 2 dt 2 lc rgb '#000000' title 'dashed bar: borderline (an interval edge within ⅕ of its width of 0)'
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
plot data index 13 using 1:2 with lines lw 2 dt 2 lc rgb '#000000' notitle, \
     data index 14 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'survives Holm', \
     data index 15 using 1:2 with lines lw 2 lc rgb '#888888' title 'within noise'
unset multiplot
set output
}
