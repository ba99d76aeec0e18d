# optimizers-differences: written by Training Techniques Lab.
# Redraw with `gnuplot optimizers-differences.gp` from any folder; the data is optimizers-differences.dat beside it,
# one block per series (select with `index`). Edit freely: it is plain gnuplot.
script_dir = ARG0
n = strlen(script_dir)
while (n > 0 && script_dir[n:n] ne '/') { n = n - 1 }
script_dir = (n > 0) ? script_dir[1:n] : ''
data = script_dir.'optimizers-differences.dat'
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
if (format eq 'preview') { set output } else { set output script_dir.'optimizers-differences.'.format.output_suffix }
set multiplot layout 3,1 title 'Paired over 10 seeds: means and 95 % intervals; left of 0: the first is worse'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'test (5000 images) at each chosen rate − Adam''s, Holm over 8'
set xlabel 'difference in test accuracy (points)'
set xrange [-8.102763814698395:0.5246957856858949]
set yrange [-0.6:7.6]
set lmargin 51.0
set ytics ('AdamW (weight decay 0.01)  −0.21 ± 0.35' 7.0, 'AdaGrad  −1.12 ± 0.69' 6.0, 'SGD + momentum 0.9  −0.83 ± 0.61' 5.0, 'Nesterov 0.9  −1.91 ± 0.99' 4.0, 'NAdam  −1.77 ± 0.60' 3.0, 'AdaDelta  −2.72 ± 1.19' 2.0, 'RMSprop  −2.83 ± 0.75' 1.0, 'SGD  −5.83 ± 1.88' 0.0)
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
plot data index 0 using 1:2 with lines lw 2 dt 2 lc rgb '#000000' notitle, \
     data index 1 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'survives Holm', \
     data index 2 using 1:2 with lines lw 2 dt 2 lc rgb '#0072B2' title (format eq 'preview' ? 'survives Holm, dashed' : ''), \
     data index 3 using 1:2 with lines lw 2 lc rgb '#888888' title 'within noise', \
     data index 4 using 1:2 with lines lw 2 dt 2 lc rgb '#888888' title (format eq 'preview' ? 'within noise, dashed' : ''), \
     data index 5 using 1:2 with lines lw 2 dt 2 lc rgb '#000000' title 'dashed bar: borderline (an interval edge within ⅕ of its width of 0)'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'validation (last 3 epochs): chosen rate − usual rate, Holm over 7'
set xlabel 'difference in validation accuracy (points)'
set xrange [-0.4792915628538794:0.9099602295205472]
set yrange [-0.6:6.6]
set lmargin 51.0
set ytics ('Adam: 0.00316 − 0.001  +0.16 ± 0.25' 6.0, 'AdamW (decay 0.01): 0.00316 − 0.001  +0.12 ± 0.26' 5.0, 'AdaGrad: 0.0316 − 0.01  +0.45 ± 0.28' 4.0, 'momentum 0.9: 0.0316 − 0.01  +0.41 ± 0.39' 3.0, 'Nesterov 0.9: 0.0316 − 0.01  +0.31 ± 0.22' 2.0, 'NAdam: 0.000632 − 0.002  +0.25 ± 0.58' 1.0, 'RMSprop: 0.000316 − 0.001  +0.22 ± 0.63' 0.0)
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
plot data index 6 using 1:2 with lines lw 2 dt 2 lc rgb '#000000' notitle, \
     data index 7 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'survives Holm', \
     data index 8 using 1:2 with lines lw 2 lc rgb '#E69F00' title 'not after Holm', \
     data index 9 using 1:2 with lines lw 2 dt 2 lc rgb '#E69F00' title (format eq 'preview' ? 'not after Holm, dashed' : ''), \
     data index 10 using 1:2 with lines lw 2 lc rgb '#888888' title 'within noise', \
     data index 11 using 1:2 with lines lw 2 dt 2 lc rgb '#888888' title (format eq 'preview' ? 'within noise, dashed' : ''), \
     data index 12 using 1:2 with lines lw 2 dt 2 lc rgb '#000000' title 'dashed bar: borderline (an interval edge within ⅕ of its width of 0)'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'usual rate kept − runner-up rate, Holm over 2'
set xlabel 'difference in validation accuracy (points)'
set xrange [-1.4368981179135936:1.6942316512469169]
set yrange [-0.6:1.6]
set lmargin 51.0
set ytics ('AdaDelta: 1 − 0.316  +0.62 ± 0.53' 1.0, 'SGD: 0.05 − 0.158  +0.13 ± 1.42' 0.0)
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
plot data index 13 using 1:2 with lines lw 2 dt 2 lc rgb '#000000' notitle, \
     data index 14 using 1:2 with lines lw 2 lc rgb '#E69F00' title 'not after Holm', \
     data index 15 using 1:2 with lines lw 2 dt 2 lc rgb '#E69F00' title (format eq 'preview' ? 'not after Holm, dashed' : ''), \
     data index 16 using 1:2 with lines lw 2 lc rgb '#888888' title 'within noise', \
     data index 17 using 1:2 with lines lw 2 dt 2 lc rgb '#000000' title 'dashed bar: borderline (an interval edge within ⅕ of its width of 0)'
unset multiplot
set output
}
