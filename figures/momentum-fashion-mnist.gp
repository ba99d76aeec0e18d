# momentum-fashion-mnist: written by Training Techniques Lab.
# Redraw with `gnuplot momentum-fashion-mnist.gp` from any folder; the data is momentum-fashion-mnist.dat beside it,
# one block per series (select with `index`). Edit freely: it is plain gnuplot.
script_dir = ARG0
n = strlen(script_dir)
while (n > 0 && script_dir[n:n] ne '/') { n = n - 1 }
script_dir = (n > 0) ? script_dir[1:n] : ''
data = script_dir.'momentum-fashion-mnist.dat'
if (!exists('output_suffix')) output_suffix = ''
# gnuplot -e "preview='dumb size 120,40'" draws the figure on standard output instead. A text
# terminal draws a band's outline, not its fill, and cannot turn a label or dash a line:
# the preview leaves the bands and the grid out, writes each y label under its panel's
# title, and names the lines told apart only by their dashes in the key.
if (!exists('preview')) preview = ''
do for [format in (preview eq '' ? 'png svg' : 'preview')] {
if (format eq 'png') {
  set terminal pngcairo noenhanced size 1280,490 font 'DejaVu Sans,15'
} else {
  if (format eq 'svg') {
    set terminal svg noenhanced size 1280,490 font 'DejaVu Sans,15' background '#ffffff'
  } else {
    eval('set terminal '.preview)
  }
}
if (format eq 'preview') { set output } else { set output script_dir.'momentum-fashion-mnist.'.format.output_suffix }
set multiplot layout 1,2 title '784→128→10 on 10000 Fashion-MNIST images, batch 64: mean ± std over 10 seeds'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'validation accuracy (Nesterov over momentum 0.9)'
set xlabel 'epoch'
set ylabel 'validation accuracy (%)'
if (format eq 'preview') { set title 'validation accuracy (Nesterov over momentum 0.9)'."\n".'y: validation accuracy (%)'; unset ylabel; unset y2label }
set xtics 1.0
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
plot data index 0 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#0072B2' notitle, \
     data index 1 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#56B4E9' notitle, \
     data index 2 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#009E73' notitle, \
     data index 3 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#882255' notitle, \
     data index 4 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'SGD, lr 0.01', \
     data index 5 using 1:2 with lines lw 2 lc rgb '#56B4E9' title 'SGD, lr 0.1 = η/(1 − 0.9)', \
     data index 6 using 1:2 with lines lw 2 lc rgb '#009E73' title 'momentum 0.9, lr 0.01', \
     data index 7 using 1:2 with lines lw 2 lc rgb '#882255' title 'Nesterov 0.9, lr 0.01'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'training loss, epoch mean (the lower three coincide)'
set xlabel 'epoch'
set ylabel 'training loss'
if (format eq 'preview') { set title 'training loss, epoch mean (the lower three coincide)'."\n".'y: training loss'; unset ylabel; unset y2label }
set xtics 1.0
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
plot data index 8 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#0072B2' notitle, \
     data index 9 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#56B4E9' notitle, \
     data index 10 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#009E73' notitle, \
     data index 11 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#882255' notitle, \
     data index 12 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'SGD, lr 0.01', \
     data index 13 using 1:2 with lines lw 2 lc rgb '#56B4E9' title 'SGD, lr 0.1 = η/(1 − 0.9)', \
     data index 14 using 1:2 with lines lw 2 lc rgb '#009E73' title 'momentum 0.9, lr 0.01', \
     data index 15 using 1:2 with lines lw 2 lc rgb '#882255' title 'Nesterov 0.9, lr 0.01'
unset multiplot
set output
}
