# regularizers-comparison: written by Training Techniques Lab.
# Redraw with `gnuplot regularizers-comparison.gp` from any folder; the data is regularizers-comparison.dat beside it,
# one block per series (select with `index`). Edit freely: it is plain gnuplot.
script_dir = ARG0
n = strlen(script_dir)
while (n > 0 && script_dir[n:n] ne '/') { n = n - 1 }
script_dir = (n > 0) ? script_dir[1:n] : ''
data = script_dir.'regularizers-comparison.dat'
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
if (format eq 'preview') { set output } else { set output script_dir.'regularizers-comparison.'.format.output_suffix }
set multiplot layout 2,1 title 'Each technique − none: mean and 95 % interval paired over 10 seeds, 2000 images, 60 epochs (more where a label says so)'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'generalization gap (training − validation accuracy): left is less overfitting'
set xlabel 'difference in gap (points)'
set xrange [-10.308902952109493:4.4852252068711795]
set yrange [-0.6:7.6]
set ytics ('early stopping  −7.88 ± 0.99' 7.0, 'L2, λ = 0.03  −0.86 ± 0.33' 6.0, 'L2, λ = 0.1  −2.10 ± 0.60' 5.0, 'dropout 0.2  −1.28 ± 0.93' 4.0, 'dropout 0.5  −4.69 ± 0.79' 3.0, 'augmentation, 3× epochs  −8.65 ± 0.99' 2.0, 'batch norm  +3.29 ± 0.52' 1.0, 'batch norm + dropout 0.2  +2.64 ± 0.57' 0.0)
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
plot data index 0 using 1:2 with lines lw 2 dt 2 lc rgb '#000000' notitle, \
     data index 1 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'survives Holm', \
     data index 2 using 1:2 with lines lw 2 dt 2 lc rgb '#0072B2' title (format eq 'preview' ? 'survives Holm, dashed' : ''), \
     data index 3 using 1:2 with lines lw 2 dt 2 lc rgb '#000000' title 'dashed bar: borderline (an interval edge within ⅕ of its width of 0)'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'test accuracy: right is better on new images'
set xlabel 'difference in test accuracy (points)'
set xrange [-1.0161699306593786:2.132224864656055]
set yrange [-0.6:7.6]
set ytics ('early stopping  +0.15 ± 0.83' 7.0, 'L2, λ = 0.03  −0.25 ± 0.54' 6.0, 'L2, λ = 0.1  −0.01 ± 0.45' 5.0, 'dropout 0.2  +0.92 ± 0.57' 4.0, 'dropout 0.5  +1.34 ± 0.65' 3.0, 'augmentation, 3× epochs  +0.08 ± 0.96' 2.0, 'batch norm  +0.28 ± 0.70' 1.0, 'batch norm + dropout 0.2  +0.40 ± 0.91' 0.0)
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
plot data index 4 using 1:2 with lines lw 2 dt 2 lc rgb '#000000' notitle, \
     data index 5 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'survives Holm', \
     data index 6 using 1:2 with lines lw 2 lc rgb '#888888' title 'within noise'
unset multiplot
set output
}
