# batchnorm-curves: written by Training Techniques Lab.
# Redraw with `gnuplot batchnorm-curves.gp` from any folder; the data is batchnorm-curves.dat beside it,
# one block per series (select with `index`). Edit freely: it is plain gnuplot.
script_dir = ARG0
n = strlen(script_dir)
while (n > 0 && script_dir[n:n] ne '/') { n = n - 1 }
script_dir = (n > 0) ? script_dir[1:n] : ''
data = script_dir.'batchnorm-curves.dat'
if (!exists('output_suffix')) output_suffix = ''
# gnuplot -e "preview='dumb size 120,40'" draws the figure on standard output instead.
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
if (format eq 'preview') { set output } else { set output script_dir.'batchnorm-curves.'.format.output_suffix }
set multiplot layout 1,2 title '784→128→64→10 with dropout 0.2, SGD lr 0.1: mean ± std over 10 seeds'
reset
set grid lc rgb '#dddddd'
set title 'default initialization: validation (solid), training (dashed)'
set xlabel 'epoch'
set ylabel 'accuracy (%)'
set xtics 1.0
set yrange [5.995952103471376:93.86023893113193]
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
plot data index 0 using 1:2:3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#0072B2' notitle, \
     data index 1 using 1:2:3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#0072B2' notitle, \
     data index 2 using 1:2:3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#D55E00' notitle, \
     data index 3 using 1:2:3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#D55E00' notitle, \
     data index 4 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'no BatchNorm', \
     data index 5 using 1:2 with lines lw 2 dt 2 lc rgb '#0072B2' notitle, \
     data index 6 using 1:2 with lines lw 2 lc rgb '#D55E00' title 'BatchNorm', \
     data index 7 using 1:2 with lines lw 2 dt 2 lc rgb '#D55E00' notitle
reset
set grid lc rgb '#dddddd'
set title 'N(0, 0.001²) init: validation (solid), training (dashed)'
set xlabel 'epoch'
set ylabel 'accuracy (%)'
set xtics 1.0
set yrange [5.995952103471376:93.86023893113193]
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
plot data index 8 using 1:2:3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#0072B2' notitle, \
     data index 9 using 1:2:3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#0072B2' notitle, \
     data index 10 using 1:2:3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#D55E00' notitle, \
     data index 11 using 1:2:3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#D55E00' notitle, \
     data index 12 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'no BatchNorm, N(0, 0.001²) init', \
     data index 13 using 1:2 with lines lw 2 dt 2 lc rgb '#0072B2' notitle, \
     data index 14 using 1:2 with lines lw 2 lc rgb '#D55E00' title 'BatchNorm, N(0, 0.001²) init', \
     data index 15 using 1:2 with lines lw 2 dt 2 lc rgb '#D55E00' notitle
unset multiplot
set output
}
