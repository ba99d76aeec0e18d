# vanishing-gradients-exploding: written by Training Techniques Lab.
# Redraw with `gnuplot vanishing-gradients-exploding.gp` from any folder; the data is vanishing-gradients-exploding.dat beside it,
# one block per series (select with `index`). Edit freely: it is plain gnuplot.
script_dir = ARG0
n = strlen(script_dir)
while (n > 0 && script_dir[n:n] ne '/') { n = n - 1 }
script_dir = (n > 0) ? script_dir[1:n] : ''
data = script_dir.'vanishing-gradients-exploding.dat'
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
if (format eq 'preview') { set output } else { set output script_dir.'vanishing-gradients-exploding.'.format.output_suffix }
set multiplot layout 1,1
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'ReLU net, He-init weights × k, at initialization: measured (points) and k¹⁰ × the k = 1 norms (dashed)'
set xlabel 'layer l'
set ylabel 'gradient norm ‖∂L/∂W⁽ˡ⁾‖'
if (format eq 'preview') { set title 'ReLU net, He-init weights × k, at initialization: measured (points) and k¹⁰ × the k = 1 norms (dashed)'."\n".'y: gradient norm ‖∂L/∂W⁽ˡ⁾‖'; unset ylabel; unset y2label }
set logscale y
set format y '%g'
set border 3
set tics out nomirror
set key outside right top vertical reverse Left samplen 2 nobox
plot data index 0 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#0072B2' notitle, \
     data index 1 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#D55E00' notitle, \
     data index 2 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#009E73' notitle, \
     data index 3 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#CC79A7' notitle, \
     data index 4 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#0072B2' title 'weights × 0.5', \
     data index 5 using 1:2 with lines lw 2 dt 2 lc rgb '#0072B2' title '× 0.5¹⁰ predicted', \
     data index 6 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#D55E00' title 'weights × 1.0', \
     data index 7 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#009E73' title 'weights × 1.5', \
     data index 8 using 1:2 with lines lw 2 dt 2 lc rgb '#009E73' title '× 1.5¹⁰ predicted', \
     data index 9 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#CC79A7' title 'weights × 2.0', \
     data index 10 using 1:2 with lines lw 2 dt 2 lc rgb '#CC79A7' title '× 2.0¹⁰ predicted'
unset multiplot
set output
}
