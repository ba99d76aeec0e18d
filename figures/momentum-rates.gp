# momentum-rates: written by Training Techniques Lab.
# Redraw with `gnuplot momentum-rates.gp` from any folder; the data is momentum-rates.dat beside it,
# one block per series (select with `index`). Edit freely: it is plain gnuplot.
script_dir = ARG0
n = strlen(script_dir)
while (n > 0 && script_dir[n:n] ne '/') { n = n - 1 }
script_dir = (n > 0) ? script_dir[1:n] : ''
data = script_dir.'momentum-rates.dat'
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
if (format eq 'preview') { set output } else { set output script_dir.'momentum-rates.'.format.output_suffix }
set multiplot layout 1,1
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'bowl ½(x² + 20y²): error shrinks by this factor per step (lower is faster)'
set xlabel 'momentum α'
set ylabel 'rate per step'
if (format eq 'preview') { set title 'bowl ½(x² + 20y²): error shrinks by this factor per step (lower is faster)'."\n".'y: rate per step'; unset ylabel; unset y2label }
set yrange [0.5:1.15]
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
set arrow from 0.64, graph 0 to 0.64, graph 1 nohead dt 2 lw 1.5 lc rgb '#555555'
set label 'critical damping at lr 0.04' at 0.64, graph 0.95 left offset 0.5,0 tc rgb '#333333' front
set arrow from 0.40260548415522257, graph 0 to 0.40260548415522257, graph 1 nohead dt 2 lw 1.5 lc rgb '#555555'
set label 'α* = ((√κ−1)/(√κ+1))² = 0.40' at 0.40260548415522257, graph 0.8799999999999999 left offset 0.5,0 tc rgb '#333333' front
plot data index 0 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'predicted, lr 0.04 (the lesson''s)', \
     data index 1 using 1:2 with points pt 7 ps 0.6 lc rgb '#D55E00' title 'measured, lr 0.04', \
     data index 2 using 1:2 with lines lw 2 dt 2 lc rgb '#009E73' title 'predicted, best lr η* = 0.134 (diverges for α < 0.34)'
unset multiplot
set output
}
