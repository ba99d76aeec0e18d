# hyperparameters-differences: written by Training Techniques Lab.
# Redraw with `gnuplot hyperparameters-differences.gp` from any folder; the data is hyperparameters-differences.dat beside it,
# one block per series (select with `index`). Edit freely: it is plain gnuplot.
script_dir = ARG0
n = strlen(script_dir)
while (n > 0 && script_dir[n:n] ne '/') { n = n - 1 }
script_dir = (n > 0) ? script_dir[1:n] : ''
data = script_dir.'hyperparameters-differences.dat'
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
if (format eq 'preview') { set output } else { set output script_dir.'hyperparameters-differences.'.format.output_suffix }
set multiplot layout 2,1 title 'Search strategies: paired differences over 10 seeds, 95 % intervals, Holm over each panel''s three'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'best validation accuracy after 27 trials: right is better'
set xlabel 'difference in validation accuracy (points)'
set xrange [-3.624362566617412:4.127052959135102]
set yrange [-0.6:2.6]
set ytics ('random − grid  −0.84 ± 2.43' 2.0, 'Bayesian − random  +1.28 ± 2.49' 1.0, 'Bayesian − grid  +0.44 ± 2.49' 0.0)
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
plot data index 0 using 1:2 with lines lw 2 dt 2 lc rgb '#000000' notitle, \
     data index 1 using 1:2 with lines lw 2 lc rgb '#888888' title 'within noise'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'the chosen setting retrained, test accuracy: right is better'
set xlabel 'difference in test accuracy (points)'
set xrange [-7.529269503585153:8.18169575203985]
set yrange [-0.6:2.6]
set ytics ('random − grid  −2.61 ± 4.21' 2.0, 'Bayesian − random  +4.15 ± 3.32' 1.0, 'Bayesian − grid  +1.54 ± 2.95' 0.0)
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
plot data index 2 using 1:2 with lines lw 2 dt 2 lc rgb '#000000' notitle, \
     data index 3 using 1:2 with lines lw 2 lc rgb '#E69F00' title 'not after Holm', \
     data index 4 using 1:2 with lines lw 2 dt 2 lc rgb '#E69F00' title (format eq 'preview' ? 'not after Holm, dashed' : ''), \
     data index 5 using 1:2 with lines lw 2 lc rgb '#888888' title 'within noise', \
     data index 6 using 1:2 with lines lw 2 dt 2 lc rgb '#888888' title (format eq 'preview' ? 'within noise, dashed' : ''), \
     data index 7 using 1:2 with lines lw 2 dt 2 lc rgb '#000000' title 'dashed bar: borderline (an interval edge within ⅕ of its width of 0)'
unset multiplot
set output
}
