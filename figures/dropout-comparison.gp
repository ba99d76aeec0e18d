# dropout-comparison: written by Training Techniques Lab.
# Redraw with `gnuplot dropout-comparison.gp` from any folder; the data is dropout-comparison.dat beside it,
# one block per series (select with `index`). Edit freely: it is plain gnuplot.
script_dir = ARG0
n = strlen(script_dir)
while (n > 0 && script_dir[n:n] ne '/') { n = n - 1 }
script_dir = (n > 0) ? script_dir[1:n] : ''
data = script_dir.'dropout-comparison.dat'
if (!exists('output_suffix')) output_suffix = ''
# gnuplot -e "preview='dumb size 120,40'" draws the figure on standard output instead. A text
# terminal draws a band's outline, not its fill, and cannot turn a label or dash a line:
# the preview leaves the bands and the grid out, writes each y label under its panel's
# title, and names the lines told apart only by their dashes in the key.
if (!exists('preview')) preview = ''
do for [format in (preview eq '' ? 'png svg' : 'preview')] {
if (format eq 'png') {
  set terminal pngcairo noenhanced size 880,1470 font 'DejaVu Sans,10'
} else {
  if (format eq 'svg') {
    set terminal svg noenhanced size 880,1470 font 'DejaVu Sans,10' background '#ffffff'
  } else {
    eval('set terminal '.preview)
  }
}
if (format eq 'preview') { set output } else { set output script_dir.'dropout-comparison.'.format.output_suffix }
set multiplot layout 4,1 title 'Each p − no dropout: mean and 95 % interval paired over 10 seeds, 100 epochs'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'generalization gap, mean of the last 10 epochs: left is less overfitting'
set xlabel 'difference in gap (points)'
set xrange [-0.306028972156392:0.051429952156390756]
set yrange [-0.6:0.6]
set lmargin 23.0
set ytics ('p = 0.1  −0.13 ± 0.16' 0.0)
set border 3
set tics out nomirror
unset key
plot data index 0 using 1:2 with lines lw 2 dt 2 lc rgb '#000000' notitle, \
     data index 1 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 2 using 1:2 with lines lw 2 dt 2 lc rgb '#888888' notitle
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'the same comparison, rows with larger differences on an x-axis of their own'
set xlabel 'difference in gap (points)'
set xrange [-4.425443364952024:0.21073539833104876]
set yrange [-0.6:3.6]
set lmargin 23.0
set ytics ('p = 0.2  −0.51 ± 0.24' 3.0, 'p = 0.3  −1.02 ± 0.24' 2.0, 'p = 0.5  −2.35 ± 0.35' 1.0, 'p = 0.7  −3.93 ± 0.29' 0.0)
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
plot data index 3 using 1:2 with lines lw 2 dt 2 lc rgb '#000000' notitle, \
     data index 4 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'survives Holm', \
     data index 5 using 1:2 with lines lw 2 lc rgb '#888888' title 'within noise', \
     data index 6 using 1:2 with lines lw 2 dt 2 lc rgb '#000000' title 'dashed bar: borderline (an interval edge within ⅕ of its width of 0)'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'test accuracy at each run''s best-validation epoch: right is better on new images'
set xlabel 'difference in test accuracy (points)'
set xrange [-0.08880376626157781:0.45745348414074166]
set yrange [-0.6:2.6]
set lmargin 23.0
set ytics ('p = 0.1  +0.28 ± 0.16' 2.0, 'p = 0.2  +0.13 ± 0.18' 1.0, 'p = 0.3  +0.15 ± 0.21' 0.0)
set border 3
set tics out nomirror
unset key
plot data index 7 using 1:2 with lines lw 2 dt 2 lc rgb '#000000' notitle, \
     data index 8 using 1:2 with lines lw 2 lc rgb '#0072B2' notitle, \
     data index 9 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 10 using 1:2 with lines lw 2 dt 2 lc rgb '#888888' notitle
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'the same comparison, rows with larger differences on an x-axis of their own'
set xlabel 'difference in test accuracy (points)'
set xrange [-6.611165906415864:0.31481742411504116]
set yrange [-0.6:1.6]
set lmargin 23.0
set ytics ('p = 0.5  −0.98 ± 0.18' 1.0, 'p = 0.7  −5.67 ± 0.63' 0.0)
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
plot data index 11 using 1:2 with lines lw 2 dt 2 lc rgb '#000000' notitle, \
     data index 12 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'survives Holm', \
     data index 13 using 1:2 with lines lw 2 lc rgb '#888888' title 'within noise', \
     data index 14 using 1:2 with lines lw 2 dt 2 lc rgb '#000000' title 'dashed bar: borderline (an interval edge within ⅕ of its width of 0)'
unset multiplot
set output
}
