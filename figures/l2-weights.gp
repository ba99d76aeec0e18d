# l2-weights: written by Training Techniques Lab.
# Redraw with `gnuplot l2-weights.gp` from any folder; the data is l2-weights.dat beside it,
# one block per series (select with `index`). Edit freely: it is plain gnuplot.
script_dir = ARG0
n = strlen(script_dir)
while (n > 0 && script_dir[n:n] ne '/') { n = n - 1 }
script_dir = (n > 0) ? script_dir[1:n] : ''
data = script_dir.'l2-weights.dat'
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
if (format eq 'preview') { set output } else { set output script_dir.'l2-weights.'.format.output_suffix }
set multiplot layout 1,1
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'first-layer weights (784×256) after training, first seed (range: 99.9 % of the λ = 0 weights)'
set xlabel 'weight'
set ylabel 'count'
if (format eq 'preview') { set title 'first-layer weights (784×256) after training, first seed (range: 99.9 % of the λ = 0 weights)'."\n".'y: count'; unset ylabel; unset y2label }
set xrange [-0.09969920665025711:0.09969920665025711]
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
set yrange [0:*]
set yrange [0:*]
plot data index 0 using 1:2:(0.002492480166256428) with boxes fs transparent solid 0.45 lc rgb '#0072B2' title 'λ = 0', \
     data index 1 using 1:2:(0.002492480166256428) with boxes fs transparent solid 0.45 lc rgb '#D55E00' title 'λ = 1 (the largest of the sweep)'
unset multiplot
set output
}
