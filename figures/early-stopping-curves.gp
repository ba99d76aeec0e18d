# early-stopping-curves: written by Training Techniques Lab.
# Redraw with `gnuplot early-stopping-curves.gp` from any folder; the data is early-stopping-curves.dat beside it,
# one block per series (select with `index`). Edit freely: it is plain gnuplot.
script_dir = ARG0
n = strlen(script_dir)
while (n > 0 && script_dir[n:n] ne '/') { n = n - 1 }
script_dir = (n > 0) ? script_dir[1:n] : ''
data = script_dir.'early-stopping-curves.dat'
if (!exists('output_suffix')) output_suffix = ''
# gnuplot -e "preview='dumb size 120,40'" draws the figure on standard output instead.
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
if (format eq 'preview') { set output } else { set output script_dir.'early-stopping-curves.'.format.output_suffix }
set multiplot layout 3,1 title '784→256→256→10, Adam, patience 3, mean ± std over 10 seeds (a run with early stopping is its seed''s run up to the stop)'
reset
set grid lc rgb '#dddddd'
set title 'loss (log scale; geometric mean ×÷ std): validation solid, training dashed (running average)'
set xlabel 'epoch'
set ylabel 'cross-entropy loss'
set logscale y
set format y '%g'
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
plot data index 0 using 1:2:3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#0072B2' notitle, \
     data index 1 using 1:2:3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#0072B2' notitle, \
     data index 2 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'no stopping', \
     data index 3 using 1:2 with lines lw 2 dt 2 lc rgb '#0072B2' notitle, \
     data index 4 using 1:2 with lines lw 2 lc rgb '#009E73' title 'best epoch (each seed)', \
     data index 5 using 1:2 with lines lw 2 lc rgb '#009E73' notitle, \
     data index 6 using 1:2 with lines lw 2 lc rgb '#009E73' notitle, \
     data index 7 using 1:2 with lines lw 2 lc rgb '#009E73' notitle, \
     data index 8 using 1:2 with lines lw 2 lc rgb '#009E73' notitle, \
     data index 9 using 1:2 with lines lw 2 lc rgb '#009E73' notitle, \
     data index 10 using 1:2 with lines lw 2 lc rgb '#009E73' notitle, \
     data index 11 using 1:2 with lines lw 2 lc rgb '#009E73' notitle, \
     data index 12 using 1:2 with lines lw 2 lc rgb '#009E73' notitle, \
     data index 13 using 1:2 with lines lw 2 lc rgb '#009E73' notitle, \
     data index 14 using 1:2 with lines lw 2 lc rgb '#CC79A7' title 'stop (each seed)', \
     data index 15 using 1:2 with lines lw 2 lc rgb '#CC79A7' notitle, \
     data index 16 using 1:2 with lines lw 2 lc rgb '#CC79A7' notitle, \
     data index 17 using 1:2 with lines lw 2 lc rgb '#CC79A7' notitle, \
     data index 18 using 1:2 with lines lw 2 lc rgb '#CC79A7' notitle, \
     data index 19 using 1:2 with lines lw 2 lc rgb '#CC79A7' notitle, \
     data index 20 using 1:2 with lines lw 2 lc rgb '#CC79A7' notitle, \
     data index 21 using 1:2 with lines lw 2 lc rgb '#CC79A7' notitle, \
     data index 22 using 1:2 with lines lw 2 lc rgb '#CC79A7' notitle, \
     data index 23 using 1:2 with lines lw 2 lc rgb '#CC79A7' notitle
reset
set grid lc rgb '#dddddd'
set title 'validation loss alone, linear scale (mean ± std)'
set xlabel 'epoch'
set ylabel 'validation loss'
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
plot data index 24 using 1:2:3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#0072B2' notitle, \
     data index 25 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'no stopping', \
     data index 26 using 1:2 with lines lw 2 lc rgb '#009E73' title 'best epoch (each seed)', \
     data index 27 using 1:2 with lines lw 2 lc rgb '#009E73' notitle, \
     data index 28 using 1:2 with lines lw 2 lc rgb '#009E73' notitle, \
     data index 29 using 1:2 with lines lw 2 lc rgb '#009E73' notitle, \
     data index 30 using 1:2 with lines lw 2 lc rgb '#009E73' notitle, \
     data index 31 using 1:2 with lines lw 2 lc rgb '#009E73' notitle, \
     data index 32 using 1:2 with lines lw 2 lc rgb '#009E73' notitle, \
     data index 33 using 1:2 with lines lw 2 lc rgb '#009E73' notitle, \
     data index 34 using 1:2 with lines lw 2 lc rgb '#009E73' notitle, \
     data index 35 using 1:2 with lines lw 2 lc rgb '#009E73' notitle, \
     data index 36 using 1:2 with lines lw 2 lc rgb '#CC79A7' title 'stop (each seed)', \
     data index 37 using 1:2 with lines lw 2 lc rgb '#CC79A7' notitle, \
     data index 38 using 1:2 with lines lw 2 lc rgb '#CC79A7' notitle, \
     data index 39 using 1:2 with lines lw 2 lc rgb '#CC79A7' notitle, \
     data index 40 using 1:2 with lines lw 2 lc rgb '#CC79A7' notitle, \
     data index 41 using 1:2 with lines lw 2 lc rgb '#CC79A7' notitle, \
     data index 42 using 1:2 with lines lw 2 lc rgb '#CC79A7' notitle, \
     data index 43 using 1:2 with lines lw 2 lc rgb '#CC79A7' notitle, \
     data index 44 using 1:2 with lines lw 2 lc rgb '#CC79A7' notitle, \
     data index 45 using 1:2 with lines lw 2 lc rgb '#CC79A7' notitle
reset
set grid lc rgb '#dddddd'
set title 'accuracy: validation solid, training dashed (running average over the epoch''s minibatches)'
set xlabel 'epoch'
set ylabel 'accuracy (%)'
set yrange [40.0:100.0]
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
plot data index 46 using 1:2:3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#0072B2' notitle, \
     data index 47 using 1:2:3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#0072B2' notitle, \
     data index 48 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'no stopping', \
     data index 49 using 1:2 with lines lw 2 dt 2 lc rgb '#0072B2' notitle, \
     data index 50 using 1:2 with lines lw 2 lc rgb '#009E73' title 'best epoch (each seed)', \
     data index 51 using 1:2 with lines lw 2 lc rgb '#009E73' notitle, \
     data index 52 using 1:2 with lines lw 2 lc rgb '#009E73' notitle, \
     data index 53 using 1:2 with lines lw 2 lc rgb '#009E73' notitle, \
     data index 54 using 1:2 with lines lw 2 lc rgb '#009E73' notitle, \
     data index 55 using 1:2 with lines lw 2 lc rgb '#009E73' notitle, \
     data index 56 using 1:2 with lines lw 2 lc rgb '#009E73' notitle, \
     data index 57 using 1:2 with lines lw 2 lc rgb '#009E73' notitle, \
     data index 58 using 1:2 with lines lw 2 lc rgb '#009E73' notitle, \
     data index 59 using 1:2 with lines lw 2 lc rgb '#009E73' notitle, \
     data index 60 using 1:2 with lines lw 2 lc rgb '#CC79A7' title 'stop (each seed)', \
     data index 61 using 1:2 with lines lw 2 lc rgb '#CC79A7' notitle, \
     data index 62 using 1:2 with lines lw 2 lc rgb '#CC79A7' notitle, \
     data index 63 using 1:2 with lines lw 2 lc rgb '#CC79A7' notitle, \
     data index 64 using 1:2 with lines lw 2 lc rgb '#CC79A7' notitle, \
     data index 65 using 1:2 with lines lw 2 lc rgb '#CC79A7' notitle, \
     data index 66 using 1:2 with lines lw 2 lc rgb '#CC79A7' notitle, \
     data index 67 using 1:2 with lines lw 2 lc rgb '#CC79A7' notitle, \
     data index 68 using 1:2 with lines lw 2 lc rgb '#CC79A7' notitle, \
     data index 69 using 1:2 with lines lw 2 lc rgb '#CC79A7' notitle
unset multiplot
set output
}
