# adam-step-size: written by Training Techniques Lab.
# Redraw with `gnuplot adam-step-size.gp` from any folder; the data is adam-step-size.dat beside it,
# one block per series (select with `index`). Edit freely: it is plain gnuplot.
script_dir = ARG0
n = strlen(script_dir)
while (n > 0 && script_dir[n:n] ne '/') { n = n - 1 }
script_dir = (n > 0) ? script_dir[1:n] : ''
data = script_dir.'adam-step-size.dat'
if (!exists('output_suffix')) output_suffix = ''
# gnuplot -e "preview='dumb size 120,40'" draws the figure on standard output instead. A text
# terminal draws a band's outline, not its fill, and cannot turn a label or dash a line:
# the preview leaves the bands and the grid out, writes each y label under its panel's
# title, and names the lines told apart only by their dashes in the key.
if (!exists('preview')) preview = ''
do for [format in (preview eq '' ? 'png svg' : 'preview')] {
if (format eq 'png') {
  set terminal pngcairo noenhanced size 880,720 font 'DejaVu Sans,10'
} else {
  if (format eq 'svg') {
    set terminal svg noenhanced size 880,720 font 'DejaVu Sans,10' background '#ffffff'
  } else {
    eval('set terminal '.preview)
  }
}
if (format eq 'preview') { set output } else { set output script_dir.'adam-step-size.'.format.output_suffix }
set multiplot layout 2,1
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'each arm''s step, in units of m̂/(√v̂ + ε), over all 785 steps (from step 200 the warm-up hides 0.002)'
set xlabel 'step'
set ylabel 'lr × multiplier (log scale)'
if (format eq 'preview') { set title 'each arm''s step, in units of m̂/(√v̂ + ε), over all 785 steps (from step 200 the warm-up hides 0.002)'."\n".'y: lr × multiplier (log scale)'; unset ylabel; unset y2label }
set logscale y
set format y '%g'
set border 3
set tics out nomirror
unset key
plot data index 0 using 1:2 with lines lw 2 lc rgb '#D55E00' title 'lr 0.001 corrected', \
     data index 1 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'lr 0.001 uncorrected', \
     data index 2 using 1:2 with lines lw 2 lc rgb '#8C510A' title 'lr 0.01 corrected', \
     data index 3 using 1:2 with lines lw 2 lc rgb '#56B4E9' title 'lr 0.01 uncorrected', \
     data index 4 using 1:2 with lines lw 2 lc rgb '#009E73' title 'lr 0.002 corrected', \
     data index 5 using 1:2 with lines lw 2 lc rgb '#CC79A7' title 'lr 0.005 corrected', \
     data index 6 using 1:2 with lines lw 2 lc rgb '#882255' title 'lr 0.002 corrected + 200-step warm-up'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'validation accuracy per epoch, mean over 10 seeds; bars right of the last: ±1 std, in legend order'
set xlabel 'epoch'
set ylabel 'validation accuracy (%)'
if (format eq 'preview') { set title 'validation accuracy per epoch, mean over 10 seeds; bars right of the last: ±1 std, in legend order'."\n".'y: validation accuracy (%)'; unset ylabel; unset y2label }
set xrange [0.8:5.5600000000000005]
set xtics 1.0
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
plot data index 7 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#D55E00' title 'lr 0.001 corrected', \
     data index 8 using 1:2 with lines lw 2 lc rgb '#D55E00' title (format eq 'preview' ? 'lr 0.001 corrected, solid' : ''), \
     data index 9 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#0072B2' title 'lr 0.001 uncorrected', \
     data index 10 using 1:2 with lines lw 2 lc rgb '#0072B2' title (format eq 'preview' ? 'lr 0.001 uncorrected, solid' : ''), \
     data index 11 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#8C510A' title 'lr 0.01 corrected', \
     data index 12 using 1:2 with lines lw 2 lc rgb '#8C510A' title (format eq 'preview' ? 'lr 0.01 corrected, solid' : ''), \
     data index 13 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#56B4E9' title 'lr 0.01 uncorrected', \
     data index 14 using 1:2 with lines lw 2 lc rgb '#56B4E9' title (format eq 'preview' ? 'lr 0.01 uncorrected, solid' : ''), \
     data index 15 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#009E73' title 'lr 0.002 corrected', \
     data index 16 using 1:2 with lines lw 2 lc rgb '#009E73' title (format eq 'preview' ? 'lr 0.002 corrected, solid' : ''), \
     data index 17 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#CC79A7' title 'lr 0.005 corrected', \
     data index 18 using 1:2 with lines lw 2 lc rgb '#CC79A7' title (format eq 'preview' ? 'lr 0.005 corrected, solid' : ''), \
     data index 19 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#882255' title 'lr 0.002 corrected + 200-step warm-up', \
     data index 20 using 1:2 with lines lw 2 lc rgb '#882255' title (format eq 'preview' ? 'lr 0.002 corrected + 200-step warm-up, solid' : '')
unset multiplot
set output
}
