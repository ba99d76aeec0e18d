# batchnorm-percentiles: written by Training Techniques Lab.
# Redraw with `gnuplot batchnorm-percentiles.gp` from any folder; the data is batchnorm-percentiles.dat beside it,
# one block per series (select with `index`). Edit freely: it is plain gnuplot.
script_dir = ARG0
n = strlen(script_dir)
while (n > 0 && script_dir[n:n] ne '/') { n = n - 1 }
script_dir = (n > 0) ? script_dir[1:n] : ''
data = script_dir.'batchnorm-percentiles.dat'
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
if (format eq 'preview') { set output } else { set output script_dir.'batchnorm-percentiles.'.format.output_suffix }
set multiplot layout 1,2 title 'Input of unit 1''s ReLU in hidden layer 2: 15th, 50th, 85th percentiles over 512 images (first seed; Ioffe & Szegedy, fig. 1)'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'no BatchNorm'
set xlabel 'step'
set ylabel 'pre-activation'
if (format eq 'preview') { set title 'no BatchNorm'."\n".'y: pre-activation'; unset ylabel; unset y2label }
set xrange [0.0:3120.0]
set yrange [-1.3122538089752198:1.8801868915557862]
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
plot data index 0 using 1:2 with lines lw 2 lc rgb '#D55E00' title '85th percentile', \
     data index 1 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'median', \
     data index 2 using 1:2 with lines lw 2 lc rgb '#009E73' title '15th percentile'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'BatchNorm'
set xlabel 'step'
set ylabel 'pre-activation'
if (format eq 'preview') { set title 'BatchNorm'."\n".'y: pre-activation'; unset ylabel; unset y2label }
set xrange [0.0:3120.0]
set yrange [-1.3122538089752198:1.8801868915557862]
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
plot data index 3 using 1:2 with lines lw 2 lc rgb '#D55E00' title '85th percentile', \
     data index 4 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'median', \
     data index 5 using 1:2 with lines lw 2 lc rgb '#009E73' title '15th percentile'
unset multiplot
set output
}
