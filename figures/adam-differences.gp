# adam-differences: written by Training Techniques Lab.
# Redraw with `gnuplot adam-differences.gp` from any folder; the data is adam-differences.dat beside it,
# one block per series (select with `index`). Edit freely: it is plain gnuplot.
script_dir = ARG0
n = strlen(script_dir)
while (n > 0 && script_dir[n:n] ne '/') { n = n - 1 }
script_dir = (n > 0) ? script_dir[1:n] : ''
data = script_dir.'adam-differences.dat'
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
if (format eq 'preview') { set output } else { set output script_dir.'adam-differences.'.format.output_suffix }
set multiplot layout 2,1 title 'Adam at lr (corrected unless marked): paired differences over 10 seeds, 95 % intervals, Holm over all five'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'validation accuracy, mean of the last 2 epochs: right is better'
set xlabel 'difference in validation accuracy (points)'
set xrange [-7.949399281556932:2.1603834186159343]
set yrange [-0.6:3.6]
set lmargin 41.0
set ytics ('0.001 uncorrected − 0.001  +1.30 ± 0.40' 3.0, '0.01 uncorrected − 0.01  −5.33 ± 2.16' 2.0, '0.002 − 0.001 uncorrected  −0.96 ± 0.59' 1.0, '0.005 − 0.001 uncorrected  −1.15 ± 0.66' 0.0)
set border 3
set tics out nomirror
unset key
plot data index 0 using 1:2 with lines lw 2 dt 2 lc rgb '#000000' notitle, \
     data index 1 using 1:2 with lines lw 2 lc rgb '#0072B2' notitle
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'the same measure, rows on an x-axis of their own'
set xlabel 'difference in validation accuracy (points)'
set xrange [-0.607001935487082:0.028904854070813432]
set yrange [-0.6:0.6]
set lmargin 41.0
set ytics ('0.002 + warm-up − 0.002  −0.33 ± 0.25' 0.0)
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
plot data index 2 using 1:2 with lines lw 2 dt 2 lc rgb '#000000' notitle, \
     data index 3 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'survives Holm', \
     data index 4 using 1:2 with lines lw 2 dt 2 lc rgb '#0072B2' title (format eq 'preview' ? 'survives Holm, dashed' : ''), \
     data index 5 using 1:2 with lines lw 2 dt 2 lc rgb '#000000' title 'dashed bar: borderline (an interval edge within ⅕ of its width of 0)'
unset multiplot
set output
}
