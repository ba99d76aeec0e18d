#!/usr/bin/env python3
"""Every lesson's full run as users type it (`swift run lesson-X`, a debug build) beside a
release build, one after the other on the same machine, with the check that both wrote
byte-identical data.

    python3 benchmarks/as-typed.py                   # every lesson, full runs (about 20 min on 2 cores)
    python3 benchmarks/as-typed.py --lessons adam,l2 --quick

Runs use `--no-render` (gnuplot's time is the same in both builds) and a scratch folder.
"""
import argparse
import datetime
import filecmp
import json
import os
import subprocess
import sys
import tempfile
import time

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(here)
parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
parser.add_argument("--lessons", help="comma-separated lesson names (default: all, in the lecture's order)")
parser.add_argument("--quick", action="store_true", help="pass --quick to every lesson")
args = parser.parse_args()


def registry():
    folders = os.path.join(root, "lessons")
    entries = []
    for name in os.listdir(folders):
        path = os.path.join(folders, name, "lesson.json")
        if os.path.exists(path):
            with open(path) as f:
                entries.append((json.load(f)["order"], name))
    return [name for _, name in sorted(entries)]


def binary_folder(configuration):
    subprocess.run(["swift", "build", "-c", configuration], cwd=root, check=True, stdout=sys.stderr)
    return subprocess.run(["swift", "build", "-c", configuration, "--show-bin-path"], cwd=root, check=True,
                          capture_output=True, text=True).stdout.strip()


lessons = args.lessons.split(",") if args.lessons else registry()
unknown = [name for name in lessons if name not in registry()]
if unknown:
    parser.error(f"no such lesson: {', '.join(unknown)} (lessons: {', '.join(registry())})")
folders = {configuration: binary_folder(configuration) for configuration in ["debug", "release"]}
scratch = tempfile.mkdtemp(prefix="as-typed-")
rows = [["lesson", "debug (as typed) s", "release s", "debug/release", "same data"]]
ratios = []
for lesson in lessons:
    seconds = {}
    for configuration in ["debug", "release"]:
        output = os.path.join(scratch, configuration, lesson)
        command = [os.path.join(folders[configuration], f"lesson-{lesson}"), "--no-render", "--quiet", "--output", output]
        start = time.perf_counter()
        run = subprocess.run(command + (["--quick"] if args.quick else []), capture_output=True, text=True)
        seconds[configuration] = time.perf_counter() - start
        if run.returncode != 0:
            sys.exit(f"lesson-{lesson} ({configuration}) failed: {run.stderr.strip()}")
    debug_folder, release_folder = (os.path.join(scratch, c, lesson) for c in ["debug", "release"])
    data = sorted(f for f in os.listdir(release_folder) if f.endswith(".dat"))
    _, mismatch, errors = filecmp.cmpfiles(debug_folder, release_folder, data, shallow=False)
    ratio = seconds["debug"] / seconds["release"]
    if seconds["release"] >= 1:   # below a second the ratio measures start-up, not training
        ratios.append(ratio)
    rows.append([lesson, f"{seconds['debug']:.1f}", f"{seconds['release']:.1f}",
                 f"{ratio:.2f}" if seconds["release"] >= 1 else "(start-up)",
                 "yes" if not mismatch and not errors else "NO: " + ", ".join(mismatch + errors)])
    print(f"{lesson}: debug {seconds['debug']:.1f} s, release {seconds['release']:.1f} s", file=sys.stderr, flush=True)

widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
print(f"{datetime.date.today().isoformat()}, {os.cpu_count()} cores, {'quick' if args.quick else 'full'} runs, --no-render, seconds of wall time")
for r in rows:
    print("  ".join([r[0].ljust(widths[0])] + [cell.rjust(width) for cell, width in zip(r[1:], widths[1:])]))
if ratios:
    print(f"debug/release over the lessons that run a second or more: {min(ratios):.2f}–{max(ratios):.2f}")
