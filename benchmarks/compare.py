#!/usr/bin/env python3
"""Runs engine-benchmark and the same workload in NumPy, PyTorch and JAX (those installed),
on the same data and machine, and prints one table per OpenBLAS kernel with the ratio
engine/peer per cell, then the speed goals beside what was measured.

    python3 benchmarks/compare.py            # builds engine-benchmark in release mode first
    python3 benchmarks/compare.py --epochs 3 --threads 1 --kernels cpu

Kernels: "environment" runs with the environment as it is; "cpu" removes OPENBLAS_CORETYPE
and OPENBLAS_L2_SIZE for the engine's and NumPy's processes only, so OpenBLAS picks the
kernel it would pick on this CPU. PyTorch and JAX do not use OpenBLAS and run once.
One-thread cells run pinned to one CPU (every framework alike).
"""
import argparse
import datetime
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
parser.add_argument("--kernels", default="environment,cpu")
args = parser.parse_args()
if not set(args.kernels.split(",")) <= {"environment", "cpu"}:
    parser.error(f"--kernels takes environment and/or cpu, comma-separated (got {args.kernels!r})")
for name, values in [("--threads", args.threads), ("--batch-sizes", args.batch_sizes)]:
    if not all(v.isdigit() and int(v) > 0 for v in values.split(",")):
        parser.error(f"{name} takes positive integers, comma-separated (got {values!r})")
if args.epochs < 1 or args.warmup < 0:
    parser.error("--epochs must be at least 1 and --warmup not negative")

KERNEL_VARIABLES = ["OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"]
FLOOR_GOAL = 1.15
common = ["--epochs", str(args.epochs), "--warmup", str(args.warmup), "--batch-sizes", args.batch_sizes]
thread_counts = args.threads.split(",")
kernels = args.kernels.split(",")
if not any(variable in os.environ for variable in KERNEL_VARIABLES) and "cpu" in kernels and "environment" in kernels:
    kernels.remove("environment")   # nothing forced: both would be the same run


def environment(kernel):
    env = dict(os.environ)
    if kernel == "cpu":
        for variable in KERNEL_VARIABLES:
            env.pop(variable, None)
    return env


def run(command, kernel, threads):
    pin = (lambda: os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})) if threads == "1" else None
    return subprocess.run(command, env=environment(kernel), preexec_fn=pin, capture_output=True, text=True)


subprocess.run(["swift", "build", "-c", "release", "--product", "engine-benchmark"], cwd=root, check=True, stdout=sys.stderr)
binary = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=root, check=True,
                        capture_output=True, text=True).stdout.strip()

# One process per thread count, for the engine as for the peers: an OpenBLAS pool switched
# from one thread back to two in the same process wakes its sleeping helper on every call.
results, floors, kernel_names, memory, machine = {}, {}, {}, 0.0, ""
for kernel in kernels:
    for threads in thread_counts:
        engine_run = run([os.path.join(binary, "engine-benchmark"), "--json", "--threads", threads] + common, kernel, threads)
        if engine_run.returncode != 0:
            sys.exit(f"engine-benchmark failed: {engine_run.stderr.strip()}")
        engine = json.loads(engine_run.stdout)
        kernel_names[kernel] = engine["blasKernel"]
        machine = engine["machine"]
        memory = max(memory, engine["peakResidentMegabytes"])
        for c in engine["cells"]:
            results[("engine", kernel, c["batchSize"], c["threads"])] = c["medianSeconds"]
            floors[(kernel, c["batchSize"], c["threads"])] = c["gemmSeconds"]

peers = [name for name in ["numpy", "torch", "jax"] if importlib.util.find_spec(name) is not None]
missing = [name for name in ["numpy", "torch", "jax"] if name not in peers]
for peer in peers:
    for kernel in (kernels if peer == "numpy" else kernels[:1]):
        for threads in thread_counts:
            peer_run = run([sys.executable, os.path.join(here, "reference.py"), "--framework", peer, "--threads", threads,
                            "--json"] + common, kernel, threads)
            if peer_run.returncode != 0:
                print(f"{peer} with {threads} thread(s) failed: {peer_run.stderr.strip().splitlines()[-1:]}")
                continue
            for cell in json.loads(peer_run.stdout)["cells"]:
                for shown in (kernels if peer != "numpy" else [kernel]):
                    results[(peer, shown, cell["batchSize"], cell["threads"])] = cell["medianSeconds"]


def print_table(rows):
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for r in rows:
        print("  ".join(cell.rjust(width) for cell, width in zip(r, widths)))


print(f"{datetime.date.today().isoformat()}; {machine}; engine peak resident memory {memory:.0f} MB")
print("Median seconds per epoch, 784→100→100→10, SGD lr 0.1, 60,000 Fashion-MNIST images (ratios < 1: the engine is faster)")
goals = [["goal", "kernel", "batch", "target", "measured", "met"]]
for kernel in kernels:
    forced = os.environ.get("OPENBLAS_CORETYPE") if kernel == "environment" else None
    print(f"\nOpenBLAS kernel {kernel_names[kernel]}" + (f" (forced by OPENBLAS_CORETYPE={forced})" if forced else " (chosen for this CPU)")
          + ("; NumPy's own OpenBLAS likewise" if "numpy" in peers else ""))
    rows = [["batch", "threads", "engine s/epoch", "GEMM floor", "engine/floor"] + sum([[f"{p} s/epoch", f"engine/{p}"] for p in peers], [])]
    for (k, batch, threads), floor in sorted(floors.items(), key=lambda item: (item[0][2], item[0][1])):
        if k != kernel:
            continue
        mine = results[("engine", kernel, batch, threads)]
        row = [str(batch), str(threads), f"{mine:.3f}", f"{floor:.3f}", f"{mine / floor:.2f}"]
        for peer in peers:
            theirs = results.get((peer, kernel, batch, threads))
            row += [f"{theirs:.3f}" if theirs else "–", f"{mine / theirs:.2f}" if theirs else "–"]
        rows.append(row)
        if threads == 1:
            goals.append(["engine/GEMM floor", kernel_names[kernel], str(batch), f"≤ {FLOOR_GOAL:.2f}", f"{mine / floor:.2f}",
                          "yes" if mine / floor <= FLOOR_GOAL else "no"])
            for peer in peers:
                theirs = results.get((peer, kernel, batch, threads))
                if theirs:
                    goals.append([f"engine/{peer}", kernel_names[kernel], str(batch), "< 1", f"{mine / theirs:.2f}",
                                  "yes" if mine < theirs else "no"])
    print_table(rows)
print("\nGoals (one thread):")
print_table(goals)
if missing:
    print(f"not installed, so not measured: {', '.join(missing)} (pip install {' '.join(missing)})")
