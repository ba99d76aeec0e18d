# lr-decay-schedules: written by Training Techniques Lab.
# Redraw with `gnuplot lr-decay-schedules.gp` from any folder; the data is lr-decay-schedules.dat beside it,
# one block per series (select with `index`). Edit freely: it is plain gnuplot.
script_dir = ARG0
n = strlen(script_dir)
while (n > 0 && script_dir[n:n] ne '/') { n = n - 1 }
script_dir = (n > 0) ? script_dir[1:n] : ''
data = script_dir.'lr-decay-schedules.dat'
if (!exists('output_suffix')) output_suffix = ''
# gnuplot -e "preview='dumb size 120,40'" draws the figure on standard output instead. A text
# terminal draws a band's outline, not its fill, and cannot turn a label or dash a line:
# the preview leaves the bands and the grid out, writes each y label under its panel's
# title, and names the lines told apart only by their dashes in the key.
if (!exists('preview')) preview = ''
do for [format in (preview eq '' ? 'png svg' : 'preview')] {
if (format eq 'png') {
  set terminal pngcairo noenhanced size 880,510 font 'DejaVu Sans,10'
} else {
  if (format eq 'svg') {
    set terminal svg noenhanced size 880,510 font 'DejaVu Sans,10' background '#ffffff'
  } else {
    eval('set terminal '.preview)
  }
}
if (format eq 'preview') { set output } else { set output script_dir.'lr-decay-schedules.'.format.output_suffix }
set multiplot layout 1,1 title 'Learning rate per epoch (reduce-on-plateau: mean over seeds)'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'the too-aggressive decay falls out of the plot at the bottom'
set xlabel 'epoch'
set ylabel 'learning rate (log scale)'
if (format eq 'preview') { set title 'the too-aggressive decay falls out of the plot at the bottom'."\n".'y: learning rate (log scale)'; unset ylabel; unset y2label }
set logscale y
set format y '%g'
set yrange [1e-05:1.0]
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
plot data index 0 using 1:2 with lines lw 2 dt 2 lc rgb '#000000' title 'constant, η = 0.1', \
     data index 1 using 1:2 with lines lw 2 dt 2 lc rgb '#332288' title 'constant, η = 0.03', \
     data index 2 using 1:2 with lines lw 2 dt 2 lc rgb '#8C510A' title 'constant, η = 0.01', \
     data index 3 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#0072B2' title 'exponential, k = 0.1', \
     data index 4 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#009E73' title 'multiplicative, α = 0.85', \
     data index 5 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#CC79A7' title 'inverse, k = 0.3', \
     data index 6 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#E69F00' title 'step: ×0.5 every 7 epochs', \
     data index 7 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#882255' title 'on plateau: ×0.5 after 3 bad epochs', \
     data index 8 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#56B4E9' title 'too aggressive: exponential, k = 1'
unset multiplot
set output
}
