# batchnorm-comparison: written by Training Techniques Lab.
# Redraw with `gnuplot batchnorm-comparison.gp` from any folder; the data is batchnorm-comparison.dat beside it,
# one block per series (select with `index`). Edit freely: it is plain gnuplot.
script_dir = ARG0
n = strlen(script_dir)
while (n > 0 && script_dir[n:n] ne '/') { n = n - 1 }
script_dir = (n > 0) ? script_dir[1:n] : ''
data = script_dir.'batchnorm-comparison.dat'
if (!exists('output_suffix')) output_suffix = ''
# gnuplot -e "preview='dumb size 120,40'" draws the figure on standard output instead. A text
# terminal draws a band's outline, not its fill, and cannot turn a label or dash a line:
# the preview leaves the bands and the grid out, writes each y label under its panel's
# title, and names the lines told apart only by their dashes in the key.
if (!exists('preview')) preview = ''
do for [format in (preview eq '' ? 'png svg' : 'preview')] {
if (format eq 'png') {
  set terminal pngcairo noenhanced size 880,720 font 'DejaVu Sans,10'
} else {
  if (format eq 'svg') {
    set terminal svg noenhanced size 880,720 font 'DejaVu Sans,10' background '#ffffff'
  } else {
    eval('set terminal '.preview)
  }
}
if (format eq 'preview') { set output } else { set output script_dir.'batchnorm-comparison.'.format.output_suffix }
set multiplot layout 2,1
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'BatchNorm − no BatchNorm, validation after 3 epochs: 95 % interval paired over 10 seeds'
set xlabel 'difference in validation accuracy (points)'
set xrange [-0.19074963809885176:4.005742400075887]
set yrange [-0.6:2.6]
set lmargin 24.0
set ytics ('η = 0.1  +1.72 ± 0.90' 2.0, 'η = 0.2  +1.19 ± 1.17' 1.0, 'η = 0.5  +2.56 ± 1.26' 0.0)
set border 3
set tics out nomirror
unset key
plot data index 0 using 1:2 with lines lw 2 dt 2 lc rgb '#000000' notitle, \
     data index 1 using 1:2 with lines lw 2 lc rgb '#0072B2' notitle, \
     data index 2 using 1:2 with lines lw 2 dt 2 lc rgb '#0072B2' notitle
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'the same comparison, rows with larger differences on an x-axis of their own'
set xlabel 'difference in validation accuracy (points)'
set xrange [-3.7637806951481227:79.03939459811058]
set yrange [-0.6:3.6]
set lmargin 24.0
set ytics ('η = 1.0  +60.31 ± 3.39' 3.0, 'η = 1.5  +73.76 ± 1.02' 2.0, 'η = 2.0  +74.28 ± 1.00' 1.0, 'η = 3.0  +72.51 ± 1.49' 0.0)
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
plot data index 3 using 1:2 with lines lw 2 dt 2 lc rgb '#000000' notitle, \
     data index 4 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'survives Holm', \
     data index 5 using 1:2 with lines lw 2 dt 2 lc rgb '#000000' title 'dashed bar: borderline (an interval edge within ⅕ of its width of 0)'
unset multiplot
set output
}
