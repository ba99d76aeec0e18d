#!/usr/bin/env python3
"""How close each lesson's committed full run came to the machine's arithmetic floor.

Every results file records its run's matrix-product arithmetic (`gemm_gflop`) and wall time
(`seconds`). This script measures the GEMM rate one core reaches while the other core does
the same (two `engine-benchmark --json` processes side by side, one BLAS thread each, as the
lessons run their seeds), then prints per lesson: the least time its products can take on
two such cores, and the share of its wall time that least time is.

    python3 benchmarks/floor.py                 # builds engine-benchmark in release mode first
    python3 benchmarks/floor.py --figures /tmp/my-run

A share near 1 means the lesson is as fast as its arithmetic allows on this machine: only
fewer products (a smaller experiment) or a faster GEMM kernel can make it faster.
"""
import argparse
import datetime
import glob
import json
import os
import statistics
import subprocess
import sys

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(here)
parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
parser.add_argument("--figures", default=os.path.join(root, "figures"), help="folder of <lesson>-results.json")
parser.add_argument("--epochs", type=int, default=3, help="timed epochs per benchmark cell (default 3)")
args = parser.parse_args()

results = []
for path in sorted(glob.glob(os.path.join(args.figures, "*-results.json"))):
    with open(path) as f:
        record = json.load(f)
    if not record.get("quick") and record.get("gemm_gflop"):
        results.append(record)
if not results:
    sys.exit(f"floor.py: no full-run results file with gemm_gflop in {args.figures}")

subprocess.run(["swift", "build", "-c", "release", "--product", "engine-benchmark"], cwd=root, check=True,
               stdout=sys.stderr)
binary = os.path.join(subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=root, check=True,
                                     capture_output=True, text=True).stdout.strip(), "engine-benchmark")
command = [binary, "--json", "--threads", "1", "--batch-sizes", "64,1024", "--epochs", str(args.epochs)]
workers = [subprocess.Popen(command, stdout=subprocess.PIPE, text=True) for _ in range(2)]
reports = [json.loads(worker.communicate()[0].strip().splitlines()[-1]) for worker in workers]
if any(worker.returncode != 0 for worker in workers):
    sys.exit("floor.py: engine-benchmark failed")
# The GEMM rate per core, each worker's floor (products timed alone) at each batch size.
rates = {}
for report in reports:
    for cell in report["cells"]:
        rates.setdefault(cell["batchSize"], []).append(cell["flopsPerEpoch"] / cell["gemmSeconds"] / 1e9)
rate_low = min(statistics.median(values) for values in rates.values())
rate_high = max(statistics.median(values) for values in rates.values())

kernel = results[0].get("blas_kernel", "?")
print(f"{datetime.date.today()}, {reports[0]['machine']}, {kernel}")
print("GEMM rate per core with both cores busy (medians of the two workers): "
      + ", ".join(f"batch {size}: {statistics.median(values):.0f} GFLOP/s" for size, values in sorted(rates.items())))
header = ["lesson", "wall s", "GEMM GFLOP", "floor s (2 cores)", "floor / wall"]
rows = []
total_seconds, total_floor = 0.0, [0.0, 0.0]
for record in sorted(results, key=lambda r: -r["seconds"]):
    floor = record["gemm_gflop"] / (2 * rate_high), record["gemm_gflop"] / (2 * rate_low)
    total_seconds += record["seconds"]
    total_floor = [total_floor[0] + floor[0], total_floor[1] + floor[1]]
    share = f"{floor[0] / record['seconds']:.2f}–{floor[1] / record['seconds']:.2f}" if record["seconds"] else "–"
    rows.append([record["lesson"], f"{record['seconds']:.0f}", f"{record['gemm_gflop']:.0f}",
                 f"{floor[0]:.0f}–{floor[1]:.0f}", share])
rows.append(["all lessons", f"{total_seconds:.0f}", f"{sum(r['gemm_gflop'] for r in results):.0f}",
             f"{total_floor[0]:.0f}–{total_floor[1]:.0f}",
             f"{total_floor[0] / total_seconds:.2f}–{total_floor[1] / total_seconds:.2f}"])
widths = [max(len(str(row[i])) for row in [header] + rows) for i in range(len(header))]
for row in [header] + rows:
    print("  ".join(str(cell).rjust(width) if i else str(cell).ljust(width) for i, (cell, width) in
                    enumerate(zip(row, widths))))
print("floor = GEMM GFLOP / (2 cores × the GEMM rate per core; the range spans the batch-64 and "
      "batch-1024 rates); floor / wall near 1: only less arithmetic or a faster kernel helps")
