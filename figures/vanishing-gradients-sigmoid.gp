# vanishing-gradients-sigmoid: written by Training Techniques Lab.
# Redraw with `gnuplot vanishing-gradients-sigmoid.gp` from any folder; the data is vanishing-gradients-sigmoid.dat beside it,
# one block per series (select with `index`). Edit freely: it is plain gnuplot.
script_dir = ARG0
n = strlen(script_dir)
while (n > 0 && script_dir[n:n] ne '/') { n = n - 1 }
script_dir = (n > 0) ? script_dir[1:n] : ''
data = script_dir.'vanishing-gradients-sigmoid.dat'
if (!exists('output_suffix')) output_suffix = ''
# gnuplot -e "preview='dumb size 120,40'" draws the figure on standard output instead. A text
# terminal draws a band's outline, not its fill, and cannot turn a label or dash a line:
# the preview leaves the bands and the grid out, writes each y label under its panel's
# title, and names the lines told apart only by their dashes in the key.
if (!exists('preview')) preview = ''
do for [format in (preview eq '' ? 'png svg' : 'preview')] {
if (format eq 'png') {
  set terminal pngcairo noenhanced size 1280,460 font 'DejaVu Sans,15'
} else {
  if (format eq 'svg') {
    set terminal svg noenhanced size 1280,460 font 'DejaVu Sans,15' background '#ffffff'
  } else {
    eval('set terminal '.preview)
  }
}
if (format eq 'preview') { set output } else { set output script_dir.'vanishing-gradients-sigmoid.'.format.output_suffix }
set multiplot layout 1,2
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'the sigmoid and its derivative'
set xlabel 'z'
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
plot data index 0 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'σ(z)', \
     data index 1 using 1:2 with lines lw 2 lc rgb '#D55E00' title 'σ′(z) = σ(z)(1 − σ(z)), at most 0.25'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'the σ′ factors alone through L layers: ≤ 0.25ᴸ'
set xlabel 'layers L'
set ylabel '0.25ᴸ (weights not included)'
if (format eq 'preview') { set title 'the σ′ factors alone through L layers: ≤ 0.25ᴸ'."\n".'y: 0.25ᴸ (weights not included)'; unset ylabel; unset y2label }
set logscale y
set format y '%g'
set mytics 1
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
set arrow from 10.0, graph 0 to 10.0, graph 1 nohead dt 2 lw 1.5 lc rgb '#555555'
set label '0.25¹⁰ ≈ 9.5·10⁻⁷' at 10.0, graph 0.95 left offset 0.5,0 tc rgb '#333333' front
plot data index 2 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#D55E00' title '0.25ᴸ'
unset multiplot
set output
}
