# vanishing-gradients-factors: written by Training Techniques Lab.
# Redraw with `gnuplot vanishing-gradients-factors.gp` from any folder; the data is vanishing-gradients-factors.dat beside it,
# one block per series (select with `index`). Edit freely: it is plain gnuplot.
script_dir = ARG0
n = strlen(script_dir)
while (n > 0 && script_dir[n:n] ne '/') { n = n - 1 }
script_dir = (n > 0) ? script_dir[1:n] : ''
data = script_dir.'vanishing-gradients-factors.dat'
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
if (format eq 'preview') { set output } else { set output script_dir.'vanishing-gradients-factors.'.format.output_suffix }
set multiplot layout 1,1
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'gradient factor per hidden layer at initialization: (‖∂W⁽²⁾‖ / ‖∂W⁽¹⁰⁾‖)^(1/8)'
set xlabel '‖∂L/∂W⁽ˡ⁾‖ / ‖∂L/∂W⁽ˡ⁺¹⁾‖ (log scale)'
set logscale x
set format x '%g'
set xrange [0.1:2.0]
set yrange [0.5:5.5]
set ytics ('sigmoid, PyTorch default init' 5.0, 'sigmoid, Xavier gain 1' 4.0, 'sigmoid, Xavier gain 4' 3.0, 'tanh, Xavier gain 5/3' 2.0, 'ReLU, He init' 1.0)
set xtics ('0.1' 0.1, '0.2' 0.2, '0.5' 0.5, '1' 1.0, '2' 2.0)
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
plot data index 0 using 1:2 with lines lw 2 dt 2 lc rgb '#000000' title '0.25 = σ′(0), the lecture''s factor', \
     data index 1 using 1:2 with lines lw 2 dt 2 lc rgb '#56B4E9' title '1: no vanishing', \
     data index 2 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'bar: predicted √n·σ_W·√E[f′(z)²], in each network''s colour', \
     data index 3 using 1:2 with points pt 7 ps 0.6 lc rgb '#0072B2' title 'points: measured, one per seed, in each network''s colour', \
     data index 4 using 1:2 with lines lw 2 lc rgb '#D55E00' notitle, \
     data index 5 using 1:2 with points pt 7 ps 0.6 lc rgb '#D55E00' notitle, \
     data index 6 using 1:2 with lines lw 2 lc rgb '#009E73' notitle, \
     data index 7 using 1:2 with points pt 7 ps 0.6 lc rgb '#009E73' notitle, \
     data index 8 using 1:2 with lines lw 2 lc rgb '#CC79A7' notitle, \
     data index 9 using 1:2 with points pt 7 ps 0.6 lc rgb '#CC79A7' notitle, \
     data index 10 using 1:2 with lines lw 2 lc rgb '#E69F00' notitle, \
     data index 11 using 1:2 with points pt 7 ps 0.6 lc rgb '#E69F00' notitle
unset multiplot
set output
}
