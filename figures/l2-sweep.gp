# l2-sweep: written by Training Techniques Lab.
# Redraw with `gnuplot l2-sweep.gp` from any folder; the data is l2-sweep.dat beside it,
# one block per series (select with `index`). Edit freely: it is plain gnuplot.
script_dir = ARG0
n = strlen(script_dir)
while (n > 0 && script_dir[n:n] ne '/') { n = n - 1 }
script_dir = (n > 0) ? script_dir[1:n] : ''
data = script_dir.'l2-sweep.dat'
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
if (format eq 'preview') { set output } else { set output script_dir.'l2-sweep.'.format.output_suffix }
set multiplot layout 3,1 title '784→256→256→10, SGD lr 0.01 momentum 0.9, 60 epochs, penalty (λ/n)·Σ‖W‖²: mean ± std over 10 seeds'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'accuracy, mean of the last 10 epochs'
set xlabel 'λ'
set ylabel 'accuracy (%)'
if (format eq 'preview') { set title 'accuracy, mean of the last 10 epochs'."\n".'y: accuracy (%)'; unset ylabel; unset y2label }
set logscale x
set format x '%g'
set xrange [0.007999999821186066:1.25]
set lmargin 10.0
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
plot data index 0 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#0072B2' notitle, \
     data index 1 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#56B4E9' notitle, \
     data index 2 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#D55E00' notitle, \
     data index 3 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#000000' notitle, \
     data index 4 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#0072B2' title 'training', \
     data index 5 using 1:2 with lines lw 2 dt 2 lc rgb '#56B4E9' title 'training, λ = 0', \
     data index 6 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#D55E00' title 'validation', \
     data index 7 using 1:2 with lines lw 2 dt 2 lc rgb '#000000' title 'validation, λ = 0'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'validation loss, mean of the last 10 epochs'
set xlabel 'λ'
set ylabel 'cross-entropy loss'
if (format eq 'preview') { set title 'validation loss, mean of the last 10 epochs'."\n".'y: cross-entropy loss'; unset ylabel; unset y2label }
set logscale x
set format x '%g'
set xrange [0.007999999821186066:1.25]
set lmargin 10.0
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
plot data index 8 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#CC79A7' notitle, \
     data index 9 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#000000' notitle, \
     data index 10 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#CC79A7' title 'validation loss', \
     data index 11 using 1:2 with lines lw 2 dt 2 lc rgb '#000000' title 'validation loss, λ = 0'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'sum of squared weights over all weight matrices after training'
set xlabel 'λ'
set ylabel 'Σ‖W‖² (log scale)'
if (format eq 'preview') { set title 'sum of squared weights over all weight matrices after training'."\n".'y: Σ‖W‖² (log scale)'; unset ylabel; unset y2label }
set logscale x
set format x '%g'
set logscale y
set format y '%g'
set xrange [0.007999999821186066:1.25]
set yrange [21.05718921190111:353.8630438729408]
set lmargin 10.0
set ytics ('30' 30.0, '50' 50.0, '70' 70.0, '100' 100.0, '150' 150.0, '200' 200.0, '300' 300.0)
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
plot data index 12 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#009E73' notitle, \
     data index 13 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#000000' notitle, \
     data index 14 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#009E73' title 'Σ‖W‖²', \
     data index 15 using 1:2 with lines lw 2 dt 2 lc rgb '#000000' title 'Σ‖W‖², λ = 0'
unset multiplot
set output
}
