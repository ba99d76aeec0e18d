#!/usr/bin/env python3
"""Runs engine-benchmark and the same workload in NumPy, PyTorch and JAX (those installed),
on the same data and machine, and prints one table per OpenBLAS kernel with the ratio
engine/peer per cell, then the speed goals beside what was measured.

    python3 benchmarks/compare.py            # builds engine-benchmark in release mode first
    python3 benchmarks/compare.py --rounds 3 --threads 1 --kernels cpu
    python3 benchmarks/compare.py --threads 1 --save /tmp/a.json
    python3 benchmarks/compare.py --threads 1 --against /tmp/a.json   # how far the ratios moved

Built to hold on a shared machine. Every framework runs as one warm process per kernel and
thread count (`--serve`), and the processes take turns, round after round: each round
times one epoch of each, in turn, the order reversed every other round, and the engine's
process times its GEMM floor right beside its epoch (the floor first every other round).
So every ratio is taken between measurements seconds apart, under the same load, and a
cell is the median over rounds with its min–max. One-thread cells run pinned to one CPU
(every framework alike) and count processor time, which other processes taking turns on
that CPU do not inflate; cells with more threads count wall time.

Kernels: "environment" runs with the environment as it is; "cpu" removes OPENBLAS_CORETYPE
and OPENBLAS_L2_SIZE for the engine's and NumPy's processes only, so OpenBLAS picks the
kernel it would pick on this CPU. PyTorch and JAX do not use OpenBLAS and run once.
"""
import argparse
import datetime
import importlib.util
import json
import os
import statistics
import subprocess
import sys
import tempfile

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(here)
parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
parser.add_argument("--rounds", type=int, default=5, help="timed rounds (at least 3)")
parser.add_argument("--warmup", type=int, default=1, help="untimed epochs per process and batch size")
parser.add_argument("--threads", default="1,2")
parser.add_argument("--batch-sizes", default="64,1024")
parser.add_argument("--kernels", default="environment,cpu")
parser.add_argument("--save", metavar="PATH", help="write the ratios as JSON, for a later --against")
parser.add_argument("--against", metavar="PATH", help="compare every ratio with a run saved by --save")
args = parser.parse_args()
if not set(args.kernels.split(",")) <= {"environment", "cpu"}:
    parser.error(f"--kernels takes environment and/or cpu, comma-separated (got {args.kernels!r})")
for name, values in [("--threads", args.threads), ("--batch-sizes", args.batch_sizes)]:
    if not all(v.isdigit() and int(v) > 0 for v in values.split(",")):
        parser.error(f"{name} takes positive integers, comma-separated (got {values!r})")
if args.rounds < 3 or args.warmup < 0:
    parser.error("--rounds must be at least 3 and --warmup not negative")
if args.against and not os.path.exists(args.against):
    parser.error(f"--against {args.against}: no such file")

KERNEL_VARIABLES = ["OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"]
FLOOR_GOAL = 1.15
AGREEMENT = 0.10   # two runs' ratios should differ by at most this fraction
batch_sizes = [int(b) for b in args.batch_sizes.split(",")]
thread_counts = [int(t) for t in args.threads.split(",")]
kernels = args.kernels.split(",")
if not any(variable in os.environ for variable in KERNEL_VARIABLES) and "cpu" in kernels and "environment" in kernels:
    kernels.remove("environment")   # nothing forced: both would be the same run


def environment(kernel):
    env = dict(os.environ)
    if kernel == "cpu":
        for variable in KERNEL_VARIABLES:
            env.pop(variable, None)
    return env


class Worker:
    """One warm benchmark process that measures a round on request (its `--serve` mode)."""

    def __init__(self, name, kernel, command, threads):
        self.name, self.kernel = name, kernel
        pin = (lambda: os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})) if threads == 1 else None
        # Standard error to a file, not a pipe: a process that warns more than a pipe holds
        # would stop mid-round, waiting for a reader.
        self.errors = tempfile.TemporaryFile(mode="w+")
        self.process = subprocess.Popen(command, env=environment(kernel), preexec_fn=pin, text=True,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.errors)

    def answer(self):
        line = self.process.stdout.readline()
        if not line:
            self.process.wait()
            self.errors.seek(0)
            sys.exit(f"{self.name} stopped: {self.errors.read().strip().splitlines()[-1:]}")
        reply = json.loads(line)
        if "error" in reply:
            sys.exit(f"{self.name}: {reply['error']}")
        return reply

    def measure(self, batch, floor_first):
        self.process.stdin.write(f"{batch} {'floor-first' if floor_first else 'epoch-first'}\n")
        self.process.stdin.flush()
        return self.answer()

    def close(self):
        self.process.stdin.close()
        self.process.wait()


subprocess.run(["swift", "build", "-c", "release", "--product", "engine-benchmark"], cwd=root, check=True, stdout=sys.stderr)
binary = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=root, check=True,
                        capture_output=True, text=True).stdout.strip()
peers = [name for name in ["numpy", "torch", "jax"] if importlib.util.find_spec(name) is not None]
missing = [name for name in ["numpy", "torch", "jax"] if name not in peers]
common = ["--warmup", str(args.warmup), "--batch-sizes", args.batch_sizes]

# seconds[(framework, kernel, batch, threads)] and floors[(kernel, batch, threads)]: one entry
# per round. PyTorch and JAX run under the first kernel only (they do not use OpenBLAS).
seconds, floors, kernel_names, memory, machine = {}, {}, {}, 0.0, ""
for threads in thread_counts:
    workers = []
    for kernel in kernels:
        workers.append(Worker("engine", kernel, [os.path.join(binary, "engine-benchmark"), "--serve", "--threads", str(threads)]
                              + common, threads))
    for peer in peers:
        for kernel in (kernels if peer == "numpy" else kernels[:1]):
            workers.append(Worker(peer, kernel, [sys.executable, os.path.join(here, "reference.py"), "--framework", peer,
                                                 "--threads", str(threads), "--serve"] + common, threads))
    for worker in workers:
        ready = worker.answer()
        if worker.name == "engine":
            kernel_names[worker.kernel], machine = ready["blasKernel"], ready["machine"]
    for round_index in range(args.rounds):
        for batch in batch_sizes:
            for worker in (workers if round_index % 2 == 0 else reversed(workers)):
                reply = worker.measure(batch, floor_first=round_index % 2 == 1)
                seconds.setdefault((worker.name, worker.kernel, batch, threads), []).append(reply["seconds"])
                if worker.name == "engine":
                    floors.setdefault((worker.kernel, batch, threads), []).append(reply["floorSeconds"])
                    memory = max(memory, reply["peakResidentMegabytes"])
    for worker in workers:
        worker.close()


def peer_kernel(peer, kernel):
    return kernel if peer == "numpy" else kernels[0]


def ratios(kernel, batch, threads, peer):
    """Engine over peer (or over the floor), round by round: each pair measured back to back."""
    engine = seconds[("engine", kernel, batch, threads)]
    other = floors[(kernel, batch, threads)] if peer == "floor" else seconds[(peer, peer_kernel(peer, kernel), batch, threads)]
    return [mine / theirs for mine, theirs in zip(engine, other)]


def spread(values, digits):
    return f"{statistics.median(values):.{digits}f} ({min(values):.{digits}f}–{max(values):.{digits}f})"


def print_table(rows):
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for r in rows:
        print("  ".join(cell.rjust(width) for cell, width in zip(r, widths)))


print(f"{datetime.date.today().isoformat()}; {machine}; engine peak resident memory {memory:.0f} MB; "
      f"load average {os.getloadavg()[0]:.1f} at the end")
print("Seconds per epoch, 784→100→100→10, SGD lr 0.1, 60,000 Fashion-MNIST images; every cell the median of "
      f"{args.rounds} interleaved rounds (min–max); one thread: processor seconds, pinned; ratios < 1: the engine is faster")
goals = [["goal", "kernel", "batch", "target", "measured", "met"]]
saved = {}
for kernel in kernels:
    forced = os.environ.get("OPENBLAS_CORETYPE") if kernel == "environment" else None
    print(f"\nOpenBLAS kernel {kernel_names[kernel]}" + (f" (forced by OPENBLAS_CORETYPE={forced})" if forced else " (chosen for this CPU)")
          + ("; NumPy's own OpenBLAS likewise" if "numpy" in peers else ""))
    rows = [["batch", "threads", "engine s/epoch", "GEMM floor", "engine/floor"] + sum([[f"{p} s/epoch", f"engine/{p}"] for p in peers], [])]
    for threads in thread_counts:
        for batch in batch_sizes:
            row = [str(batch), str(threads), spread(seconds[("engine", kernel, batch, threads)], 3),
                   spread(floors[(kernel, batch, threads)], 3), spread(ratios(kernel, batch, threads, "floor"), 2)]
            for peer in ["floor"] + peers:
                ratio = statistics.median(ratios(kernel, batch, threads, peer))
                saved[f"{kernel_names[kernel]} batch {batch} threads {threads} engine/{peer}"] = ratio
                if threads == 1:
                    target, met = (f"≤ {FLOOR_GOAL:.2f}", ratio <= FLOOR_GOAL) if peer == "floor" else ("< 1", ratio < 1)
                    goals.append([f"engine/{'GEMM floor' if peer == 'floor' else peer}", kernel_names[kernel], str(batch), target,
                                  f"{ratio:.2f}", "yes" if met else "no"])
                if peer != "floor":
                    row += [spread(seconds[(peer, peer_kernel(peer, kernel), batch, threads)], 3),
                            spread(ratios(kernel, batch, threads, peer), 2)]
            rows.append(row)
    print_table(rows)
if len(goals) > 1:
    print("\nGoals (one thread, medians of the round-by-round ratios):")
    print_table(goals)
if missing:
    print(f"not installed, so not measured: {', '.join(missing)} (pip install {' '.join(missing)})")
if args.save:
    with open(args.save, "w") as f:
        json.dump(saved, f, indent=1, sort_keys=True)
if args.against:
    with open(args.against) as f:
        earlier = json.load(f)
    shared = [key for key in saved if key in earlier]
    rows = [["ratio", "earlier run", "this run", "change", f"within {AGREEMENT:.0%}"]]
    for key in shared:
        change = saved[key] / earlier[key] - 1
        rows.append([key, f"{earlier[key]:.3f}", f"{saved[key]:.3f}", f"{change:+.1%}", "yes" if abs(change) <= AGREEMENT else "no"])
    print(f"\nAgainst {args.against}:")
    print_table(rows)
    print(f"{sum(r[-1] == 'yes' for r in rows[1:])} of {len(shared)} ratios within {AGREEMENT:.0%}")
