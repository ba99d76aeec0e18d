# optimizers-rosenbrock-f: written by Training Techniques Lab.
# Redraw with `gnuplot optimizers-rosenbrock-f.gp` from any folder; the data is optimizers-rosenbrock-f.dat beside it,
# one block per series (select with `index`). Edit freely: it is plain gnuplot.
script_dir = ARG0
n = strlen(script_dir)
while (n > 0 && script_dir[n:n] ne '/') { n = n - 1 }
script_dir = (n > 0) ? script_dir[1:n] : ''
data = script_dir.'optimizers-rosenbrock-f.dat'
if (!exists('output_suffix')) output_suffix = ''
# gnuplot -e "preview='dumb size 120,40'" draws the figure on standard output instead. A text
# terminal draws a band's outline, not its fill, and cannot turn a label or dash a line:
# the preview leaves the bands and the grid out, writes each y label under its panel's
# title, and names the lines told apart only by their dashes in the key.
if (!exists('preview')) preview = ''
do for [format in (preview eq '' ? 'png svg' : 'preview')] {
if (format eq 'png') {
  set terminal pngcairo noenhanced size 1260,990 font 'DejaVu Sans,14'
} else {
  if (format eq 'svg') {
    set terminal svg noenhanced size 1260,990 font 'DejaVu Sans,14' background '#ffffff'
  } else {
    eval('set terminal '.preview)
  }
}
if (format eq 'preview') { set output } else { set output script_dir.'optimizers-rosenbrock-f.'.format.output_suffix }
set multiplot layout 3,3 title 'f per step on Rosenbrock''s valley; grey: the other optimizers'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'SGD, lr 0.001'
set xlabel 'step'
set ylabel 'f (log scale)'
if (format eq 'preview') { set title 'SGD, lr 0.001'."\n".'y: f (log scale)'; unset ylabel; unset y2label }
set logscale y
set format y '%g'
set mytics 1
set xrange [0.0:2000.0]
set yrange [1.513764958793257e-13:171.69500350952148]
set ytics ('10⁻¹⁶' 1e-16, '10⁻¹²' 1e-12, '10⁻⁸' 1e-08, '10⁻⁴' 0.0001, '10⁰' 1.0)
set border 3
set tics out nomirror
unset key
plot data index 0 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 1 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 2 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 3 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 4 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 5 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 6 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 7 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 8 using 1:2 with lines lw 2 lc rgb '#332288' notitle, \
     data index 9 using 1:2 with points pt 7 ps 0.6 lc rgb '#332288' notitle
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'momentum 0.9, lr 0.001'
set xlabel 'step'
set ylabel 'f (log scale)'
if (format eq 'preview') { set title 'momentum 0.9, lr 0.001'."\n".'y: f (log scale)'; unset ylabel; unset y2label }
set logscale y
set format y '%g'
set mytics 1
set xrange [0.0:2000.0]
set yrange [1.513764958793257e-13:171.69500350952148]
set ytics ('10⁻¹⁶' 1e-16, '10⁻¹²' 1e-12, '10⁻⁸' 1e-08, '10⁻⁴' 0.0001, '10⁰' 1.0)
set border 3
set tics out nomirror
unset key
plot data index 10 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 11 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 12 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 13 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 14 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 15 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 16 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 17 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 18 using 1:2 with lines lw 2 lc rgb '#0072B2' notitle, \
     data index 19 using 1:2 with points pt 7 ps 0.6 lc rgb '#0072B2' notitle
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'Nesterov 0.9, lr 0.001'
set xlabel 'step'
set ylabel 'f (log scale)'
if (format eq 'preview') { set title 'Nesterov 0.9, lr 0.001'."\n".'y: f (log scale)'; unset ylabel; unset y2label }
set logscale y
set format y '%g'
set mytics 1
set xrange [0.0:2000.0]
set yrange [1.513764958793257e-13:171.69500350952148]
set ytics ('10⁻¹⁶' 1e-16, '10⁻¹²' 1e-12, '10⁻⁸' 1e-08, '10⁻⁴' 0.0001, '10⁰' 1.0)
set border 3
set tics out nomirror
unset key
plot data index 20 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 21 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 22 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 23 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 24 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 25 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 26 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 27 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 28 using 1:2 with lines lw 2 lc rgb '#56B4E9' notitle, \
     data index 29 using 1:2 with points pt 7 ps 0.6 lc rgb '#56B4E9' notitle
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'AdaGrad, lr 0.5'
set xlabel 'step'
set ylabel 'f (log scale)'
if (format eq 'preview') { set title 'AdaGrad, lr 0.5'."\n".'y: f (log scale)'; unset ylabel; unset y2label }
set logscale y
set format y '%g'
set mytics 1
set xrange [0.0:2000.0]
set yrange [1.513764958793257e-13:171.69500350952148]
set ytics ('10⁻¹⁶' 1e-16, '10⁻¹²' 1e-12, '10⁻⁸' 1e-08, '10⁻⁴' 0.0001, '10⁰' 1.0)
set border 3
set tics out nomirror
unset key
plot data index 30 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 31 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 32 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 33 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 34 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 35 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 36 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 37 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 38 using 1:2 with lines lw 2 lc rgb '#009E73' notitle, \
     data index 39 using 1:2 with points pt 7 ps 0.6 lc rgb '#009E73' notitle
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'RMSprop, lr 0.01'
set xlabel 'step'
set ylabel 'f (log scale)'
if (format eq 'preview') { set title 'RMSprop, lr 0.01'."\n".'y: f (log scale)'; unset ylabel; unset y2label }
set logscale y
set format y '%g'
set mytics 1
set xrange [0.0:2000.0]
set yrange [1.513764958793257e-13:171.69500350952148]
set ytics ('10⁻¹⁶' 1e-16, '10⁻¹²' 1e-12, '10⁻⁸' 1e-08, '10⁻⁴' 0.0001, '10⁰' 1.0)
set border 3
set tics out nomirror
unset key
plot data index 40 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 41 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 42 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 43 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 44 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 45 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 46 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 47 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 48 using 1:2 with lines lw 2 lc rgb '#E69F00' notitle, \
     data index 49 using 1:2 with points pt 7 ps 0.6 lc rgb '#E69F00' notitle
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'Adam, lr 0.05'
set xlabel 'step'
set ylabel 'f (log scale)'
if (format eq 'preview') { set title 'Adam, lr 0.05'."\n".'y: f (log scale)'; unset ylabel; unset y2label }
set logscale y
set format y '%g'
set mytics 1
set xrange [0.0:2000.0]
set yrange [1.513764958793257e-13:171.69500350952148]
set ytics ('10⁻¹⁶' 1e-16, '10⁻¹²' 1e-12, '10⁻⁸' 1e-08, '10⁻⁴' 0.0001, '10⁰' 1.0)
set border 3
set tics out nomirror
unset key
plot data index 50 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 51 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 52 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 53 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 54 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 55 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 56 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 57 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 58 using 1:2 with lines lw 2 lc rgb '#D55E00' notitle, \
     data index 59 using 1:2 with points pt 7 ps 0.6 lc rgb '#D55E00' notitle
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'NAdam, lr 0.05'
set xlabel 'step'
set ylabel 'f (log scale)'
if (format eq 'preview') { set title 'NAdam, lr 0.05'."\n".'y: f (log scale)'; unset ylabel; unset y2label }
set logscale y
set format y '%g'
set mytics 1
set xrange [0.0:2000.0]
set yrange [1.513764958793257e-13:171.69500350952148]
set ytics ('10⁻¹⁶' 1e-16, '10⁻¹²' 1e-12, '10⁻⁸' 1e-08, '10⁻⁴' 0.0001, '10⁰' 1.0)
set border 3
set tics out nomirror
unset key
plot data index 60 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 61 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 62 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 63 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 64 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 65 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 66 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 67 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 68 using 1:2 with lines lw 2 lc rgb '#CC79A7' notitle, \
     data index 69 using 1:2 with points pt 7 ps 0.6 lc rgb '#CC79A7' notitle
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'AdamW (decay 0.01), lr 0.05'
set xlabel 'step'
set ylabel 'f (log scale)'
if (format eq 'preview') { set title 'AdamW (decay 0.01), lr 0.05'."\n".'y: f (log scale)'; unset ylabel; unset y2label }
set logscale y
set format y '%g'
set mytics 1
set xrange [0.0:2000.0]
set yrange [1.513764958793257e-13:171.69500350952148]
set ytics ('10⁻¹⁶' 1e-16, '10⁻¹²' 1e-12, '10⁻⁸' 1e-08, '10⁻⁴' 0.0001, '10⁰' 1.0)
set border 3
set tics out nomirror
unset key
plot data index 70 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 71 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 72 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 73 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 74 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 75 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 76 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 77 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 78 using 1:2 with lines lw 2 lc rgb '#882255' notitle, \
     data index 79 using 1:2 with points pt 7 ps 0.6 lc rgb '#882255' notitle
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'AdaDelta, lr 1.0'
set xlabel 'step'
set ylabel 'f (log scale)'
if (format eq 'preview') { set title 'AdaDelta, lr 1.0'."\n".'y: f (log scale)'; unset ylabel; unset y2label }
set logscale y
set format y '%g'
set mytics 1
set xrange [0.0:2000.0]
set yrange [1.513764958793257e-13:171.69500350952148]
set ytics ('10⁻¹⁶' 1e-16, '10⁻¹²' 1e-12, '10⁻⁸' 1e-08, '10⁻⁴' 0.0001, '10⁰' 1.0)
set border 3
set tics out nomirror
unset key
plot data index 80 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 81 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 82 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 83 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 84 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 85 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 86 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 87 using 1:2 with lines lw 2 lc rgb '#888888' notitle, \
     data index 88 using 1:2 with lines lw 2 lc rgb '#8C510A' notitle, \
     data index 89 using 1:2 with points pt 7 ps 0.6 lc rgb '#8C510A' notitle
unset multiplot
set output
}
