# initialization-gain-sweep: written by Training Techniques Lab.
# Redraw with `gnuplot initialization-gain-sweep.gp` from any folder; the data is initialization-gain-sweep.dat beside it,
# one block per series (select with `index`). Edit freely: it is plain gnuplot.
script_dir = ARG0
n = strlen(script_dir)
while (n > 0 && script_dir[n:n] ne '/') { n = n - 1 }
script_dir = (n > 0) ? script_dir[1:n] : ''
data = script_dir.'initialization-gain-sweep.dat'
if (!exists('output_suffix')) output_suffix = ''
# gnuplot -e "preview='dumb size 120,40'" draws the figure on standard output instead. A text
# terminal draws a band's outline, not its fill, and cannot turn a label or dash a line:
# the preview leaves the bands and the grid out, writes each y label under its panel's
# title, and names the lines told apart only by their dashes in the key.
if (!exists('preview')) preview = ''
do for [format in (preview eq '' ? 'png svg' : 'preview')] {
if (format eq 'png') {
  set terminal pngcairo noenhanced size 880,1110 font 'DejaVu Sans,10'
} else {
  if (format eq 'svg') {
    set terminal svg noenhanced size 880,1110 font 'DejaVu Sans,10' background '#ffffff'
  } else {
    eval('set terminal '.preview)
  }
}
if (format eq 'preview') { set output } else { set output script_dir.'initialization-gain-sweep.'.format.output_suffix }
set multiplot layout 3,1 title '10 hidden layers of 100, weights N(0, g²/n_in), zero biases'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'at initialization: std of layer 10''s activations'
set xlabel 'gain g'
set ylabel 'std (log scale)'
if (format eq 'preview') { set title 'at initialization: std of layer 10''s activations'."\n".'y: std (log scale)'; unset ylabel; unset y2label }
set logscale y
set format y '%g'
set xrange [0.4:3.1]
set lmargin 10.0
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
set arrow from 1.4142135623730951, graph 0 to 1.4142135623730951, graph 1 nohead dt 2 lw 1.5 lc rgb '#555555'
set label '√2 (He)' at 1.4142135623730951, graph 0.95 left offset 0.5,0 tc rgb '#333333' front
set arrow from 1.6666666666666667, graph 0 to 1.6666666666666667, graph 1 nohead dt 2 lw 1.5 lc rgb '#555555'
set label '5/3' at 1.6666666666666667, graph 0.8799999999999999 left offset 0.5,0 tc rgb '#333333' front
plot data index 0 using 1:2 with points pt 7 ps 1.6 lc rgb '#0072B2' title 'tanh: measured (mean over seeds)', \
     data index 0 using 1:2 with points pt 6 ps 1.6 lw 1.5 lc rgb '#000000' notitle, \
     data index 1 using 1:2 with lines lw 2 dt 2 lc rgb '#0072B2' title 'tanh: predicted (mean field)', \
     data index 2 using 1:2 with points pt 7 ps 1.6 lc rgb '#D55E00' title 'relu: measured (mean over seeds)', \
     data index 2 using 1:2 with points pt 6 ps 1.6 lw 1.5 lc rgb '#000000' notitle, \
     data index 3 using 1:2 with lines lw 2 dt 2 lc rgb '#D55E00' title 'relu: predicted (mean field)'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'after training: validation accuracy, mean of the last 2 epochs ±1 std over 10 seeds; none where all diverged'
set xlabel 'gain g'
set ylabel 'validation accuracy (%)'
if (format eq 'preview') { set title 'after training: validation accuracy, mean of the last 2 epochs ±1 std over 10 seeds; none where all diverged'."\n".'y: validation accuracy (%)'; unset ylabel; unset y2label }
set xrange [0.4:3.1]
set yrange [0.0:110.0]
set lmargin 10.0
set ytics ('0' 0.0, '20' 20.0, '40' 40.0, '60' 60.0, '80' 80.0, '100' 100.0)
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
set arrow from 1.4142135623730951, graph 0 to 1.4142135623730951, graph 1 nohead dt 2 lw 1.5 lc rgb '#555555'
set label '√2 (He)' at 1.4142135623730951, graph 0.95 left offset 0.5,0 tc rgb '#333333' front
set arrow from 1.6666666666666667, graph 0 to 1.6666666666666667, graph 1 nohead dt 2 lw 1.5 lc rgb '#555555'
set label '5/3' at 1.6666666666666667, graph 0.8799999999999999 left offset 0.5,0 tc rgb '#333333' front
plot data index 4 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#0072B2' notitle, \
     data index 5 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#D55E00' notitle, \
     data index 6 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#0072B2' title 'tanh', \
     data index 7 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#D55E00' title 'relu', \
     data index 8 using 1:2 with points pt 7 ps 1.6 lc rgb '#D55E00' title 'relu, g = 2: 1 seed of 10, the rest diverged', \
     data index 8 using 1:2 with points pt 6 ps 1.6 lw 1.5 lc rgb '#000000' notitle
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'the same, zoomed on the gains that trained (above 50 %); lines to lower points leave the panel'
set xlabel 'gain g'
set ylabel 'validation accuracy (%)'
if (format eq 'preview') { set title 'the same, zoomed on the gains that trained (above 50 %); lines to lower points leave the panel'."\n".'y: validation accuracy (%)'; unset ylabel; unset y2label }
set xrange [0.4:3.1]
set yrange [72.0:88.0]
set lmargin 10.0
set ytics ('72' 72.0, '74' 74.0, '76' 76.0, '78' 78.0, '80' 80.0, '82' 82.0, '84' 84.0, '86' 86.0, '88' 88.0)
set border 3
set tics out nomirror
unset key
set arrow from 1.4142135623730951, graph 0 to 1.4142135623730951, graph 1 nohead dt 2 lw 1.5 lc rgb '#555555'
set label '√2 (He)' at 1.4142135623730951, graph 0.95 left offset 0.5,0 tc rgb '#333333' front
set arrow from 1.6666666666666667, graph 0 to 1.6666666666666667, graph 1 nohead dt 2 lw 1.5 lc rgb '#555555'
set label '5/3' at 1.6666666666666667, graph 0.8799999999999999 left offset 0.5,0 tc rgb '#333333' front
plot data index 9 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#0072B2' notitle, \
     data index 10 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#D55E00' notitle, \
     data index 11 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#0072B2' title 'tanh', \
     data index 12 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#D55E00' title 'relu', \
     data index 13 using 1:2 with points pt 7 ps 1.6 lc rgb '#D55E00' title 'relu, g = 2: 1 seed of 10, the rest diverged', \
     data index 13 using 1:2 with points pt 6 ps 1.6 lw 1.5 lc rgb '#000000' notitle
unset multiplot
set output
}
