# parameter-count-per-layer: written by Training Techniques Lab.
# Redraw with `gnuplot parameter-count-per-layer.gp` from any folder; the data is parameter-count-per-layer.dat beside it,
# one block per series (select with `index`). Edit freely: it is plain gnuplot.
script_dir = ARG0
n = strlen(script_dir)
while (n > 0 && script_dir[n:n] ne '/') { n = n - 1 }
script_dir = (n > 0) ? script_dir[1:n] : ''
data = script_dir.'parameter-count-per-layer.dat'
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
if (format eq 'preview') { set output } else { set output script_dir.'parameter-count-per-layer.'.format.output_suffix }
set multiplot layout 1,1
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'Parameters per layer of the 50→100→100→10 MLP: 16,210 in all'
set ylabel 'parameters'
if (format eq 'preview') { set title 'Parameters per layer of the 50→100→100→10 MLP: 16,210 in all'."\n".'y: parameters'; unset ylabel; unset y2label }
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
set xtics ('layer 1 (50→100)' 0, 'layer 2 (100→100)' 1, 'layer 3 (100→10)' 2)
set boxwidth 0.4
set xrange [-0.6:2.6]
set yrange [0:*]
set offsets 0, 0, graph 0.08, 0
plot data index 0 using ($0+-0.2):2 with boxes fs solid 0.8 lc rgb '#0072B2' title 'weights (W, or BatchNorm γ)', \
     data index 0 using ($0+-0.2):2:(sprintf('%g', $2)) with labels offset 0,0.7 notitle, \
     data index 1 using ($0+0.2):2 with boxes fs solid 0.8 lc rgb '#D55E00' title 'biases (b, or BatchNorm β)', \
     data index 1 using ($0+0.2):2:(sprintf('%g', $2)) with labels offset 0,0.7 notitle
unset multiplot
set output
}
