# batch-size-accuracy: written by Training Techniques Lab.
# Redraw with `gnuplot batch-size-accuracy.gp` from any folder; the data is batch-size-accuracy.dat beside it,
# one block per series (select with `index`). Edit freely: it is plain gnuplot.
script_dir = ARG0
n = strlen(script_dir)
while (n > 0 && script_dir[n:n] ne '/') { n = n - 1 }
script_dir = (n > 0) ? script_dir[1:n] : ''
data = script_dir.'batch-size-accuracy.dat'
if (!exists('output_suffix')) output_suffix = ''
# gnuplot -e "preview='dumb size 120,40'" draws the figure on standard output instead. A text
# terminal draws a band's outline, not its fill, and cannot turn a label or dash a line:
# the preview leaves the bands and the grid out, writes each y label under its panel's
# title, and names the lines told apart only by their dashes in the key.
if (!exists('preview')) preview = ''
do for [format in (preview eq '' ? 'png svg' : 'preview')] {
if (format eq 'png') {
  set terminal pngcairo noenhanced size 1440,470 font 'DejaVu Sans,16'
} else {
  if (format eq 'svg') {
    set terminal svg noenhanced size 1440,470 font 'DejaVu Sans,16' background '#ffffff'
  } else {
    eval('set terminal '.preview)
  }
}
if (format eq 'preview') { set output } else { set output script_dir.'batch-size-accuracy.'.format.output_suffix }
set multiplot layout 1,3 title 'Validation accuracy, mean over 10 seeds (band: ±1 std, epoch panel)'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'against epochs'
set xlabel 'epoch'
set ylabel 'validation accuracy (%)'
if (format eq 'preview') { set title 'against epochs'."\n".'y: validation accuracy (%)'; unset ylabel; unset y2label }
set xtics 5.0
set yrange [76.36343093048337:88.3595476627778]
set bmargin 9.0
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
plot data index 0 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#0072B2' notitle, \
     data index 1 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#D55E00' notitle, \
     data index 2 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#009E73' notitle, \
     data index 3 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#CC79A7' notitle, \
     data index 4 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'batch 64, lr 0.1', \
     data index 5 using 1:2 with lines lw 2 lc rgb '#D55E00' title 'batch 1024, lr 0.1', \
     data index 6 using 1:2 with lines lw 2 lc rgb '#009E73' title 'batch 1024, lr 0.4 (√B)', \
     data index 7 using 1:2 with lines lw 2 lc rgb '#CC79A7' title 'batch 1024, lr 1.6 (∝B, warm-up)'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'against optimizer steps'
set xlabel 'optimizer steps (log scale)'
set ylabel 'validation accuracy (%)'
if (format eq 'preview') { set title 'against optimizer steps'."\n".'y: validation accuracy (%)'; unset ylabel; unset y2label }
set logscale x
set format x '%g'
set xrange [43.333333333333336:20232.0]
set yrange [76.36343093048337:88.3595476627778]
set bmargin 9.0
set xtics ('100' 100.0, '1000' 1000.0, '10000' 10000.0)
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
plot data index 8 using 1:2 with lines lw 2 lc rgb '#0072B2' notitle, \
     data index 9 using 1:2 with lines lw 2 lc rgb '#D55E00' notitle, \
     data index 10 using 1:2 with lines lw 2 lc rgb '#009E73' notitle, \
     data index 11 using 1:2 with lines lw 2 lc rgb '#CC79A7' notitle
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'against wall time (this machine)'
set xlabel 'seconds (mean epoch time × epochs)'
set ylabel 'validation accuracy (%)'
if (format eq 'preview') { set title 'against wall time (this machine)'."\n".'y: validation accuracy (%)'; unset ylabel; unset y2label }
set yrange [76.36343093048337:88.3595476627778]
set bmargin 9.0
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
plot data index 12 using 1:2 with lines lw 2 lc rgb '#0072B2' notitle, \
     data index 13 using 1:2 with lines lw 2 lc rgb '#D55E00' notitle, \
     data index 14 using 1:2 with lines lw 2 lc rgb '#009E73' notitle, \
     data index 15 using 1:2 with lines lw 2 lc rgb '#CC79A7' notitle
unset multiplot
set output
}
