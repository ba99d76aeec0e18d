# momentum-differences: written by Training Techniques Lab.
# Redraw with `gnuplot momentum-differences.gp` from any folder; the data is momentum-differences.dat beside it,
# one block per series (select with `index`). Edit freely: it is plain gnuplot.
script_dir = ARG0
n = strlen(script_dir)
while (n > 0 && script_dir[n:n] ne '/') { n = n - 1 }
script_dir = (n > 0) ? script_dir[1:n] : ''
data = script_dir.'momentum-differences.dat'
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
if (format eq 'preview') { set output } else { set output script_dir.'momentum-differences.'.format.output_suffix }
set multiplot layout 3,1 title 'Fashion-MNIST, α = 0.9: paired differences over 10 seeds, 95 % intervals, Holm over all five'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'final training loss: left is lower'
set xlabel 'difference in training loss'
set xrange [-0.2713232540781647:0.012920154956103082]
set yrange [-0.6:0.6]
set lmargin 48.0
set ytics ('momentum − SGD, the same lr  −0.2541 ± 0.0043' 0.0)
set border 3
set tics out nomirror
unset key
plot data index 0 using 1:2 with lines lw 2 dt 2 lc rgb '#000000' notitle, \
     data index 1 using 1:2 with lines lw 2 lc rgb '#0072B2' notitle
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'the same measure, rows on an x-axis of their own'
set xlabel 'difference in training loss'
set xrange [-0.013090990815563665:0.0006233805150268413]
set yrange [-0.6:1.6]
set lmargin 48.0
set ytics ('momentum − SGD, lr η/(1 − α)  −0.0056 ± 0.0050' 1.0, 'Nesterov − momentum  −0.0087 ± 0.0037' 0.0)
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
plot data index 2 using 1:2 with lines lw 2 dt 2 lc rgb '#000000' notitle, \
     data index 3 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'survives Holm', \
     data index 4 using 1:2 with lines lw 2 lc rgb '#E69F00' title 'not after Holm', \
     data index 5 using 1:2 with lines lw 2 dt 2 lc rgb '#E69F00' title (format eq 'preview' ? 'not after Holm, dashed' : ''), \
     data index 6 using 1:2 with lines lw 2 dt 2 lc rgb '#000000' title 'dashed bar: borderline (an interval edge within ⅕ of its width of 0)'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'validation accuracy, mean of the last 3 epochs: right is better'
set xlabel 'difference in validation accuracy (points)'
set xrange [-0.6387666633504883:5.319764831218314]
set yrange [-0.6:1.6]
set lmargin 48.0
set ytics ('momentum − SGD, lr η/(1 − α)  +3.49 ± 1.56' 1.0, 'Nesterov − momentum  −0.07 ± 0.30' 0.0)
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
plot data index 7 using 1:2 with lines lw 2 dt 2 lc rgb '#000000' notitle, \
     data index 8 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'survives Holm', \
     data index 9 using 1:2 with lines lw 2 lc rgb '#888888' title 'within noise'
unset multiplot
set output
}
