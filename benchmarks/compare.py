#!/usr/bin/env python3
"""Runs engine-benchmark and the same workload in NumPy, PyTorch and JAX (those installed),
on the same data and machine, and prints one table with the ratio engine/peer per cell.

    python3 benchmarks/compare.py            # builds engine-benchmark in release mode first
    python3 benchmarks/compare.py --epochs 3 --threads 1
"""
import argparse
import importlib.util
import json
import os
import subprocess
import sys

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(here)
parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
parser.add_argument("--epochs", type=int, default=5)
parser.add_argument("--warmup", type=int, default=1)
parser.add_argument("--threads", default="1,2")
parser.add_argument("--batch-sizes", default="64,1024")
args = parser.parse_args()

common = ["--epochs", str(args.epochs), "--warmup", str(args.warmup), "--batch-sizes", args.batch_sizes]
subprocess.run(["swift", "build", "-c", "release", "--product", "engine-benchmark"], cwd=root, check=True)
binary = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=root, check=True,
                        capture_output=True, text=True).stdout.strip()
# One process per thread count, for the engine as for the peers: an OpenBLAS pool switched
# from one thread back to two in the same process wakes its sleeping helper on every call.
results, floors, memory = {}, {}, 0.0
for threads in args.threads.split(","):
    engine = json.loads(subprocess.run([os.path.join(binary, "engine-benchmark"), "--json", "--threads", threads] + common,
                                       check=True, capture_output=True, text=True).stdout)
    for c in engine["cells"]:
        results[("engine", c["batchSize"], c["threads"])] = c["medianSeconds"]
        floors[(c["batchSize"], c["threads"])] = c["gemmSeconds"]
    memory = max(memory, engine["peakResidentMegabytes"])

peers = [name for name in ["numpy", "torch", "jax"] if importlib.util.find_spec(name) is not None]
missing = [name for name in ["numpy", "torch", "jax"] if name not in peers]
for peer in peers:
    for threads in args.threads.split(","):
        run = subprocess.run([sys.executable, os.path.join(here, "reference.py"), "--framework", peer, "--threads", threads,
                              "--json"] + common, capture_output=True, text=True)
        if run.returncode != 0:
            print(f"{peer} with {threads} thread(s) failed: {run.stderr.strip().splitlines()[-1:]}")
            continue
        for cell in json.loads(run.stdout)["cells"]:
            results[(peer, cell["batchSize"], cell["threads"])] = cell["medianSeconds"]

header = ["batch", "threads", "engine s/epoch", "GEMM floor", "engine/floor"]
for peer in peers:
    header += [f"{peer} s/epoch", f"engine/{peer}"]
rows = []
for (batch, threads), floor in sorted(floors.items(), key=lambda item: (item[0][1], item[0][0])):
    mine = results[("engine", batch, threads)]
    row = [str(batch), str(threads), f"{mine:.3f}", f"{floor:.3f}", f"{mine / floor:.2f}"]
    for peer in peers:
        theirs = results.get((peer, batch, threads))
        row += [f"{theirs:.3f}" if theirs else "–", f"{mine / theirs:.2f}" if theirs else "–"]
    rows.append(row)
widths = [max(len(r[i]) for r in [header] + rows) for i in range(len(header))]
print("Median seconds per epoch, 784→100→100→10, SGD lr 0.1, 60,000 Fashion-MNIST images (ratios < 1: the engine is faster)")
for r in [header] + rows:
    print("  ".join(cell.rjust(width) for cell, width in zip(r, widths)))
print(f"engine peak resident memory: {memory:.0f} MB; machine: {engine['machine']}")
if missing:
    print(f"not installed, so not measured: {', '.join(missing)} (pip install {' '.join(missing)})")
