# initialization-signal: written by Training Techniques Lab.
# Redraw with `gnuplot initialization-signal.gp` from any folder; the data is initialization-signal.dat beside it,
# one block per series (select with `index`). Edit freely: it is plain gnuplot.
script_dir = ARG0
n = strlen(script_dir)
while (n > 0 && script_dir[n:n] ne '/') { n = n - 1 }
script_dir = (n > 0) ? script_dir[1:n] : ''
data = script_dir.'initialization-signal.dat'
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
if (format eq 'preview') { set output } else { set output script_dir.'initialization-signal.'.format.output_suffix }
set multiplot layout 2,2 title 'At initialization: does the signal keep its size through 10 layers? (one batch; predictions: next figure)'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'tanh network: std of activations'
set xlabel 'hidden layer'
set ylabel 'standard deviation (log scale)'
if (format eq 'preview') { set title 'tanh network: std of activations'."\n".'y: standard deviation (log scale)'; unset ylabel; unset y2label }
set logscale y
set format y '%g'
set mytics 1
set yrange [3.1709653303710965e-22:419359956.79999995]
set bmargin 8.0
set border 3
set tics out nomirror
unset key
plot data index 0 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#0072B2' title 'Xavier normal', \
     data index 1 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#CC79A7' title 'He normal', \
     data index 2 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#009E73' title 'PyTorch default', \
     data index 3 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#56B4E9' title 'N(0, 0.001²)', \
     data index 4 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#8C510A' title 'N(0, 1)'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'tanh network: std of ∂L/∂activation'
set xlabel 'hidden layer'
set ylabel 'standard deviation (log scale)'
if (format eq 'preview') { set title 'tanh network: std of ∂L/∂activation'."\n".'y: standard deviation (log scale)'; unset ylabel; unset y2label }
set logscale y
set format y '%g'
set mytics 1
set yrange [7.785679317317949e-26:146581.14726562498]
set bmargin 8.0
set border 3
set tics out nomirror
unset key
plot data index 5 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#0072B2' title 'Xavier normal', \
     data index 6 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#CC79A7' title 'He normal', \
     data index 7 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#009E73' title 'PyTorch default', \
     data index 8 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#56B4E9' title 'N(0, 0.001²)', \
     data index 9 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#8C510A' title 'N(0, 1)'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'relu network: std of activations'
set xlabel 'hidden layer'
set ylabel 'standard deviation (log scale)'
if (format eq 'preview') { set title 'relu network: std of activations'."\n".'y: standard deviation (log scale)'; unset ylabel; unset y2label }
set logscale y
set format y '%g'
set mytics 1
set yrange [3.1709653303710965e-22:419359956.79999995]
set bmargin 8.0
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
plot data index 10 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#0072B2' title 'Xavier normal', \
     data index 11 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#CC79A7' title 'He normal', \
     data index 12 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#009E73' title 'PyTorch default', \
     data index 13 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#56B4E9' title 'N(0, 0.001²)', \
     data index 14 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#8C510A' title 'N(0, 1)'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'relu network: std of ∂L/∂activation'
set xlabel 'hidden layer'
set ylabel 'standard deviation (log scale)'
if (format eq 'preview') { set title 'relu network: std of ∂L/∂activation'."\n".'y: standard deviation (log scale)'; unset ylabel; unset y2label }
set logscale y
set format y '%g'
set mytics 1
set yrange [7.785679317317949e-26:146581.14726562498]
set bmargin 8.0
set border 3
set tics out nomirror
unset key
plot data index 15 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#0072B2' title 'Xavier normal', \
     data index 16 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#CC79A7' title 'He normal', \
     data index 17 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#009E73' title 'PyTorch default', \
     data index 18 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#56B4E9' title 'N(0, 0.001²)', \
     data index 19 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#8C510A' title 'N(0, 1)'
unset multiplot
set output
}
