# lr-decay-differences: written by Training Techniques Lab.
# Redraw with `gnuplot lr-decay-differences.gp` from any folder; the data is lr-decay-differences.dat beside it,
# one block per series (select with `index`). Edit freely: it is plain gnuplot.
script_dir = ARG0
n = strlen(script_dir)
while (n > 0 && script_dir[n:n] ne '/') { n = n - 1 }
script_dir = (n > 0) ? script_dir[1:n] : ''
data = script_dir.'lr-decay-differences.dat'
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
if (format eq 'preview') { set output } else { set output script_dir.'lr-decay-differences.'.format.output_suffix }
set multiplot layout 2,1 title 'Paired differences in test accuracy: mean and 95 % interval over 10 seeds, Holm per panel; right is better'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'test, last 10 epochs − constant, η = 0.1'
set xlabel 'difference (points)'
set xrange [-6.120637672638887:3.299600314408953]
set yrange [-0.6:7.6]
set lmargin 51.0
set ytics ('constant, η = 0.03  −0.50 ± 0.50' 7.0, 'constant, η = 0.01  −1.41 ± 0.59' 6.0, 'exponential, k = 0.1  +1.78 ± 0.70' 5.0, 'multiplicative, α = 0.85  +1.20 ± 0.71' 4.0, 'inverse, k = 0.3  +1.18 ± 0.67' 3.0, 'step: ×0.5 every 7 epochs  +2.18 ± 0.70' 2.0, 'on plateau: ×0.5 after 3 bad epochs  +2.30 ± 0.73' 1.0, 'too aggressive: exponential, k = 1  −3.04 ± 0.70' 0.0)
set border 3
set tics out nomirror
unset key
plot data index 0 using 1:2 with lines lw 2 dt 2 lc rgb '#000000' notitle, \
     data index 1 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'survives Holm', \
     data index 2 using 1:2 with lines lw 2 lc rgb '#888888' title 'within noise', \
     data index 3 using 1:2 with lines lw 2 dt 2 lc rgb '#888888' title (format eq 'preview' ? 'within noise, dashed' : ''), \
     data index 4 using 1:2 with lines lw 2 dt 2 lc rgb '#000000' title 'dashed bar: borderline (an interval edge within ⅕ of its width of 0)'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'test at each run''s best-validation epoch − constant, η = 0.1'
set xlabel 'difference (points)'
set xrange [-6.120637672638887:3.299600314408953]
set yrange [-0.6:7.6]
set lmargin 51.0
set ytics ('constant, η = 0.03  −1.36 ± 0.42' 7.0, 'constant, η = 0.01  −3.13 ± 0.40' 6.0, 'exponential, k = 0.1  −0.49 ± 0.36' 5.0, 'multiplicative, α = 0.85  −1.27 ± 0.35' 4.0, 'inverse, k = 0.3  −0.84 ± 0.30' 3.0, 'step: ×0.5 every 7 epochs  −0.06 ± 0.34' 2.0, 'on plateau: ×0.5 after 3 bad epochs  +0.17 ± 0.32' 1.0, 'too aggressive: exponential, k = 1  −5.47 ± 0.39' 0.0)
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
plot data index 5 using 1:2 with lines lw 2 dt 2 lc rgb '#000000' notitle, \
     data index 6 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'survives Holm', \
     data index 7 using 1:2 with lines lw 2 dt 2 lc rgb '#0072B2' title (format eq 'preview' ? 'survives Holm, dashed' : ''), \
     data index 8 using 1:2 with lines lw 2 lc rgb '#888888' title 'within noise', \
     data index 9 using 1:2 with lines lw 2 dt 2 lc rgb '#000000' title 'dashed bar: borderline (an interval edge within ⅕ of its width of 0)'
unset multiplot
set output
}
