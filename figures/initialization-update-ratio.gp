# initialization-update-ratio: written by Training Techniques Lab.
# Redraw with `gnuplot initialization-update-ratio.gp` from any folder; the data is initialization-update-ratio.dat beside it,
# one block per series (select with `index`). Edit freely: it is plain gnuplot.
script_dir = ARG0
n = strlen(script_dir)
while (n > 0 && script_dir[n:n] ne '/') { n = n - 1 }
script_dir = (n > 0) ? script_dir[1:n] : ''
data = script_dir.'initialization-update-ratio.dat'
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
if (format eq 'preview') { set output } else { set output script_dir.'initialization-update-ratio.'.format.output_suffix }
set multiplot layout 3,1 title 'Update-to-data ratio std(Δw)/std(w) per layer over the first steps (deep ReLU net, SGD lr 0.01 momentum 0.9)'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'He normal'
set xlabel 'step'
set ylabel 'update / data'
if (format eq 'preview') { set title 'He normal'."\n".'y: update / data'; unset ylabel; unset y2label }
set logscale y
set format y '%g'
set yrange [1e-07:0.1]
set border 3
set tics out nomirror
set key outside right top vertical reverse Left samplen 2 nobox
plot data index 0 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'layer 1', \
     data index 1 using 1:2 with lines lw 2 lc rgb '#D55E00' title 'layer 6', \
     data index 2 using 1:2 with lines lw 2 lc rgb '#009E73' title 'layer 11', \
     data index 3 using 1:2 with lines lw 2 dt 2 lc rgb '#000000' title '10⁻³ (rule of thumb)'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'PyTorch default'
set xlabel 'step'
set ylabel 'update / data'
if (format eq 'preview') { set title 'PyTorch default'."\n".'y: update / data'; unset ylabel; unset y2label }
set logscale y
set format y '%g'
set yrange [1e-07:0.1]
set border 3
set tics out nomirror
set key outside right top vertical reverse Left samplen 2 nobox
plot data index 4 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'layer 1', \
     data index 5 using 1:2 with lines lw 2 lc rgb '#D55E00' title 'layer 6', \
     data index 6 using 1:2 with lines lw 2 lc rgb '#009E73' title 'layer 11', \
     data index 7 using 1:2 with lines lw 2 dt 2 lc rgb '#000000' title '10⁻³ (rule of thumb)'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'N(0, 0.001²): layers 1 and 6 below 10⁻⁷ throughout, not drawn'
set xlabel 'step'
set ylabel 'update / data'
if (format eq 'preview') { set title 'N(0, 0.001²): layers 1 and 6 below 10⁻⁷ throughout, not drawn'."\n".'y: update / data'; unset ylabel; unset y2label }
set logscale y
set format y '%g'
set yrange [1e-07:0.1]
set border 3
set tics out nomirror
set key outside right top vertical reverse Left samplen 2 nobox
plot data index 8 using 1:2 with lines lw 2 lc rgb '#009E73' title 'layer 11', \
     data index 9 using 1:2 with lines lw 2 dt 2 lc rgb '#000000' title '10⁻³ (rule of thumb)'
unset multiplot
set output
}
