#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""PGD-40 (l-inf) in PyTorch-Python: the baseline for sparsescope_bench_pgd.

The loop most users write (as torchattacks.PGD / the Madry et al. reference): uniform random
start in the eps-ball, then `steps` times: forward, cross-entropy, torch.autograd.grad w.r.t. the
input only, a signed step of 2.5*eps/steps, projection onto the ball and [0, 1]. The model is the
archive written by sparsescope_bench_pgd --save-model (its parameters and buffers read with
torch.jit.load into the same LeNet-5 defined here), in eval mode; the first --limit Fashion-MNIST test images, batches of
--batch-size, every image attacked for every step (like the C++ side).

Prints one line: python_pgd_images_per_second=... threads=... images=... steps=...
"""

import argparse
import gzip
import os
import time

import numpy as np
import torch
import torch.nn.functional as F

DATA_DIR = os.environ.get("SPARSESCOPE_FASHION_MNIST_DIR", "/usr/share/datasets/fashion-mnist")


def load_test_images(limit):
    with gzip.open(os.path.join(DATA_DIR, "t10k-images-idx3-ubyte.gz"), "rb") as f:
        images = np.frombuffer(f.read(), dtype=np.uint8, offset=16).reshape(-1, 1, 28, 28)
    return torch.from_numpy(images[:limit].astype(np.float32) / 255.0)


class LeNet5(torch.nn.Module):
    """SparseScope's LeNet-5 (core/src/models/LeNet5.cpp), normalisation inside the model."""

    def __init__(self, classes=10):
        super().__init__()
        self.conv1 = torch.nn.Conv2d(1, 20, 5)
        self.conv2 = torch.nn.Conv2d(20, 50, 5)
        self.fc1 = torch.nn.Linear(800, 500)
        self.fc2 = torch.nn.Linear(500, classes)
        self.register_buffer("input_mean", torch.zeros(1, 1, 1, 1))
        self.register_buffer("input_std", torch.ones(1, 1, 1, 1))

    def forward(self, x):
        x = (x - self.input_mean) / self.input_std
        x = F.relu(F.max_pool2d(self.conv1(x), 2))
        x = F.relu(F.max_pool2d(self.conv2(x), 2))
        return self.fc2(F.relu(self.fc1(x.flatten(1))))


def load_model(path):
    """A LibTorch archive holds the parameters and buffers by name (no forward method)."""
    archive = torch.jit.load(path)
    model = LeNet5()
    state = model.state_dict()
    for name, tensor in list(archive.named_parameters()) + list(archive.named_buffers()):
        state[name].copy_(tensor.detach())
    return model


def pgd(model, images, labels, eps, alpha, steps):
    adv = (images + torch.empty_like(images).uniform_(-eps, eps)).clamp(0, 1)
    for _ in range(steps):
        adv.requires_grad_(True)
        loss = F.cross_entropy(model(adv), labels, reduction="sum")
        grad, = torch.autograd.grad(loss, adv)
        adv = adv.detach() + alpha * grad.sign()
        adv = torch.min(torch.max(adv, images - eps), images + eps).clamp(0, 1)
    return adv


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", required=True)
    parser.add_argument("--limit", type=int, default=1000)
    parser.add_argument("--steps", type=int, default=40)
    parser.add_argument("--eps", type=float, default=0.1)
    parser.add_argument("--batch-size", type=int, default=100)
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    parser.add_argument("--repeats", type=int, default=1)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(1)
    model = load_model(args.model)
    model.eval()
    images = load_test_images(args.limit)
    with torch.no_grad():
        labels = torch.cat([model(images[i:i + 256]).argmax(1) for i in range(0, len(images), 256)])
    alpha = 2.5 * args.eps / args.steps
    best = 0.0
    correct = 0
    for _ in range(max(1, args.repeats)):
        start = time.perf_counter()
        correct = 0
        for i in range(0, len(images), args.batch_size):
            x, y = images[i:i + args.batch_size], labels[i:i + args.batch_size]
            adv = pgd(model, x, y, args.eps, alpha, args.steps)
            with torch.no_grad():
                correct += int((model(adv).argmax(1) == y).sum())
        best = max(best, len(images) / (time.perf_counter() - start))
    print(f"python_pgd_images_per_second={best:.1f} threads={args.threads} images={len(images)} "
          f"steps={args.steps} eps={args.eps} batch={args.batch_size} "
          f"adversarial_accuracy={correct / len(images):.4f}")


if __name__ == "__main__":
    main()
