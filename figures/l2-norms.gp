# l2-norms: written by Training Techniques Lab.
# Redraw with `gnuplot l2-norms.gp` from any folder; the data is l2-norms.dat beside it,
# one block per series (select with `index`). Edit freely: it is plain gnuplot.
script_dir = ARG0
n = strlen(script_dir)
while (n > 0 && script_dir[n:n] ne '/') { n = n - 1 }
script_dir = (n > 0) ? script_dir[1:n] : ''
data = script_dir.'l2-norms.dat'
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
if (format eq 'preview') { set output } else { set output script_dir.'l2-norms.'.format.output_suffix }
set multiplot layout 1,1
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'sum of squared weights during training (mean over 10 seeds; epoch 0 = initialization)'
set xlabel 'epoch'
set ylabel 'Σ‖W‖² (all weight matrices, log scale)'
if (format eq 'preview') { set title 'sum of squared weights during training (mean over 10 seeds; epoch 0 = initialization)'."\n".'y: Σ‖W‖² (all weight matrices, log scale)'; unset ylabel; unset y2label }
set logscale y
set format y '%g'
set yrange [21.25973465131677:350.0343181991577]
set ytics ('30' 30.0, '50' 50.0, '70' 70.0, '100' 100.0, '150' 150.0, '200' 200.0, '300' 300.0)
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
plot data index 0 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'λ = 0', \
     data index 1 using 1:2 with lines lw 2 lc rgb '#D55E00' title 'λ = 0.01', \
     data index 2 using 1:2 with lines lw 2 lc rgb '#009E73' title 'λ = 0.03', \
     data index 3 using 1:2 with lines lw 2 lc rgb '#CC79A7' title 'λ = 0.1', \
     data index 4 using 1:2 with lines lw 2 lc rgb '#E69F00' title 'λ = 0.3', \
     data index 5 using 1:2 with lines lw 2 lc rgb '#56B4E9' title 'λ = 1', \
     data index 6 using 1:2 with lines lw 2 dt 2 lc rgb '#000000' title 'initialization'
unset multiplot
set output
}
