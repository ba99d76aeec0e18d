# hyperparameters-progress: written by Training Techniques Lab.
# Redraw with `gnuplot hyperparameters-progress.gp` from any folder; the data is hyperparameters-progress.dat beside it,
# one block per series (select with `index`). Edit freely: it is plain gnuplot.
script_dir = ARG0
n = strlen(script_dir)
while (n > 0 && script_dir[n:n] ne '/') { n = n - 1 }
script_dir = (n > 0) ? script_dir[1:n] : ''
data = script_dir.'hyperparameters-progress.dat'
if (!exists('output_suffix')) output_suffix = ''
# gnuplot -e "preview='dumb size 120,40'" draws the figure on standard output instead.
if (!exists('preview')) preview = ''
do for [format in (preview eq '' ? 'png svg' : 'preview')] {
if (format eq 'png') {
  set terminal pngcairo noenhanced size 880,510 font 'DejaVu Sans,10'
} else {
  if (format eq 'svg') {
    set terminal svg noenhanced size 880,510 font 'DejaVu Sans,10' background '#ffffff'
  } else {
    eval('set terminal '.preview)
  }
}
if (format eq 'preview') { set output } else { set output script_dir.'hyperparameters-progress.'.format.output_suffix }
set multiplot layout 1,1 title '784→width→10 MLP, SGD, 3 epochs on 2000 images; searched: learning rate 10⁻⁴…1, width 16…512, dropout 0…0.7'
reset
set grid lc rgb '#dddddd'
set title 'best validation accuracy so far: mean ± std over 10 repeated searches (earlier trials leave the axis)'
set xlabel 'trial'
set ylabel 'accuracy (%)'
set xrange [1.0:27.0]
set yrange [58.944800806760966:75.97608155941369]
set border 3
set tics out nomirror
set key outside right top vertical reverse Left samplen 2 nobox
plot data index 0 using 1:2:3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#0072B2' notitle, \
     data index 1 using 1:2:3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#D55E00' notitle, \
     data index 2 using 1:2:3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#009E73' notitle, \
     data index 3 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#0072B2' title 'grid', \
     data index 4 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#D55E00' title 'random', \
     data index 5 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#009E73' title 'Bayesian'
unset multiplot
set output
}
