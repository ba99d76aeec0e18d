# hyperparameters-progress: written by Training Techniques Lab.
# Redraw with `gnuplot hyperparameters-progress.gp` from any folder; the data is hyperparameters-progress.dat beside it,
# one block per series (select with `index`). Edit freely: it is plain gnuplot.
script_dir = ARG0
n = strlen(script_dir)
while (n > 0 && script_dir[n:n] ne '/') { n = n - 1 }
script_dir = (n > 0) ? script_dir[1:n] : ''
data = script_dir.'hyperparameters-progress.dat'
if (!exists('output_suffix')) output_suffix = ''
# gnuplot -e "preview='dumb size 120,40'" draws the figure on standard output instead. A text
# terminal draws a band's outline, not its fill, and cannot turn a label or dash a line:
# the preview leaves the bands and the grid out, writes each y label under its panel's
# title, and names the lines told apart only by their dashes in the key.
if (!exists('preview')) preview = ''
do for [format in (preview eq '' ? 'png svg' : 'preview')] {
if (format eq 'png') {
  set terminal pngcairo noenhanced size 880,750 font 'DejaVu Sans,10'
} else {
  if (format eq 'svg') {
    set terminal svg noenhanced size 880,750 font 'DejaVu Sans,10' background '#ffffff'
  } else {
    eval('set terminal '.preview)
  }
}
if (format eq 'preview') { set output } else { set output script_dir.'hyperparameters-progress.'.format.output_suffix }
set multiplot layout 2,1 title '784→width→10 MLP, SGD, 3 epochs on 2000 images; searched: learning rate 10⁻⁴…1, width 16…512, dropout 0…0.7'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'best validation accuracy so far: mean ± std over 10 repeated searches, every trial'
set xlabel 'trial'
set ylabel 'accuracy (%)'
if (format eq 'preview') { set title 'best validation accuracy so far: mean ± std over 10 repeated searches, every trial'."\n".'y: accuracy (%)'; unset ylabel; unset y2label }
set xrange [1.0:27.0]
set yrange [14.51058713768471:79.88817990882968]
set border 3
set tics out nomirror
unset key
plot data index 0 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#0072B2' notitle, \
     data index 1 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#D55E00' notitle, \
     data index 2 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#009E73' notitle, \
     data index 3 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#0072B2' title 'grid', \
     data index 4 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#D55E00' title 'random', \
     data index 5 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#009E73' title 'Bayesian'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'the same from trial 5 on, on an axis fitted to it'
set xlabel 'trial'
set ylabel 'accuracy (%)'
if (format eq 'preview') { set title 'the same from trial 5 on, on an axis fitted to it'."\n".'y: accuracy (%)'; unset ylabel; unset y2label }
set xrange [5.0:27.0]
set yrange [58.944799868589556:75.9760806295126]
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
plot data index 6 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#0072B2' notitle, \
     data index 7 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#D55E00' notitle, \
     data index 8 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#009E73' notitle, \
     data index 9 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#0072B2' title 'grid', \
     data index 10 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#D55E00' title 'random', \
     data index 11 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#009E73' title 'Bayesian'
unset multiplot
set output
}
