# dropout-mechanics: written by Training Techniques Lab.
# Redraw with `gnuplot dropout-mechanics.gp` from any folder; the data is dropout-mechanics.dat beside it,
# one block per series (select with `index`). Edit freely: it is plain gnuplot.
script_dir = ARG0
n = strlen(script_dir)
while (n > 0 && script_dir[n:n] ne '/') { n = n - 1 }
script_dir = (n > 0) ? script_dir[1:n] : ''
data = script_dir.'dropout-mechanics.dat'
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
if (format eq 'preview') { set output } else { set output script_dir.'dropout-mechanics.'.format.output_suffix }
set multiplot layout 4,1 title 'Inverted dropout, p = 0.5, on the first hidden layer (30 examples × 75 units), one grey scale'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'activations a (evaluation mode)'
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
set palette gray
unset key
unset tics
set cbrange [0.0:2.1360192]
set rmargin 14
unset colorbox
unset border
set size ratio -1
set xrange [-0.5:74.5]
set yrange [29.5:-0.5]
plot data index 0 using 1:2:3 with image notitle
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'one mask: 0 or 1/(1−p) = 2.00'
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
set palette gray
unset key
unset tics
set cbrange [0.0:2.1360192]
set rmargin 14
unset colorbox
unset border
set size ratio -1
set xrange [-0.5:74.5]
set yrange [29.5:-0.5]
plot data index 1 using 1:2:3 with image notitle
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'a ⊙ mask (training mode)'
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
set palette gray
unset key
unset tics
set cbrange [0.0:2.1360192]
set rmargin 14
set colorbox user origin graph 1.03, graph 0 size graph 0.04, graph 1
set cblabel 'activation, or mask factor'
set cbtics out nomirror
unset border
set size ratio -1
set xrange [-0.5:74.5]
set yrange [29.5:-0.5]
plot data index 2 using 1:2:3 with image notitle
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'mean over 2000 masks vs a'
set xlabel 'activation without dropout'
set ylabel 'mean of dropout output'
if (format eq 'preview') { set title 'mean over 2000 masks vs a'."\n".'y: mean of dropout output'; unset ylabel; unset y2label }
set border 3
set tics out nomirror
set key inside top left reverse Left samplen 2 opaque box lc rgb '#cccccc'
plot data index 3 using 1:2 with points pt 7 ps 0.6 lc rgb '#0072B2' title '2250 (example, unit) pairs', \
     data index 4 using 1:2 with lines lw 2 dt 2 lc rgb '#000000' title 'y = x'
unset multiplot
set output
}
