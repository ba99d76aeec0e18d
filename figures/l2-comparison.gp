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
  set terminal pngcairo noenhanced size 880,2550 font 'DejaVu Sans,10'
} else {
  if (format eq 'svg') {
    set terminal svg noenhanced size 880,2550 font 'DejaVu Sans,10' background '#ffffff'
  } else {
    eval('set terminal '.preview)
  }
}
if (format eq 'preview') { set output } else { set output script_dir.'l2-comparison.'.format.output_suffix }
set multiplot layout 7,1 title 'Each λ − (λ = 0): mean and 95 % interval paired over 10 seeds, 60 epochs'
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
set xrange [-0.0012525961337336894:0.0006495981337336684]
set yrange [-0.6:0.6]
set lmargin 26.0
set ytics ('λ = 0.01  +0.000 ± 0.001' 0.0)
set border 3
set tics out nomirror
unset key
plot data index 2 using 1:2 with lines lw 2 dt 2 lc rgb '#000000' notitle, \
     data index 3 using 1:2 with lines lw 2 lc rgb '#888888' notitle
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'the same comparison, rows with larger differences on an x-axis of their own'
set xlabel 'difference in lowest validation loss'
set xrange [-0.006307842732070927:0.01110821562208923]
set yrange [-0.6:2.6]
set lmargin 26.0
set ytics ('λ = 0.03  −0.001 ± 0.002' 2.0, 'λ = 0.1  −0.001 ± 0.005' 1.0, 'λ = 0.3  +0.003 ± 0.007' 0.0)
set border 3
set tics out nomirror
unset key
plot data index 4 using 1:2 with lines lw 2 dt 2 lc rgb '#000000' notitle, \
     data index 5 using 1:2 with lines lw 2 lc rgb '#888888' notitle
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'the same comparison, rows with larger differences on an x-axis of their own'
set xlabel 'difference in lowest validation loss'
set xrange [-0.007435443591857787:0.15614431542901352]
set yrange [-0.6:0.6]
set lmargin 26.0
set ytics ('λ = 1  +0.138 ± 0.010' 0.0)
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
plot data index 6 using 1:2 with lines lw 2 dt 2 lc rgb '#000000' notitle, \
     data index 7 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'survives Holm', \
     data index 8 using 1:2 with lines lw 2 lc rgb '#888888' title 'within noise'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'validation accuracy, mean of the last 10 epochs: right is better'
set xlabel 'difference in validation accuracy (points)'
set xrange [-0.48229288278559257:0.022966327751694885]
set yrange [-0.6:2.6]
set lmargin 24.0
set ytics ('λ = 0.01  −0.08 ± 0.05' 2.0, 'λ = 0.03  −0.14 ± 0.10' 1.0, 'λ = 0.1  −0.32 ± 0.14' 0.0)
set border 3
set tics out nomirror
unset key
plot data index 9 using 1:2 with lines lw 2 dt 2 lc rgb '#000000' notitle, \
     data index 10 using 1:2 with lines lw 2 lc rgb '#0072B2' notitle, \
     data index 11 using 1:2 with lines lw 2 dt 2 lc rgb '#0072B2' notitle
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'the same comparison, rows with larger differences on an x-axis of their own'
set xlabel 'difference in validation accuracy (points)'
set xrange [-5.371836127911696:0.2558017203767475]
set yrange [-0.6:1.6]
set lmargin 24.0
set ytics ('λ = 0.3  −1.03 ± 0.12' 1.0, 'λ = 1  −4.77 ± 0.34' 0.0)
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
plot data index 12 using 1:2 with lines lw 2 dt 2 lc rgb '#000000' notitle, \
     data index 13 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'survives Holm', \
     data index 14 using 1:2 with lines lw 2 dt 2 lc rgb '#000000' title 'dashed bar: borderline (an interval edge within ⅕ of its width of 0)'
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
plot data index 15 using 1:2 with lines lw 2 dt 2 lc rgb '#000000' notitle, \
     data index 16 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'survives Holm', \
     data index 17 using 1:2 with lines lw 2 lc rgb '#888888' title 'within noise'
unset multiplot
set output
}
