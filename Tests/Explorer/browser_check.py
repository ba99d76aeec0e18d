#!/usr/bin/env python3
"""Checks the explorer's pages in headless Chromium, driven over the DevTools protocol on a
pipe (no network, no Python packages beyond the standard library).

    browser_check.py EXPLORER_FOLDER [--interact LESSON[:FIGURE] ...] [--screenshots FOLDER]

Every page of the folder must load with no console error and no failed resource. For each
lesson given with --interact (its figures need JSON descriptions; in FIGURE if named, else
in the first figure with a curve and a legend), with real mouse and
keyboard events: hovering over a curve's point shows that point's value, which must be a row
of the figure's .dat file; clicking a legend entry hides its series and clicking again shows
it; moving a slider with the arrow keys changes what is drawn (the faded series of a sweep,
or the setting the readout shows). With --screenshots, a PNG of each interacted page is saved
in that state. Prints one line per check; exits non-zero on the first failure.
"""
import argparse
import base64
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time


class Browser:
    """Chromium with --remote-debugging-pipe: commands on fd 3, replies and events on fd 4."""

    def __init__(self, executable):
        to_browser_read, self.to_browser = os.pipe()
        self.from_browser, from_browser_write = os.pipe()
        self.profile = tempfile.mkdtemp(prefix="explorer-chromium-")

        def use_pipes():
            # Copied out of the way first, as either end may itself be fd 3 or 4.
            reading, writing = os.dup(to_browser_read), os.dup(from_browser_write)
            os.dup2(reading, 3)
            os.dup2(writing, 4)

        self.process = subprocess.Popen(
            [executable, "--headless", "--disable-gpu", "--no-sandbox", "--remote-debugging-pipe",
             "--no-first-run", "--no-default-browser-check", "--disable-extensions",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={self.profile}", "about:blank"],
            pass_fds=(3, 4), preexec_fn=use_pipes,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_browser_read)
        os.close(from_browser_write)
        self.buffer = b""
        self.next_id = 0
        self.events = []
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log"):
            self.call(f"{domain}.enable", session=True)
        self.call("Emulation.setDeviceMetricsOverride",
                  {"width": 1400, "height": 1000, "deviceScaleFactor": 1, "mobile": False}, session=True)

    def read_message(self, deadline):
        while b"\0" not in self.buffer:
            if time.monotonic() > deadline:
                raise TimeoutError("Chromium did not answer")
            chunk = os.read(self.from_browser, 1 << 16)
            if not chunk:
                raise RuntimeError("Chromium closed the pipe")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def call(self, method, params=None, session=False):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = self.session
        os.write(self.to_browser, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + 60
        while True:
            reply = self.read_message(deadline)
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def wait_for(self, method, deadline_seconds=60):
        deadline = time.monotonic() + deadline_seconds
        while True:
            for index, event in enumerate(self.events):
                if event.get("method") == method:
                    return self.events.pop(index)
            self.events.append(self.read_message(deadline))

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True}, session=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression[:80]}…: {result['exceptionDetails']}")
        return result["result"].get("value")

    def open(self, path):
        self.events.clear()
        self.call("Page.navigate", {"url": pathlib.Path(path).resolve().as_uri()}, session=True)
        self.wait_for("Page.loadEventFired")
        self.evaluate("new Promise(requestAnimationFrame)")
        errors = []
        for event in self.events:
            method, params = event.get("method"), event.get("params", {})
            if method == "Runtime.exceptionThrown":
                errors.append(params["exceptionDetails"].get("exception", {}).get("description") or params["exceptionDetails"]["text"])
            elif method == "Runtime.consoleAPICalled" and params["type"] in ("error", "assert"):
                errors.append(" ".join(str(arg.get("value", arg.get("description"))) for arg in params["args"]))
            elif method == "Log.entryAdded" and params["entry"]["level"] == "error":
                errors.append(params["entry"]["text"] + " " + params["entry"].get("url", ""))
        return errors

    def mouse(self, kind, x, y):
        self.call("Input.dispatchMouseEvent", {"type": kind, "x": x, "y": y, "button": "left" if kind != "mouseMoved" else "none",
                                               "clickCount": 1 if kind != "mouseMoved" else 0}, session=True)

    def click(self, x, y):
        self.mouse("mouseMoved", x, y)
        self.mouse("mousePressed", x, y)
        self.mouse("mouseReleased", x, y)

    def key(self, name, code):
        for kind in ("rawKeyDown", "keyUp"):
            self.call("Input.dispatchKeyEvent", {"type": kind, "key": name, "code": name, "windowsVirtualKeyCode": code}, session=True)

    def screenshot(self, path):
        data = self.call("Page.captureScreenshot", {"format": "png"}, session=True)["data"]
        pathlib.Path(path).write_bytes(base64.b64decode(data))

    def close(self):
        try:
            self.call("Browser.close")
        except (RuntimeError, OSError, TimeoutError):
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        shutil.rmtree(self.profile, ignore_errors=True)


def data_rows(dat_path):
    """Every (x, y) pair of a figure's data file, as the numbers they are."""
    rows = set()
    for line in pathlib.Path(dat_path).read_text().splitlines():
        fields = line.split()
        if len(fields) >= 2 and not line.startswith("#"):
            try:
                rows.add((float(fields[0]), float(fields[1])))
            except ValueError:
                pass
    return rows


# The first panel (figure id, panel index) with a titled line of at least three points, and
# the screen position of that line's middle point; in the sections SECTIONS selects.
FIND_POINT = """(() => {
  for (const section of document.querySelectorAll(SECTIONS)) {
    const panels = section.querySelectorAll('.panel');
    for (let p = 0; p < panels.length; p++) {
      const legend = panels[p].querySelector('.legend-entry');
      for (const group of panels[p].querySelectorAll('g.series')) {
        const path = group.querySelector('path.line');
        if (!legend || !path) continue;
        const points = path.getAttribute('d').split(/[ML]/).filter(Boolean).map(v => v.split(',').map(Number));
        if (points.length < 3) continue;
        const [px, py] = points[Math.floor(points.length / 2)];
        const svg = path.ownerSVGElement, point = svg.createSVGPoint();
        point.x = px; point.y = py;
        const screen = point.matrixTransform(svg.getScreenCTM());
        return {figure: section.id, panel: p, series: Number(group.dataset.index), x: screen.x, y: screen.y};
      }
    }
  }
  return null;
})()"""


def check_lesson(browser, page, figure, figures, screenshots):
    point = browser.evaluate(FIND_POINT.replace("SECTIONS", f"'section#{figure}'" if figure else "'section.figure'"))
    if point is None:
        raise AssertionError(f"{page}: no interactive line panel")
    panel = f"document.getElementById('{point['figure']}').querySelectorAll('.panel')[{point['panel']}]"
    browser.evaluate(f"{panel}.scrollIntoView({{block: 'center'}})")
    in_figure = FIND_POINT.replace("SECTIONS", f"'section#{point['figure']}'")
    point = browser.evaluate(in_figure)
    browser.mouse("mouseMoved", point["x"], point["y"])
    readout = browser.evaluate(f"""(() => {{ const r = {panel}.querySelector('.readout');
        return {{x: Number(r.dataset.x), rows: [...r.querySelectorAll('.readout-row')].map(row => ({{series: Number(row.dataset.series), value: Number(row.dataset.value), text: row.textContent}}))}}; }})()""")
    row = next((r for r in readout["rows"] if r["series"] == point["series"]), None)
    if row is None:
        raise AssertionError(f"{page}: hovering over series {point['series']} showed no value for it: {readout}")
    if (readout["x"], row["value"]) not in data_rows(os.path.join(figures, point["figure"] + ".dat")):
        raise AssertionError(f"{page}: hover showed ({readout['x']}, {row['value']}), not a row of {point['figure']}.dat")
    print(f"ok   hover {point['figure']}: {row['text']} at x = {readout['x']} (a row of {point['figure']}.dat)")

    # The second legend entry (the first may be a curve a sweep never fades), where it is now.
    legend_entry = f"""(() => {{ const e = {panel}.querySelectorAll('.legend-entry');
        const b = e[Math.min(1, e.length - 1)].getBoundingClientRect(); return {{x: b.x + b.width / 2, y: b.y + b.height / 2}}; }})()"""
    entry = browser.evaluate(legend_entry)
    hidden = f"{panel}.querySelectorAll('g.series.hidden').length"
    browser.click(entry["x"], entry["y"])
    if browser.evaluate(hidden) == 0:
        raise AssertionError(f"{page}: clicking a legend entry hid nothing")
    browser.click(entry["x"], entry["y"])
    if browser.evaluate(hidden) != 0:
        raise AssertionError(f"{page}: a second click did not show the series again")
    print(f"ok   legend {point['figure']}: a click hides the series, a second click shows it")

    sliders = browser.evaluate("[...document.querySelectorAll('.slider input')].length")
    if sliders == 0:
        raise AssertionError(f"{page}: no slider")
    section = f"section#{point['figure']}"
    sweep = browser.evaluate(f"document.querySelector('{section} .slider.sweep input') !== null")
    selector = f"{section} .slider.sweep input" if sweep else f"{section} .slider.setting input"
    drawn = f"""(() => {{ const s = document.querySelector('{selector}'); const p = s.closest('.panel');
        return [...p.querySelectorAll('g.series')].map(g => g.getAttribute('class')).join('|') + '#' + p.querySelector('.readout').textContent; }})()"""
    before = browser.evaluate(drawn)
    browser.evaluate(f"document.querySelector('{selector}').closest('.panel').scrollIntoView({{block: 'center'}})")
    browser.evaluate(f"document.querySelector('{selector}').focus()")
    browser.key("ArrowRight", 39)
    after = browser.evaluate(drawn)
    if before == after:
        raise AssertionError(f"{page}: moving the {selector} slider changed nothing drawn")
    label = browser.evaluate(f"document.querySelector('{selector}').parentElement.textContent")
    print(f"ok   slider ({'sweep' if sweep else 'setting'}) on {page}: {label.strip()} changes what is drawn")
    if screenshots:
        # Shown in the state the checks leave (a slider moved), with a series hidden and a readout.
        browser.evaluate(f"{panel}.scrollIntoView({{block: 'start'}})")
        entry = browser.evaluate(legend_entry)
        browser.click(entry["x"], entry["y"])
        point = browser.evaluate(in_figure)
        browser.mouse("mouseMoved", point["x"], point["y"])
        name = os.path.join(screenshots, pathlib.Path(page).stem + ".png")
        browser.screenshot(name)
        print(f"ok   screenshot {name}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("explorer")
    parser.add_argument("--figures", help="the figures folder the explorer was written from (default: the explorer's parent, or ../figures for the package's explorer/)")
    parser.add_argument("--interact", nargs="*", default=[])
    parser.add_argument("--screenshots")
    parser.add_argument("--chromium", default=shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome"))
    arguments = parser.parse_args()
    if not arguments.chromium:
        sys.exit("browser_check.py: no chromium on PATH (apt-get install chromium)")
    explorer = pathlib.Path(arguments.explorer)
    package_explorer = (explorer.parent / "lessons").is_dir()
    figures = arguments.figures or str(explorer.parent / "figures" if package_explorer else explorer.parent)
    pages = sorted(explorer.glob("*.html"))
    if not pages:
        sys.exit(f"browser_check.py: no pages in {explorer}")
    browser = Browser(arguments.chromium)
    failed = False
    try:
        for page in pages:
            errors = browser.open(page)
            if errors:
                print(f"FAIL {page.name}: " + "; ".join(errors))
                failed = True
                continue
            print(f"ok   {page.name} loads with no console error")
            interact = dict((item.split(":") + [None])[:2] for item in arguments.interact)
            if page.stem in interact:
                try:
                    check_lesson(browser, page.name, interact[page.stem], figures, arguments.screenshots)
                except AssertionError as error:
                    print(f"FAIL {error}")
                    failed = True
    finally:
        browser.close()
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
