# initialization-slow-convergence: written by Training Techniques Lab.
# Redraw with `gnuplot initialization-slow-convergence.gp` from any folder; the data is initialization-slow-convergence.dat beside it,
# one block per series (select with `index`). Edit freely: it is plain gnuplot.
script_dir = ARG0
n = strlen(script_dir)
while (n > 0 && script_dir[n:n] ne '/') { n = n - 1 }
script_dir = (n > 0) ? script_dir[1:n] : ''
data = script_dir.'initialization-slow-convergence.dat'
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
if (format eq 'preview') { set output } else { set output script_dir.'initialization-slow-convergence.'.format.output_suffix }
set multiplot layout 1,1
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title '784→64→64→10 from small weights: minibatch loss (running average over 20 steps), ±1 std over 10 seeds'
set xlabel 'step (minibatch of 64, log scale)'
set ylabel 'training loss (log scale)'
if (format eq 'preview') { set title '784→64→64→10 from small weights: minibatch loss (running average over 20 steps), ±1 std over 10 seeds'."\n".'y: training loss (log scale)'; unset ylabel; unset y2label }
set logscale x
set format x '%g'
set logscale y
set format y '%g'
set xrange [1.0:3768.0]
set yrange [0.2293103336019948:2.8219723851506995]
set ytics ('0.3' 0.3, '0.5' 0.5, '0.7' 0.7, '1' 1.0, '1.5' 1.5, '2' 2.0)
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
plot data index 0 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#009E73' notitle, \
     data index 1 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#882255' notitle, \
     data index 2 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#56B4E9' notitle, \
     data index 3 using 1:2 with lines lw 2 dt 2 lc rgb '#000000' title 'chance: ln 10', \
     data index 4 using 1:2 with lines lw 2 lc rgb '#009E73' title 'shallow, PyTorch default', \
     data index 5 using 1:2 with lines lw 2 lc rgb '#882255' title 'shallow, N(0, 0.01²)', \
     data index 6 using 1:2 with lines lw 2 lc rgb '#56B4E9' title 'shallow, N(0, 0.001²)'
unset multiplot
set output
}
