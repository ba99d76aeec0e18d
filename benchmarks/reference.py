#!/usr/bin/env python3
"""The engine benchmark's reference workload in NumPy, PyTorch or JAX, each written the
fastest idiomatic way a practitioner would (benchmarks/README.md says what was tried).

MLP 784→100→100→10 with ReLU, softmax cross-entropy, plain SGD with learning rate 0.1, on
the 60,000 Fashion-MNIST training images shuffled every epoch (the last, partial batch
included, as the engine does). Prints the median seconds per epoch after warm-up epochs,
like `engine-benchmark`: with one thread the processor time of the process (other processes
taking turns on the CPU do not count), with more the wall time. The thread count must be fixed before the libraries load, so run
one process per thread count (compare.py does).

- NumPy: the images as one float32 array, a fancy-indexed gather per batch, the forward
  and backward passes written out (NumPy has no autograd). Writing them with `out=` buffers
  and in-place updates measured no faster.
- PyTorch: eager `nn.Sequential` + `optim.SGD`, gradients set to None. `torch.compile` of
  the step measured slower on this CPU workload (graph breaks around the optimizer).
- JAX: the whole epoch is one jit-compiled function: the permutation is drawn on the
  device and a `lax.scan` runs every full batch, so Python is not in the loop.

    python3 benchmarks/reference.py --framework numpy --threads 1
"""
import argparse
import os
import sys

parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
parser.add_argument("--framework", choices=["numpy", "torch", "jax"], required=True)
parser.add_argument("--threads", type=int, default=1)
parser.add_argument("--batch-sizes", default="64,1024")
parser.add_argument("--epochs", type=int, default=5)
parser.add_argument("--warmup", type=int, default=1)
parser.add_argument("--data", default=os.environ.get("TRAINING_LAB_DATA", "/usr/share/datasets/fashion-mnist"))
parser.add_argument("--json", action="store_true")
parser.add_argument("--serve", action="store_true",
                    help="measure one epoch per batch size read from standard input, one JSON line each (for compare.py)")
args = parser.parse_args()

# Thread limits take effect only if set before the numeric libraries are imported.
for variable in ["OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"]:
    os.environ[variable] = str(args.threads)
os.environ["XLA_FLAGS"] = f"--xla_cpu_multi_thread_eigen={'true' if args.threads > 1 else 'false'} intra_op_parallelism_threads={args.threads}"

import gzip
import json
import statistics
import struct
import time

import numpy as np

SIZES = [784, 100, 100, 10]
LEARNING_RATE = 0.1


def read_idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def find(stem):
    for candidate in [stem + ".gz", stem]:
        path = os.path.join(args.data, candidate)
        if os.path.exists(path):
            return path
    sys.exit(f"{os.path.join(args.data, stem)}.gz: missing")


images = read_idx(find("train-images-idx3-ubyte")).reshape(-1, 784).astype(np.float32) / 255
labels = read_idx(find("train-labels-idx1-ubyte")).astype(np.int64)


def initial_weights(rng):
    """PyTorch's nn.Linear default: W and b uniform on ±1/√fan_in."""
    params = []
    for fan_in, fan_out in zip(SIZES, SIZES[1:]):
        bound = 1 / np.sqrt(fan_in)
        params.append(rng.uniform(-bound, bound, (fan_out, fan_in)).astype(np.float32))
        params.append(rng.uniform(-bound, bound, (fan_out,)).astype(np.float32))
    return params


def numpy_epoch_runner(batch):
    params = initial_weights(np.random.default_rng(123))
    rng = np.random.default_rng(0)

    def epoch():
        order = rng.permutation(len(images))
        for start in range(0, len(order), batch):
            index = order[start:start + batch]
            x, y = images[index], labels[index]
            w1, b1, w2, b2, w3, b3 = params
            z1 = x @ w1.T + b1
            h1 = np.maximum(z1, 0)
            z2 = h1 @ w2.T + b2
            h2 = np.maximum(z2, 0)
            logits = h2 @ w3.T + b3
            logits -= logits.max(axis=1, keepdims=True)
            probabilities = np.exp(logits)
            probabilities /= probabilities.sum(axis=1, keepdims=True)
            probabilities[np.arange(len(y)), y] -= 1
            d3 = probabilities / len(y)
            d2 = (d3 @ w3) * (z2 > 0)
            d1 = (d2 @ w2) * (z1 > 0)
            grads = [d1.T @ x, d1.sum(0), d2.T @ h1, d2.sum(0), d3.T @ h2, d3.sum(0)]
            for p, g in zip(params, grads):
                p -= LEARNING_RATE * g
    return epoch


def torch_epoch_runner(batch):
    import torch
    torch.set_num_threads(args.threads)
    torch.manual_seed(123)
    model = torch.nn.Sequential(torch.nn.Linear(784, 100), torch.nn.ReLU(), torch.nn.Linear(100, 100), torch.nn.ReLU(),
                                torch.nn.Linear(100, 10))
    optimizer = torch.optim.SGD(model.parameters(), lr=LEARNING_RATE)
    x_all, y_all = torch.from_numpy(images), torch.from_numpy(labels)

    def epoch():
        order = torch.randperm(len(x_all))
        for start in range(0, len(order), batch):
            index = order[start:start + batch]
            optimizer.zero_grad(set_to_none=True)
            loss = torch.nn.functional.cross_entropy(model(x_all[index]), y_all[index])
            loss.backward()
            optimizer.step()
    return epoch


def jax_epoch_runner(batch):
    import jax
    import jax.numpy as jnp

    def loss_fn(params, x, y):
        w1, b1, w2, b2, w3, b3 = params
        h = jax.nn.relu(x @ w1.T + b1)
        h = jax.nn.relu(h @ w2.T + b2)
        logits = h @ w3.T + b3
        return -jnp.mean(jnp.take_along_axis(jax.nn.log_softmax(logits), y[:, None], axis=1))

    def step(params, x, y):
        grads = jax.grad(loss_fn)(params, x, y)
        return [p - LEARNING_RATE * g for p, g in zip(params, grads)]

    count = len(images)
    full_batches, rest = divmod(count, batch)

    @jax.jit
    def train_epoch(params, key, x_all, y_all):
        order = jax.random.permutation(key, count)
        params, _ = jax.lax.scan(lambda p, index: (step(p, x_all[index], y_all[index]), None),
                                 params, order[:full_batches * batch].reshape(full_batches, batch))
        if rest:
            last = order[full_batches * batch:]
            params = step(params, x_all[last], y_all[last])
        return params

    state = {"params": [jnp.asarray(p) for p in initial_weights(np.random.default_rng(123))],
             "key": jax.random.PRNGKey(0)}
    x_all, y_all = jnp.asarray(images), jnp.asarray(labels)

    def epoch():
        state["key"], key = jax.random.split(state["key"])
        state["params"] = jax.block_until_ready(train_epoch(state["params"], key, x_all, y_all))
    return epoch


runners = {"numpy": numpy_epoch_runner, "torch": torch_epoch_runner, "jax": jax_epoch_runner}


def timed(epoch):
    """Seconds of one epoch: processor time with one thread, wall time with more."""
    wall, processor = time.perf_counter(), time.process_time()
    epoch()
    return time.process_time() - processor if args.threads == 1 else time.perf_counter() - wall


epochs = {}
for batch in [int(b) for b in args.batch_sizes.split(",")]:
    epochs[batch] = runners[args.framework](batch)
    for _ in range(args.warmup):
        epochs[batch]()

if args.serve:
    print(json.dumps({"framework": args.framework}), flush=True)
    for line in sys.stdin:
        words = line.split()
        if not words or not words[0].isdigit() or int(words[0]) not in epochs:
            print(json.dumps({"error": f"expected a served batch size, got {line.strip()!r}"}), flush=True)
            continue
        print(json.dumps({"seconds": timed(epochs[int(words[0])])}), flush=True)
    sys.exit(0)

cells = []
for batch, epoch in epochs.items():
    times = [timed(epoch) for _ in range(args.epochs)]
    cells.append({"batchSize": batch, "threads": args.threads, "secondsPerEpoch": times, "medianSeconds": statistics.median(times)})

if args.json:
    print(json.dumps({"framework": args.framework, "cells": cells}))
else:
    for cell in cells:
        print(f"{args.framework} batch {cell['batchSize']}, {args.threads} thread(s): median {cell['medianSeconds']:.3f} s/epoch "
              f"(range {min(cell['secondsPerEpoch']):.3f}–{max(cell['secondsPerEpoch']):.3f} over {args.epochs} epochs)")
