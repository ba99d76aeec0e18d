// Draws a lesson's figures from their JSON descriptions (written by Plot beside each
// figure) as SVG, with a value readout on hover, legend entries that hide their series, and
// sliders along the figure's sweeps. Hand-written and dependency-free so that the pages work
// offline from the file system; regenerate-figures embeds the data in each page.
"use strict";

const svgNamespace = "http://www.w3.org/2000/svg";
const panelWidth = 600, panelHeight = 380;
const margin = { left: 66, right: 58, top: 30, bottom: 46 };

function element(name, attributes, parent, namespace = svgNamespace) {
  const node = namespace ? document.createElementNS(namespace, name) : document.createElement(name);
  for (const [key, value] of Object.entries(attributes || {})) node.setAttribute(key, value);
  if (parent) parent.appendChild(node);
  return node;
}

function html(name, attributes, parent, text) {
  const node = element(name, attributes, parent, null);
  if (text !== undefined) node.textContent = text;
  return node;
}

// Up to six significant digits: the data's own digits, without binary noise.
function formatted(value) {
  return value === null || value === undefined ? "–" : String(Number(value.toPrecision(6)));
}

// A map from data to pixels (and back) over `domain`, linear or logarithmic.
function makeScale(kind, domain, pixels) {
  const log = kind === "log";
  const t = (v) => (log ? Math.log10(v) : v);
  const [d0, d1] = [t(domain[0]), t(domain[1])];
  const span = d1 - d0 || 1;
  const map = (v) => pixels[0] + ((t(v) - d0) / span) * (pixels[1] - pixels[0]);
  map.invert = (p) => {
    const u = d0 + ((p - pixels[0]) / (pixels[1] - pixels[0])) * span;
    return log ? Math.pow(10, u) : u;
  };
  map.ticks = () => (log ? logTicks(domain) : linearTicks(domain));
  map.usable = (v) => v !== null && Number.isFinite(v) && (!log || v > 0);
  return map;
}

function linearTicks([low, high]) {
  const rough = (high - low) / 6 || 1;
  const power = Math.pow(10, Math.floor(Math.log10(rough)));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= rough);
  const ticks = [];
  for (let v = Math.ceil(low / step) * step; v <= high + step * 1e-9; v += step) ticks.push(Number(v.toPrecision(12)));
  return ticks;
}

function logTicks([low, high]) {
  if (!(low > 0 && Number.isFinite(high))) return [];
  const first = Math.floor(Math.log10(low)), last = Math.ceil(Math.log10(high));
  const every = Math.max(1, Math.ceil((last - first) / 8));
  const ticks = [];
  for (let e = first; e <= last; e += every) {
    for (const m of last - first <= 3 ? [1, 2, 5] : [1]) {
      const v = m * Math.pow(10, e);
      if (v >= low * (1 - 1e-9) && v <= high * (1 + 1e-9)) ticks.push(v);
    }
  }
  return ticks;
}

// The smallest and largest of the usable values; a loop, not Math.min(...values), since a
// per-iteration curve can outgrow the limit on a call's arguments.
function bounds(values, usable) {
  let low = Infinity, high = -Infinity;
  for (const v of values) if (usable(v)) { low = Math.min(low, v); high = Math.max(high, v); }
  return [low, high];
}

// The range the data covers (positive values only on a log axis), padded a little on linear axes.
function extent(values, kind, fixed) {
  if (fixed) return fixed;
  const [low, high] = bounds(values, (v) => v !== null && Number.isFinite(v) && (kind !== "log" || v > 0));
  if (low > high) return kind === "log" ? [1, 10] : [0, 1];
  if (kind === "log") return low === high ? [low / 2, high * 2] : [low, high];
  if (low === high) return [low - 1, high + 1];
  const pad = (high - low) * 0.04;
  return [low - pad, high + pad];
}

function pathThrough(xs, ys, x, y) {
  let d = "", open = false;
  xs.forEach((xv, i) => {
    if (!x.usable(xv) || !y.usable(ys[i])) { open = false; return; }
    d += (open ? "L" : "M") + x(xv).toFixed(1) + "," + y(ys[i]).toFixed(1);
    open = true;
  });
  return d;
}

// Viridis at five stops, as the gnuplot scripts colour scatter points.
function viridis(u) {
  const stops = [[68, 1, 84], [59, 82, 139], [33, 145, 140], [94, 201, 98], [253, 231, 37]];
  const p = Math.min(Math.max(u, 0), 1) * (stops.length - 1), i = Math.min(Math.floor(p), stops.length - 2), f = p - i;
  return "rgb(" + stops[i].map((c, k) => Math.round(c + f * (stops[i + 1][k] - c))).join(",") + ")";
}

// The legend name of a series: its own title, else that of the titled line of its colour
// (a dashed training curve or a band belongs to the solid curve of its setting).
function nameOf(panel, index) {
  const series = panel.series[index];
  if (series.title) return series.title;
  const owner = panel.series.find((s) => s.title && s.color === series.color && s.kind === "line");
  return owner ? owner.title : null;
}

function drawPanel(panel, parent) {
  const box = html("div", { class: "panel" }, parent);
  if (panel.title) html("div", { class: "panel-title" }, box, panel.title);
  const svg = element("svg", { viewBox: `0 0 ${panelWidth} ${panelHeight}`, class: "plot" }, box);
  // Named y ticks (a forest plot's rows) replace the numbers and need room for their text.
  const named = panel.yTicks || [];
  const left = Math.max(margin.left, 12 + 6.5 * Math.max(0, ...named.map((tick) => tick.label.length)));
  const plotArea = { left, right: panelWidth - margin.right, top: margin.top, bottom: panelHeight - margin.bottom };
  const bars = panel.series.filter((s) => s.kind === "bars");
  const categorical = bars.length > 0;
  const onAxis = (second) => panel.series.filter((s) => s.secondAxis === second);
  const yValues = (list) => list.flatMap((s) => s.kind === "band" ? s.lower.concat(s.upper) : s.kind === "bars" ? s.values.concat([0]) : s.kind === "histogram" ? s.y.concat([0]) : s.y || []);
  const xValues = panel.series.flatMap((s) => (s.kind === "histogram" ? s.x.flatMap((c) => [c - s.width / 2, c + s.width / 2]) : s.x || []));
  const labels = categorical ? bars[0].labels : [];
  const x = categorical ? makeScale("linear", [-0.6, labels.length - 0.4], [plotArea.left, plotArea.right])
    : makeScale(panel.xScale, extent(xValues, panel.xScale, panel.xRange), [plotArea.left, plotArea.right]);
  const y = makeScale(panel.yScale, extent(yValues(onAxis(false)), panel.yScale, panel.yRange), [plotArea.bottom, plotArea.top]);
  const hasSecond = onAxis(true).length > 0;
  const y2 = hasSecond ? makeScale(panel.y2Scale, extent(yValues(onAxis(true)), panel.y2Scale, panel.y2Range), [plotArea.bottom, plotArea.top]) : null;
  const yOf = (series) => (series.secondAxis ? y2 : y);

  const axes = element("g", { class: "axes" }, svg);
  const yTicks = named.length ? named.map((tick) => [tick.y, tick.label]) : y.ticks().map((v) => [v, formatted(v)]);
  for (const [v, text] of yTicks) {
    const py = y(v);
    element("line", { x1: plotArea.left, x2: plotArea.right, y1: py, y2: py, class: "grid" }, axes);
    element("text", { x: plotArea.left - 6, y: py + 4, "text-anchor": "end" }, axes).textContent = text;
  }
  if (y2) for (const v of y2.ticks()) element("text", { x: plotArea.right + 6, y: y2(v) + 4 }, axes).textContent = formatted(v);
  const xTicks = categorical ? labels.map((_, i) => i) : x.ticks();
  for (const v of xTicks) {
    const px = x(v);
    if (!categorical) element("line", { x1: px, x2: px, y1: plotArea.top, y2: plotArea.bottom, class: "grid" }, axes);
    element("text", { x: px, y: plotArea.bottom + 16, "text-anchor": "middle" }, axes).textContent = categorical ? labels[v] : formatted(v);
  }
  element("path", { d: `M${plotArea.left},${plotArea.top}V${plotArea.bottom}H${plotArea.right}`, class: "border" }, axes);
  if (panel.xLabel) element("text", { x: (plotArea.left + plotArea.right) / 2, y: panelHeight - 8, "text-anchor": "middle", class: "label" }, axes).textContent = panel.xLabel;
  if (panel.yLabel) element("text", { transform: `translate(14,${(plotArea.top + plotArea.bottom) / 2}) rotate(-90)`, "text-anchor": "middle", class: "label" }, axes).textContent = panel.yLabel;
  if (panel.y2Label) element("text", { transform: `translate(${panelWidth - 10},${(plotArea.top + plotArea.bottom) / 2}) rotate(90)`, "text-anchor": "middle", class: "label" }, axes).textContent = panel.y2Label;

  const clip = "clip" + Math.random().toString(36).slice(2);
  element("rect", { x: plotArea.left, y: plotArea.top, width: plotArea.right - plotArea.left, height: plotArea.bottom - plotArea.top }, element("clipPath", { id: clip }, svg));
  const drawing = element("g", { "clip-path": `url(#${clip})` }, svg);
  const order = (s) => (s.kind === "band" || s.kind === "bars" || s.kind === "histogram" ? 0 : 1);
  const groups = [];
  panel.series.map((s, i) => i).sort((a, b) => order(panel.series[a]) - order(panel.series[b])).forEach((index) => {
    const s = panel.series[index], sy = yOf(s);
    const group = element("g", { class: "series", "data-index": index }, drawing);
    groups[index] = group;
    if (s.kind === "line") {
      if (s.style !== "points") element("path", { d: pathThrough(s.x, s.y, x, sy), stroke: s.color, class: "line" + (s.style === "dashed" ? " dashed" : "") }, group);
      if (s.style === "points" || s.style === "linesPoints") s.x.forEach((xv, i) => {
        if (x.usable(xv) && sy.usable(s.y[i])) element("circle", { cx: x(xv), cy: sy(s.y[i]), r: 3, fill: s.color }, group);
      });
    } else if (s.kind === "band") {
      const upper = pathThrough(s.x, s.upper, x, sy), lower = pathThrough(s.x.slice().reverse(), s.lower.slice().reverse(), x, sy);
      if (upper && lower) element("path", { d: upper + "L" + lower.slice(1) + "Z", fill: s.color, class: "band" }, group);
    } else if (s.kind === "bars") {
      const width = 0.8 / bars.length, offset = (bars.indexOf(s) - (bars.length - 1) / 2) * width;
      s.values.forEach((v, i) => {
        if (!sy.usable(v)) return;
        const left = x(i + offset - width / 2), top = sy(Math.max(v, 0));
        const rect = element("rect", { x: left, y: top, width: x(i + offset + width / 2) - left, height: Math.abs(sy(0) - sy(v)), fill: s.color, class: "bar" }, group);
        rect.dataset.readout = `${s.title ? s.title + ", " : ""}${labels[i]}: ${formatted(v)}`;
      });
    } else if (s.kind === "histogram") {
      s.x.forEach((c, i) => {
        const left = x(c - s.width / 2);
        element("rect", { x: left, y: sy(s.y[i]), width: Math.max(x(c + s.width / 2) - left, 0.5), height: sy(0) - sy(s.y[i]), fill: s.color, class: "histogram" }, group);
      });
    } else if (s.kind === "scatter") {
      const [low, high] = bounds(s.values, (v) => v !== null && Number.isFinite(v));
      s.x.forEach((xv, i) => {
        if (!x.usable(xv) || !sy.usable(s.y[i])) return;
        const point = element("circle", { cx: x(xv), cy: sy(s.y[i]), r: 4, fill: viridis((s.values[i] - low) / (high - low || 1)), class: "scatter" }, group);
        point.dataset.readout = `${panel.xLabel || "x"} ${formatted(xv)}, ${panel.yLabel || "y"} ${formatted(s.y[i])}: ${s.valueLabel} ${formatted(s.values[i])}`;
      });
    }
  });
  panel.markers.forEach((marker, index) => {
    element("line", { x1: x(marker.x), x2: x(marker.x), y1: plotArea.top, y2: plotArea.bottom, class: "marker" }, drawing);
    // Labels step down from the top, as in the PNGs, so that neighbouring markers stay readable.
    element("text", { x: x(marker.x) + 4, y: plotArea.top + 12 + 14 * (index % 4), class: "marker-label" }, svg).textContent = marker.label;
  });

  const hidden = new Set();
  const faded = new Set();
  const refresh = () => panel.series.forEach((_, i) => {
    groups[i].classList.toggle("hidden", hidden.has(i));
    groups[i].classList.toggle("faded", faded.has(i));
  });
  if (panel.legend !== "hidden") drawLegend(panel, box, hidden, refresh);
  const readout = html("div", { class: "readout" }, box);
  const cursor = element("g", { class: "cursor" }, svg);
  const lines = panel.series.map((s, i) => i).filter((i) => panel.series[i].kind === "line");
  const distinctX = [...new Set(lines.flatMap((i) => panel.series[i].x).filter((v) => x.usable(v)))].sort((a, b) => a - b);

  let settingSlider = null;  // made below, moved along by the readout
  // Every shown line's value (not hidden, not faded by a sweep) at the data x nearest to `wanted`, with the spread of the band
  // of its colour that encloses it: mean ± std on linear axes, ×÷ factor on log axes.
  const showAt = (wanted) => {
    const visible = lines.filter((i) => !hidden.has(i) && !faded.has(i));
    if (visible.length === 0 || distinctX.length === 0) return;
    const at = distinctX.reduce((best, v) => (Math.abs(x(v) - x(wanted)) < Math.abs(x(best) - x(wanted)) ? v : best));
    cursor.replaceChildren();
    readout.replaceChildren();
    readout.dataset.x = at;
    if (settingSlider) settingSlider.show(distinctX.indexOf(at));
    html("div", { class: "readout-x" }, readout, `${panel.xLabel || "x"} = ${formatted(at)}`);
    element("line", { x1: x(at), x2: x(at), y1: plotArea.top, y2: plotArea.bottom, class: "cursor-line" }, cursor);
    for (const i of visible) {
      const s = panel.series[i], k = s.x.indexOf(at), sy = yOf(s);
      if (k < 0 || !sy.usable(s.y[k])) continue;
      element("circle", { cx: x(at), cy: sy(s.y[k]), r: 4, fill: s.color, class: "cursor-dot" }, cursor);
      const row = html("div", { class: "readout-row" }, readout);
      row.dataset.series = i;
      row.dataset.value = s.y[k];
      html("span", { class: "swatch", style: `background:${s.color}` }, row);
      html("span", {}, row, `${nameOf(panel, i) || "value"}${s.style === "dashed" && !s.title ? " (dashed)" : ""}: ${formatted(s.y[k])}${spread(panel, s, at, s.y[k])}`);
    }
  };
  const overPlot = (event) => {
    const point = svg.createSVGPoint();
    point.x = event.clientX; point.y = event.clientY;
    return point.matrixTransform(svg.getScreenCTM().inverse());
  };
  svg.addEventListener("mousemove", (event) => {
    const target = event.target.dataset && event.target.dataset.readout;
    if (target) { readout.replaceChildren(); html("div", { class: "readout-row" }, readout, target); return; }
    const p = overPlot(event);
    if (p.x >= plotArea.left && p.x <= plotArea.right && !categorical) showAt(x.invert(p.x));
  });

  const controls = html("div", { class: "controls" }, box);
  settingSlider = distinctX.length > 1 && distinctX.length <= 200
    ? addSlider(controls, `${panel.xLabel || "x"}`, distinctX.map(formatted), "setting", (position) => showAt(distinctX[position]))
    : null;
  for (const sweep of panel.sweeps) {
    const names = ["all"].concat(sweep.values.map((v) => sweep.name.replace("#", formatted(v))));
    addSlider(controls, "sweep", names, "sweep", (position) => {
      faded.clear();
      if (position > 0) sweep.series.forEach((members, k) => { if (k !== position - 1) for (const i of linkedTo(panel, members)) faded.add(i); });
      refresh();
      // The readout follows: faded series keep their values, so it is refreshed, not cleared.
      if (readout.dataset.x) showAt(Number(readout.dataset.x));
    });
  }
}

// A band's spread around `value` at `at`, from the band of the series' colour that holds it.
function spread(panel, series, at, value) {
  for (const band of panel.series.filter((s) => s.kind === "band" && s.color === series.color && s.secondAxis === series.secondAxis)) {
    const k = band.x.indexOf(at);
    if (k < 0 || band.lower[k] === null || band.upper[k] === null) continue;
    const low = band.lower[k], high = band.upper[k];
    if (value < low - 1e-9 * Math.abs(low) || value > high + 1e-9 * Math.abs(high)) continue;
    return panel.yScale === "log" && low > 0 ? ` ×÷ ${formatted(Math.sqrt(high / low))}` : ` ± ${formatted((high - low) / 2)}`;
  }
  return "";
}

// The series drawn with `members`: themselves, and the untitled bands and curves of their colours.
function linkedTo(panel, members) {
  const colors = new Set(members.map((i) => panel.series[i].color));
  return panel.series.map((_, i) => i).filter((i) => members.includes(i) || (!panel.series[i].title && colors.has(panel.series[i].color)));
}

function drawLegend(panel, box, hidden, refresh) {
  const legend = html("div", { class: "legend" }, box);
  const seen = new Map();
  panel.series.forEach((s, i) => {
    if (!s.title) return;
    const key = s.title + s.color;
    if (!seen.has(key)) seen.set(key, []);
    seen.get(key).push(i);
  });
  for (const members of seen.values()) {
    const first = panel.series[members[0]];
    const entry = html("button", { class: "legend-entry", type: "button", title: "click to hide or show" }, legend);
    html("span", { class: "swatch" + (first.style === "dashed" ? " dashed" : ""), style: `background:${first.color}` }, entry);
    html("span", {}, entry, first.title);
    entry.addEventListener("click", () => {
      const off = !entry.classList.contains("off");
      entry.classList.toggle("off", off);
      for (const i of linkedTo(panel, members)) (off ? hidden.add(i) : hidden.delete(i));
      refresh();
    });
  }
}

function addSlider(parent, label, names, kind, onChange) {
  const row = html("label", { class: "slider " + kind }, parent);
  html("span", { class: "slider-label" }, row, label + " ");
  const input = html("input", { type: "range", min: 0, max: names.length - 1, step: 1, value: 0 }, row);
  const value = html("output", {}, row, names[0]);
  input.addEventListener("input", () => {
    value.textContent = names[Number(input.value)];
    onChange(Number(input.value));
  });
  // Moves the slider without calling back (the readout moved it, e.g. on hover).
  return { show: (position) => { input.value = position; value.textContent = names[position]; } };
}

function showLesson(lesson) {
  const main = document.getElementById("figures");
  for (const figure of lesson.figures) {
    const section = html("section", { class: "figure", id: figure.name }, main);
    html("h2", {}, section, figure.title || figure.name);
    if (figure.shown !== "drawn") {
      html("p", { class: "note" }, section, figure.shown === "picture" ? "A picture (images, contours or a colour map): shown as rendered."
        : "No figure description yet (regenerate this lesson to get one): the rendered image.");
      html("img", { src: figure.png, alt: figure.title || figure.name, class: "static" }, section);
      continue;
    }
    const grid = html("div", { class: "panels" }, section);
    grid.style.gridTemplateColumns = `repeat(${figure.description.columns}, minmax(0, 1fr))`;
    grid.style.maxWidth = `${figure.description.columns * (panelWidth + 40)}px`;
    for (const panel of figure.description.panels) drawPanel(panel, grid);
  }
}
