# adam-moments: written by Training Techniques Lab.
# Redraw with `gnuplot adam-moments.gp` from any folder; the data is adam-moments.dat beside it,
# one block per series (select with `index`). Edit freely: it is plain gnuplot.
script_dir = ARG0
n = strlen(script_dir)
while (n > 0 && script_dir[n:n] ne '/') { n = n - 1 }
script_dir = (n > 0) ? script_dir[1:n] : ''
data = script_dir.'adam-moments.dat'
if (!exists('output_suffix')) output_suffix = ''
# gnuplot -e "preview='dumb size 120,40'" draws the figure on standard output instead. A text
# terminal draws a band's outline, not its fill, and cannot turn a label or dash a line:
# the preview leaves the bands and the grid out, writes each y label under its panel's
# title, and names the lines told apart only by their dashes in the key.
if (!exists('preview')) preview = ''
do for [format in (preview eq '' ? 'png svg' : 'preview')] {
if (format eq 'png') {
  set terminal pngcairo noenhanced size 1280,950 font 'DejaVu Sans,15'
} else {
  if (format eq 'svg') {
    set terminal svg noenhanced size 1280,950 font 'DejaVu Sans,15' background '#ffffff'
  } else {
    eval('set terminal '.preview)
  }
}
if (format eq 'preview') { set output } else { set output script_dir.'adam-moments.'.format.output_suffix }
set multiplot layout 2,2 title 'Adam on a noisy gradient stream g ~ N(0.5, 1.0²), β₁ = 0.9, β₂ = 0.999, lr 0.001'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'first moment: m starts at 0, m̂ does not'
set xlabel 'step t'
set ylabel 'estimate of E[g]'
if (format eq 'preview') { set title 'first moment: m starts at 0, m̂ does not'."\n".'y: estimate of E[g]'; unset ylabel; unset y2label }
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
plot data index 0 using 1:2 with points pt 7 ps 0.6 lc rgb '#56B4E9' title 'gradient g', \
     data index 1 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'm', \
     data index 2 using 1:2 with lines lw 2 lc rgb '#D55E00' title 'm̂', \
     data index 3 using 1:2 with lines lw 2 dt 2 lc rgb '#000000' title 'E[g] = 0.5'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'second moment: v needs ~1,000 steps, v̂ does not'
set xlabel 'step t'
set ylabel 'estimate of E[g²]'
if (format eq 'preview') { set title 'second moment: v needs ~1,000 steps, v̂ does not'."\n".'y: estimate of E[g²]'; unset ylabel; unset y2label }
set logscale y
set format y '%g'
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
plot data index 4 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'v', \
     data index 5 using 1:2 with lines lw 2 lc rgb '#D55E00' title 'v̂', \
     data index 6 using 1:2 with lines lw 2 dt 2 lc rgb '#000000' title 'E[g²] = 1.25'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'the correction factors'
set xlabel 'step t'
set ylabel 'factor'
if (format eq 'preview') { set title 'the correction factors'."\n".'y: factor'; unset ylabel; unset y2label }
set logscale y
set format y '%g'
set yrange [0.0005:10.0]
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
plot data index 7 using 1:2 with lines lw 2 lc rgb '#0072B2' title '1 − β₁ᵗ', \
     data index 8 using 1:2 with lines lw 2 lc rgb '#D55E00' title '1 − β₂ᵗ', \
     data index 9 using 1:2 with lines lw 2 lc rgb '#009E73' title 'uncorrected step / corrected: (1 − β₁ᵗ)/√(1 − β₂ᵗ)'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'size of each step |Δw|'
set xlabel 'step t'
set ylabel '|Δw|'
if (format eq 'preview') { set title 'size of each step |Δw|'."\n".'y: |Δw|'; unset ylabel; unset y2label }
set logscale y
set format y '%g'
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
plot data index 10 using 1:2 with lines lw 2 lc rgb '#D55E00' title 'with bias correction', \
     data index 11 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'without', \
     data index 12 using 1:2 with lines lw 2 dt 2 lc rgb '#000000' title 'lr = 0.001'
unset multiplot
set output
}
