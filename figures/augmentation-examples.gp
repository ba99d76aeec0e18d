# augmentation-examples: written by Training Techniques Lab.
# Redraw with `gnuplot augmentation-examples.gp` from any folder; the data is augmentation-examples.dat beside it,
# one block per series (select with `index`). Edit freely: it is plain gnuplot.
script_dir = ARG0
n = strlen(script_dir)
while (n > 0 && script_dir[n:n] ne '/') { n = n - 1 }
script_dir = (n > 0) ? script_dir[1:n] : ''
data = script_dir.'augmentation-examples.dat'
if (!exists('output_suffix')) output_suffix = ''
# gnuplot -e "preview='dumb size 120,40'" draws the figure on standard output instead. A text
# terminal draws a band's outline, not its fill, and cannot turn a label or dash a line:
# the preview leaves the bands and the grid out, writes each y label under its panel's
# title, and names the lines told apart only by their dashes in the key.
if (!exists('preview')) preview = ''
do for [format in (preview eq '' ? 'png svg' : 'preview')] {
if (format eq 'png') {
  set terminal pngcairo noenhanced size 880,680 font 'DejaVu Sans,10'
} else {
  if (format eq 'svg') {
    set terminal svg noenhanced size 880,680 font 'DejaVu Sans,10' background '#ffffff'
  } else {
    eval('set terminal '.preview)
  }
}
if (format eq 'preview') { set output } else { set output script_dir.'augmentation-examples.'.format.output_suffix }
set multiplot layout 5,2 title 'original (left), then five augmented versions: shift ≤ 2 px, rotation ≤ 10°, flip p = 0.5'
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'T-shirt/top'
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
set palette gray
unset key
unset tics
unset colorbox
unset border
set size ratio -1
set xrange [-0.5:172.5]
set yrange [27.5:-0.5]
plot data index 0 using 1:2:3 with image notitle
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'Trouser'
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
set palette gray
unset key
unset tics
unset colorbox
unset border
set size ratio -1
set xrange [-0.5:172.5]
set yrange [27.5:-0.5]
plot data index 1 using 1:2:3 with image notitle
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'Pullover'
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
set palette gray
unset key
unset tics
unset colorbox
unset border
set size ratio -1
set xrange [-0.5:172.5]
set yrange [27.5:-0.5]
plot data index 2 using 1:2:3 with image notitle
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'Dress'
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
set palette gray
unset key
unset tics
unset colorbox
unset border
set size ratio -1
set xrange [-0.5:172.5]
set yrange [27.5:-0.5]
plot data index 3 using 1:2:3 with image notitle
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'Coat'
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
set palette gray
unset key
unset tics
unset colorbox
unset border
set size ratio -1
set xrange [-0.5:172.5]
set yrange [27.5:-0.5]
plot data index 4 using 1:2:3 with image notitle
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'Sandal'
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
set palette gray
unset key
unset tics
unset colorbox
unset border
set size ratio -1
set xrange [-0.5:172.5]
set yrange [27.5:-0.5]
plot data index 5 using 1:2:3 with image notitle
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'Shirt'
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
set palette gray
unset key
unset tics
unset colorbox
unset border
set size ratio -1
set xrange [-0.5:172.5]
set yrange [27.5:-0.5]
plot data index 6 using 1:2:3 with image notitle
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'Sneaker'
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
set palette gray
unset key
unset tics
unset colorbox
unset border
set size ratio -1
set xrange [-0.5:172.5]
set yrange [27.5:-0.5]
plot data index 7 using 1:2:3 with image notitle
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'Bag'
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
set palette gray
unset key
unset tics
unset colorbox
unset border
set size ratio -1
set xrange [-0.5:172.5]
set yrange [27.5:-0.5]
plot data index 8 using 1:2:3 with image notitle
reset
if (format ne 'preview') { set grid lc rgb '#dddddd' }
set title 'Ankle boot'
set border 3
set tics out nomirror
set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1
set palette gray
unset key
unset tics
unset colorbox
unset border
set size ratio -1
set xrange [-0.5:172.5]
set yrange [27.5:-0.5]
plot data index 9 using 1:2:3 with image notitle
unset multiplot
set output
}
