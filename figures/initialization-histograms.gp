# initialization-histograms: written by Training Techniques Lab.
# Redraw with `gnuplot initialization-histograms.gp` from any folder; the data is initialization-histograms.dat beside it,
# one block per series (select with `index`). Edit freely: it is plain gnuplot.
script_dir = ARG0
n = strlen(script_dir)
while (n > 0 && script_dir[n:n] ne '/') { n = n - 1 }
script_dir = (n > 0) ? script_dir[1:n] : ''
data = script_dir.'initialization-histograms.dat'
if (!exists('output_suffix')) output_suffix = ''
# gnuplot -e "preview='dumb size 120,40'" draws the figure on standard output instead. A text
# terminal draws a band's outline, not its fill, and cannot turn a label or dash a line:
# the preview leaves the bands and the grid out, writes each y label under its panel's
# title, and names the lines told apart only by their dashes in the key.
if (!exists('preview')) preview = ''
do for [format in (preview eq '' ? 'png svg' : 'preview')] {
if (format eq 'png') {
  set terminal pngcairo noenhanced size 1280,950 font 'DejaVu Sans,15'
} else {
  if (format eq 'svg') {
    set terminal svg noenhanced size 1280,950 font 'DejaVu Sans,15' background '#ffffff'
  } else {
    eval('set terminal '.preview)
  }
}
if (format eq 'preview') { set output } else { set output script_dir.'initialization-histograms.'.format.output_suffix }
set multiplot layout 2,2 title 'Distribution of each hidden layer''s activations at initialization (one y-range per row)'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'tanh, Xavier normal'
set xlabel 'activation'
set ylabel 'share of units (%)'
if (format eq 'preview') { set title 'tanh, Xavier normal'."\n".'y: share of units (%)'; unset ylabel; unset y2label }
set yrange [0.0:19.80849609375]
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
plot data index 0 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'layer 1: std 0.471', \
     data index 1 using 1:2 with lines lw 2 lc rgb '#D55E00' title 'layer 4: std 0.294', \
     data index 2 using 1:2 with lines lw 2 lc rgb '#009E73' title 'layer 7: std 0.230', \
     data index 3 using 1:2 with lines lw 2 lc rgb '#CC79A7' title 'layer 10: std 0.189'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'tanh, PyTorch default'
set xlabel 'activation'
set ylabel 'share of units (%)'
if (format eq 'preview') { set title 'tanh, PyTorch default'."\n".'y: share of units (%)'; unset ylabel; unset y2label }
set yrange [0.0:19.80849609375]
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
plot data index 4 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'layer 1: std 0.248', \
     data index 5 using 1:2 with lines lw 2 lc rgb '#D55E00' title 'layer 4: std 0.082', \
     data index 6 using 1:2 with lines lw 2 lc rgb '#009E73' title 'layer 7: std 0.076', \
     data index 7 using 1:2 with lines lw 2 lc rgb '#CC79A7' title 'layer 10: std 0.068'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'relu, He normal'
set xlabel 'activation'
set ylabel 'share of units (%)'
if (format eq 'preview') { set title 'relu, He normal'."\n".'y: share of units (%)'; unset ylabel; unset y2label }
set yrange [0.0:29.75068359375]
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
plot data index 8 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'layer 1: std 0.414 (50% zero)', \
     data index 9 using 1:2 with lines lw 2 lc rgb '#D55E00' title 'layer 4: std 0.417 (43% zero)', \
     data index 10 using 1:2 with lines lw 2 lc rgb '#009E73' title 'layer 7: std 0.429 (46% zero)', \
     data index 11 using 1:2 with lines lw 2 lc rgb '#CC79A7' title 'layer 10: std 0.417 (47% zero)'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'relu, PyTorch default'
set xlabel 'activation'
set ylabel 'share of units (%)'
if (format eq 'preview') { set title 'relu, PyTorch default'."\n".'y: share of units (%)'; unset ylabel; unset y2label }
set yrange [0.0:29.75068359375]
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
plot data index 12 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'layer 1: std 0.157 (52% zero)', \
     data index 13 using 1:2 with lines lw 2 lc rgb '#D55E00' title 'layer 4: std 0.030 (57% zero)', \
     data index 14 using 1:2 with lines lw 2 lc rgb '#009E73' title 'layer 7: std 0.039 (53% zero)', \
     data index 15 using 1:2 with lines lw 2 lc rgb '#CC79A7' title 'layer 10: std 0.039 (47% zero)'
unset multiplot
set output
}
