# parameter-count-growth: written by Training Techniques Lab.
# Redraw with `gnuplot parameter-count-growth.gp` from any folder; the data is parameter-count-growth.dat beside it,
# one block per series (select with `index`). Edit freely: it is plain gnuplot.
script_dir = ARG0
n = strlen(script_dir)
while (n > 0 && script_dir[n:n] ne '/') { n = n - 1 }
script_dir = (n > 0) ? script_dir[1:n] : ''
data = script_dir.'parameter-count-growth.dat'
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
if (format eq 'preview') { set output } else { set output script_dir.'parameter-count-growth.'.format.output_suffix }
set multiplot layout 1,2 title 'Total parameters of an MLP with 10 classes'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'two hidden layers of width w (w² takes over from w only for wide layers)'
set xlabel 'hidden width w'
set ylabel 'parameters'
if (format eq 'preview') { set title 'two hidden layers of width w (w² takes over from w only for wide layers)'."\n".'y: parameters'; unset ylabel; unset y2label }
set logscale x
set format x '%g'
set logscale y
set format y '%g'
set xrange [8.0:1024.0]
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
set arrow from 204.0, graph 0 to 204.0, graph 1 nohead dt 2 lw 1.5 lc rgb '#555555'
set label 'w = 204' at 204.0, graph 0.95 left offset 0.5,0 tc rgb '#333333' front
set arrow from 63.0, graph 0 to 63.0, graph 1 nohead dt 2 lw 1.5 lc rgb '#555555'
set label 'w = 63' at 63.0, graph 0.8799999999999999 left offset 0.5,0 tc rgb '#333333' front
plot data index 0 using 1:2 with lines lw 2 dt 2 lc rgb '#888888' title 'slope 1 (∝ w), 3× above the 784 curve''s start', \
     data index 1 using 1:2 with lines lw 2 dt 2 lc rgb '#8C510A' title 'slope 2 (∝ w²), ⅓ of the 784 curve''s end', \
     data index 2 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#0072B2' title '50 inputs (lecture)', \
     data index 3 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#D55E00' title '784 inputs (28×28 image)', \
     data index 4 using 1:2 with lines lw 2 lc rgb '#000000' title '54,000 training images'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'hidden layers of width 100 (grows linearly)'
set xlabel 'number of hidden layers'
set ylabel 'parameters'
if (format eq 'preview') { set title 'hidden layers of width 100 (grows linearly)'."\n".'y: parameters'; unset ylabel; unset y2label }
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
plot data index 5 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#0072B2' title '50 inputs (lecture)', \
     data index 6 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#D55E00' title '784 inputs (28×28 image)', \
     data index 7 using 1:2 with lines lw 2 lc rgb '#000000' title '54,000 training images'
unset multiplot
set output
}
