# regularizers-comparison: written by Training Techniques Lab.
# Redraw with `gnuplot regularizers-comparison.gp` from any folder; the data is regularizers-comparison.dat beside it,
# one block per series (select with `index`). Edit freely: it is plain gnuplot.
script_dir = ARG0
n = strlen(script_dir)
while (n > 0 && script_dir[n:n] ne '/') { n = n - 1 }
script_dir = (n > 0) ? script_dir[1:n] : ''
data = script_dir.'regularizers-comparison.dat'
if (!exists('output_suffix')) output_suffix = ''
# gnuplot -e "preview='dumb size 120,40'" draws the figure on standard output instead.
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
if (format eq 'preview') { set output } else { set output script_dir.'regularizers-comparison.'.format.output_suffix }
set multiplot layout 1,1
reset
set grid lc rgb '#dddddd'
set title '784→256→256→10, SGD + momentum, 2000 images, up to 60 epochs: mean ± std over 5 seeds'
set xlabel 'generalization gap: training − validation accuracy (points)'
set ylabel 'test accuracy (%)'
set border 3
set tics out nomirror
set key outside right top vertical reverse Left samplen 2 nobox
plot data index 0 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'none', \
     data index 1 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#0072B2' notitle, \
     data index 2 using 1:2 with lines lw 2 lc rgb '#D55E00' title 'early stopping', \
     data index 3 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#D55E00' notitle, \
     data index 4 using 1:2 with lines lw 2 lc rgb '#009E73' title 'L2, λ = 0.03', \
     data index 5 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#009E73' notitle, \
     data index 6 using 1:2 with lines lw 2 lc rgb '#CC79A7' title 'L2, λ = 0.1', \
     data index 7 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#CC79A7' notitle, \
     data index 8 using 1:2 with lines lw 2 lc rgb '#E69F00' title 'dropout 0.2', \
     data index 9 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#E69F00' notitle, \
     data index 10 using 1:2 with lines lw 2 lc rgb '#56B4E9' title 'dropout 0.5', \
     data index 11 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#56B4E9' notitle, \
     data index 12 using 1:2 with lines lw 2 lc rgb '#000000' title 'augmentation', \
     data index 13 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#000000' notitle, \
     data index 14 using 1:2 with lines lw 2 lc rgb '#882255' title 'batch norm + dropout 0.2', \
     data index 15 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#882255' notitle
unset multiplot
set output
}
