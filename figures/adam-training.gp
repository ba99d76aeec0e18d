# adam-training: written by Training Techniques Lab.
# Redraw with `gnuplot adam-training.gp` from any folder; the data is adam-training.dat beside it,
# one block per series (select with `index`). Edit freely: it is plain gnuplot.
script_dir = ARG0
n = strlen(script_dir)
while (n > 0 && script_dir[n:n] ne '/') { n = n - 1 }
script_dir = (n > 0) ? script_dir[1:n] : ''
data = script_dir.'adam-training.dat'
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
if (format eq 'preview') { set output } else { set output script_dir.'adam-training.'.format.output_suffix }
set multiplot layout 2,1 title '784→256→10 on 10000 Fashion-MNIST images, Adam: mean ± std over 10 seeds'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'lr 0.01: minibatch loss, first 300 steps (mean over the 11 centred on each)'
set xlabel 'step'
set ylabel 'loss (log scale)'
if (format eq 'preview') { set title 'lr 0.01: minibatch loss, first 300 steps (mean over the 11 centred on each)'."\n".'y: loss (log scale)'; unset ylabel; unset y2label }
set logscale y
set format y '%g'
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
plot data index 0 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#8C510A' notitle, \
     data index 1 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#56B4E9' notitle, \
     data index 2 using 1:2 with lines lw 2 lc rgb '#8C510A' title 'lr 0.01 corrected', \
     data index 3 using 1:2 with lines lw 2 lc rgb '#56B4E9' title 'lr 0.01 uncorrected'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'lr 0.001–0.005: minibatch loss, first 300 steps (mean over the 21 centred on each)'
set xlabel 'step'
set ylabel 'loss'
if (format eq 'preview') { set title 'lr 0.001–0.005: minibatch loss, first 300 steps (mean over the 21 centred on each)'."\n".'y: loss'; unset ylabel; unset y2label }
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
plot data index 4 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#D55E00' notitle, \
     data index 5 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#0072B2' notitle, \
     data index 6 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#009E73' notitle, \
     data index 7 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#CC79A7' notitle, \
     data index 8 using 1:(format eq 'preview' ? NaN : $2):3 with filledcurves fs transparent solid 0.25 noborder lc rgb '#882255' notitle, \
     data index 9 using 1:2 with lines lw 2 lc rgb '#D55E00' title 'lr 0.001 corrected', \
     data index 10 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'lr 0.001 uncorrected', \
     data index 11 using 1:2 with lines lw 2 lc rgb '#009E73' title 'lr 0.002 corrected', \
     data index 12 using 1:2 with lines lw 2 lc rgb '#CC79A7' title 'lr 0.005 corrected', \
     data index 13 using 1:2 with lines lw 2 lc rgb '#882255' title 'lr 0.002 corrected + 200-step warm-up'
unset multiplot
set output
}
