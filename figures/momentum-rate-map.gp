# momentum-rate-map: written by Training Techniques Lab.
# Redraw with `gnuplot momentum-rate-map.gp` from any folder; the data is momentum-rate-map.dat beside it,
# one block per series (select with `index`). Edit freely: it is plain gnuplot.
script_dir = ARG0
n = strlen(script_dir)
while (n > 0 && script_dir[n:n] ne '/') { n = n - 1 }
script_dir = (n > 0) ? script_dir[1:n] : ''
data = script_dir.'momentum-rate-map.dat'
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
if (format eq 'preview') { set output } else { set output script_dir.'momentum-rate-map.'.format.output_suffix }
set multiplot layout 1,1
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'bowl ½(x² + 20y²): predicted rate per step over (η, α)'
set xlabel 'learning rate η'
set ylabel 'momentum α'
if (format eq 'preview') { set title 'bowl ½(x² + 20y²): predicted rate per step over (η, α)'."\n".'y: momentum α'; unset ylabel; unset y2label }
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
set palette defined (0 '#440154', 1 '#3b528b', 2 '#21918c', 3 '#5ec962', 4 '#fde725')
set cblabel 'rate per step (lower is faster)'
set colorbox
set cbrange [0.6:1.0]
set xrange [0.0:0.2]
set yrange [0.0:1.0]
plot data index 0 using 1:2:3 with image notitle, \
     data index 1 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs solid 1 noborder lc rgb '#888888' title 'diverges', \
     data index 2 using 1:2 with lines lw 2 lc rgb '#000000' title 'stability boundary η·20 = 2(1 + α)', \
     data index 3 using 1:2 with lines lw 2 dt 2 lc rgb '#CC79A7' title 'best α for each η', \
     data index 4 using 1:2 with points pt 7 ps 0.6 lc rgb '#D55E00' title 'measured runs, lr 0.04', \
     data index 5 using 1:2 with points pt 7 ps 1.6 lc rgb '#E69F00' title 'best pair (η*, α*) = (0.134, 0.40)', \
     data index 5 using 1:2 with points pt 6 ps 1.6 lw 1.5 lc rgb '#000000' notitle
unset multiplot
set output
}
