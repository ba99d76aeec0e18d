# vanishing-gradients-gradients: written by Training Techniques Lab.
# Redraw with `gnuplot vanishing-gradients-gradients.gp` from any folder; the data is vanishing-gradients-gradients.dat beside it,
# one block per series (select with `index`). Edit freely: it is plain gnuplot.
script_dir = ARG0
n = strlen(script_dir)
while (n > 0 && script_dir[n:n] ne '/') { n = n - 1 }
script_dir = (n > 0) ? script_dir[1:n] : ''
data = script_dir.'vanishing-gradients-gradients.dat'
if (!exists('output_suffix')) output_suffix = ''
# gnuplot -e "preview='dumb size 120,40'" draws the figure on standard output instead. A text
# terminal draws a band's outline, not its fill, and cannot turn a label or dash a line:
# the preview leaves the bands and the grid out, writes each y label under its panel's
# title, and names the lines told apart only by their dashes in the key.
if (!exists('preview')) preview = ''
do for [format in (preview eq '' ? 'png svg' : 'preview')] {
if (format eq 'png') {
  set terminal pngcairo noenhanced size 1280,590 font 'DejaVu Sans,15'
} else {
  if (format eq 'svg') {
    set terminal svg noenhanced size 1280,590 font 'DejaVu Sans,15' background '#ffffff'
  } else {
    eval('set terminal '.preview)
  }
}
if (format eq 'preview') { set output } else { set output script_dir.'vanishing-gradients-gradients.'.format.output_suffix }
set multiplot layout 1,2 title '‖∂L/∂W⁽ˡ⁾‖ on 256 images, 10 hidden layers of 100 (layer 1 next to the input), ±1 std over 10 seeds'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'at initialization; dashed: the predicted factor per layer'
set xlabel 'layer l'
set ylabel 'gradient norm'
if (format eq 'preview') { set title 'at initialization; dashed: the predicted factor per layer'."\n".'y: gradient norm'; unset ylabel; unset y2label }
set logscale y
set format y '%g'
set mytics 1
set bmargin 10.0
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
plot data index 0 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#0072B2' notitle, \
     data index 1 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#D55E00' notitle, \
     data index 2 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#009E73' notitle, \
     data index 3 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#CC79A7' notitle, \
     data index 4 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#E69F00' notitle, \
     data index 5 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#0072B2' title 'sigmoid, PyTorch default init', \
     data index 6 using 1:2 with lines lw 2 dt 2 lc rgb '#0072B2' title (format eq 'preview' ? 'sigmoid, PyTorch default init, dashed' : ''), \
     data index 7 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#D55E00' title 'sigmoid, Xavier gain 1', \
     data index 8 using 1:2 with lines lw 2 dt 2 lc rgb '#D55E00' title (format eq 'preview' ? 'sigmoid, Xavier gain 1, dashed' : ''), \
     data index 9 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#009E73' title 'sigmoid, Xavier gain 4', \
     data index 10 using 1:2 with lines lw 2 dt 2 lc rgb '#009E73' title (format eq 'preview' ? 'sigmoid, Xavier gain 4, dashed' : ''), \
     data index 11 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#CC79A7' title 'tanh, Xavier gain 5/3', \
     data index 12 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#E69F00' title 'ReLU, He init'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'after 10 epochs of SGD'
set xlabel 'layer l'
set ylabel 'gradient norm'
if (format eq 'preview') { set title 'after 10 epochs of SGD'."\n".'y: gradient norm'; unset ylabel; unset y2label }
set logscale y
set format y '%g'
set mytics 1
set bmargin 10.0
set border 3
set tics out nomirror
unset key
plot data index 13 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#0072B2' notitle, \
     data index 14 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#D55E00' notitle, \
     data index 15 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#009E73' notitle, \
     data index 16 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#CC79A7' notitle, \
     data index 17 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#E69F00' notitle, \
     data index 18 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#0072B2' title 'sigmoid, PyTorch default init', \
     data index 19 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#D55E00' title 'sigmoid, Xavier gain 1', \
     data index 20 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#009E73' title 'sigmoid, Xavier gain 4', \
     data index 21 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#CC79A7' title 'tanh, Xavier gain 5/3', \
     data index 22 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#E69F00' title 'ReLU, He init'
unset multiplot
set output
}
