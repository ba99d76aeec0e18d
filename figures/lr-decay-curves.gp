# lr-decay-curves: written by Training Techniques Lab.
# Redraw with `gnuplot lr-decay-curves.gp` from any folder; the data is lr-decay-curves.dat beside it,
# one block per series (select with `index`). Edit freely: it is plain gnuplot.
script_dir = ARG0
n = strlen(script_dir)
while (n > 0 && script_dir[n:n] ne '/') { n = n - 1 }
script_dir = (n > 0) ? script_dir[1:n] : ''
data = script_dir.'lr-decay-curves.dat'
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
if (format eq 'preview') { set output } else { set output script_dir.'lr-decay-curves.'.format.output_suffix }
set multiplot layout 3,1 title 'The same networks and batches under each schedule: mean ± std over 10 seeds'
reset
set grid lc rgb '#dddddd'
set title 'validation accuracy'
set xlabel 'epoch'
set ylabel 'validation accuracy (%)'
set border 3
set tics out nomirror
unset key
plot data index 0 using 1:2:3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#000000' notitle, \
     data index 1 using 1:2:3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#888888' notitle, \
     data index 2 using 1:2:3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#8C510A' notitle, \
     data index 3 using 1:2:3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#0072B2' notitle, \
     data index 4 using 1:2:3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#009E73' notitle, \
     data index 5 using 1:2:3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#CC79A7' notitle, \
     data index 6 using 1:2:3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#E69F00' notitle, \
     data index 7 using 1:2:3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#882255' notitle, \
     data index 8 using 1:2:3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#56B4E9' notitle, \
     data index 9 using 1:2 with lines lw 2 lc rgb '#000000' title 'constant, η = 0.1', \
     data index 10 using 1:2 with lines lw 2 lc rgb '#888888' title 'constant, η = 0.03', \
     data index 11 using 1:2 with lines lw 2 lc rgb '#8C510A' title 'constant, η = 0.01', \
     data index 12 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'exponential, k = 0.1', \
     data index 13 using 1:2 with lines lw 2 lc rgb '#009E73' title 'multiplicative, α = 0.85', \
     data index 14 using 1:2 with lines lw 2 lc rgb '#CC79A7' title 'inverse, k = 0.3', \
     data index 15 using 1:2 with lines lw 2 lc rgb '#E69F00' title 'step: ×0.5 every 7 epochs', \
     data index 16 using 1:2 with lines lw 2 lc rgb '#882255' title 'on plateau: ×0.5 after 3 bad epochs', \
     data index 17 using 1:2 with lines lw 2 lc rgb '#56B4E9' title 'too aggressive: exponential, k = 1'
reset
set grid lc rgb '#dddddd'
set title 'test accuracy (scored, never used to choose)'
set xlabel 'epoch'
set ylabel 'test accuracy (%)'
set border 3
set tics out nomirror
unset key
plot data index 18 using 1:2:3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#000000' notitle, \
     data index 19 using 1:2:3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#888888' notitle, \
     data index 20 using 1:2:3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#8C510A' notitle, \
     data index 21 using 1:2:3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#0072B2' notitle, \
     data index 22 using 1:2:3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#009E73' notitle, \
     data index 23 using 1:2:3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#CC79A7' notitle, \
     data index 24 using 1:2:3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#E69F00' notitle, \
     data index 25 using 1:2:3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#882255' notitle, \
     data index 26 using 1:2:3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#56B4E9' notitle, \
     data index 27 using 1:2 with lines lw 2 lc rgb '#000000' title 'constant, η = 0.1', \
     data index 28 using 1:2 with lines lw 2 lc rgb '#888888' title 'constant, η = 0.03', \
     data index 29 using 1:2 with lines lw 2 lc rgb '#8C510A' title 'constant, η = 0.01', \
     data index 30 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'exponential, k = 0.1', \
     data index 31 using 1:2 with lines lw 2 lc rgb '#009E73' title 'multiplicative, α = 0.85', \
     data index 32 using 1:2 with lines lw 2 lc rgb '#CC79A7' title 'inverse, k = 0.3', \
     data index 33 using 1:2 with lines lw 2 lc rgb '#E69F00' title 'step: ×0.5 every 7 epochs', \
     data index 34 using 1:2 with lines lw 2 lc rgb '#882255' title 'on plateau: ×0.5 after 3 bad epochs', \
     data index 35 using 1:2 with lines lw 2 lc rgb '#56B4E9' title 'too aggressive: exponential, k = 1'
reset
set grid lc rgb '#dddddd'
set title 'training loss (running mean over each epoch''s minibatches)'
set xlabel 'epoch'
set ylabel 'training loss'
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
plot data index 36 using 1:2:3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#000000' notitle, \
     data index 37 using 1:2:3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#888888' notitle, \
     data index 38 using 1:2:3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#8C510A' notitle, \
     data index 39 using 1:2:3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#0072B2' notitle, \
     data index 40 using 1:2:3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#009E73' notitle, \
     data index 41 using 1:2:3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#CC79A7' notitle, \
     data index 42 using 1:2:3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#E69F00' notitle, \
     data index 43 using 1:2:3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#882255' notitle, \
     data index 44 using 1:2:3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#56B4E9' notitle, \
     data index 45 using 1:2 with lines lw 2 lc rgb '#000000' title 'constant, η = 0.1', \
     data index 46 using 1:2 with lines lw 2 lc rgb '#888888' title 'constant, η = 0.03', \
     data index 47 using 1:2 with lines lw 2 lc rgb '#8C510A' title 'constant, η = 0.01', \
     data index 48 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'exponential, k = 0.1', \
     data index 49 using 1:2 with lines lw 2 lc rgb '#009E73' title 'multiplicative, α = 0.85', \
     data index 50 using 1:2 with lines lw 2 lc rgb '#CC79A7' title 'inverse, k = 0.3', \
     data index 51 using 1:2 with lines lw 2 lc rgb '#E69F00' title 'step: ×0.5 every 7 epochs', \
     data index 52 using 1:2 with lines lw 2 lc rgb '#882255' title 'on plateau: ×0.5 after 3 bad epochs', \
     data index 53 using 1:2 with lines lw 2 lc rgb '#56B4E9' title 'too aggressive: exponential, k = 1'
unset multiplot
set output
}
