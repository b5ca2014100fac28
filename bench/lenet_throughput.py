#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""LeNet-5 training throughput in PyTorch-Python: the baselines for sparsescope_bench_train.

Does per step the same work as core::Trainer (core/src/training/Trainer.cpp): the same LeNet-5
with (x - mean) / std as its first op, cross-entropy, SGD with momentum 0.9 and weight decay
5e-4, learning rate set on the param groups, loss.item() with a finiteness check, and an argmax
accuracy read back with .item(). Throughput is measured like the C++ side: from the end of step
--warmup to the end of the last step, over seeded shuffled batches of --batch-size.

  --mode idiomatic  how most users write it: torchvision.datasets.FashionMNIST (per-sample PIL
                    image) with transforms.Compose([ToTensor(), Normalize(mean, std)]), a Subset
                    of the first --limit images, DataLoader(batch_size, shuffle=True,
                    num_workers=0); the model then has no normalisation op of its own.
  --mode lite       a hand-written Dataset over the uint8 array with a light per-sample transform
                    (numpy -> float tensor, no PIL) + the same DataLoader: a user who skipped
                    torchvision; reported for transparency.
  --mode tuned      the slice pre-loaded as one float tensor [N,1,28,28], indexed with a
                    permutation per epoch.

Prints one line: python_<mode>_images_per_second=... threads=... images=... epochs=...
"""

import argparse
import gzip
import math
import os
import shutil
import sys
import tempfile
import time

import numpy as np
import torch
import torch.nn.functional as F

DATA_DIR = os.environ.get("SPARSESCOPE_FASHION_MNIST_DIR", "/usr/share/datasets/fashion-mnist")


def read_idx(path, header_bytes):
    with gzip.open(path, "rb") as f:
        return np.frombuffer(f.read(), dtype=np.uint8, offset=header_bytes)


def load_fashion_mnist_train(limit):
    """The first `limit` training images (uint8 [N,28,28]) and labels (int64 [N])."""
    images = read_idx(os.path.join(DATA_DIR, "train-images-idx3-ubyte.gz"), 16).reshape(-1, 28, 28)
    labels = read_idx(os.path.join(DATA_DIR, "train-labels-idx1-ubyte.gz"), 8).astype(np.int64)
    # Copies: frombuffer views are read-only, and torch.from_numpy warns on those.
    return images[:limit].copy(), labels[:limit].copy()


class LeNet5(torch.nn.Module):
    """conv 20@5x5, maxpool 2, ReLU, conv 50@5x5, maxpool 2, ReLU, fc 500, ReLU, fc classes."""

    def __init__(self, mean, std, num_classes=10, normalise=True):
        super().__init__()
        self.normalise = normalise
        self.register_buffer("input_mean", torch.full((1, 1, 1, 1), mean))
        self.register_buffer("input_std", torch.full((1, 1, 1, 1), std))
        self.conv1 = torch.nn.Conv2d(1, 20, 5)
        self.conv2 = torch.nn.Conv2d(20, 50, 5)
        self.fc1 = torch.nn.Linear(800, 500)
        self.fc2 = torch.nn.Linear(500, num_classes)

    def forward(self, x):
        if self.normalise:
            x = (x - self.input_mean) / self.input_std
        x = F.relu(F.max_pool2d(self.conv1(x), 2))
        x = F.relu(F.max_pool2d(self.conv2(x), 2))
        x = F.relu(self.fc1(x.flatten(1)))
        return self.fc2(x)


class ToFloatTensor:
    """Per-sample transform, as torchvision's ToTensor: uint8 HxW -> float 1xHxW in [0, 1]."""

    def __call__(self, image):
        return torch.from_numpy(image).to(torch.float32).div(255.0).unsqueeze(0)


class FashionMnistSlice(torch.utils.data.Dataset):
    def __init__(self, images, labels, transform):
        self.images = images
        self.labels = labels
        self.transform = transform

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, index):
        return self.transform(self.images[index]), int(self.labels[index])


def idiomatic_batches(images, labels, batch_size, seed, mean, std, workdir):
    """torchvision's FashionMNIST reads the unpacked IDX files from ROOT/FashionMNIST/raw."""
    import torchvision
    from torchvision import transforms

    raw = os.path.join(workdir, "FashionMNIST", "raw")
    os.makedirs(raw, exist_ok=True)
    for name in ("train-images-idx3-ubyte", "train-labels-idx1-ubyte",
                 "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"):
        with gzip.open(os.path.join(DATA_DIR, name + ".gz"), "rb") as src, \
                open(os.path.join(raw, name), "wb") as dst:
            dst.write(src.read())
    transform = transforms.Compose([transforms.ToTensor(), transforms.Normalize((mean,), (std,))])
    full = torchvision.datasets.FashionMNIST(workdir, train=True, download=False,
                                             transform=transform)
    dataset = torch.utils.data.Subset(full, range(len(labels)))
    generator = torch.Generator().manual_seed(seed)
    loader = torch.utils.data.DataLoader(dataset, batch_size=batch_size, shuffle=True,
                                         num_workers=0, generator=generator)
    return lambda epoch: iter(loader)


def lite_batches(images, labels, batch_size, seed, mean, std, workdir):
    dataset = FashionMnistSlice(images, labels, ToFloatTensor())
    generator = torch.Generator().manual_seed(seed)
    loader = torch.utils.data.DataLoader(dataset, batch_size=batch_size, shuffle=True,
                                         num_workers=0, generator=generator)
    return lambda epoch: iter(loader)


def tuned_batches(images, labels, batch_size, seed, mean, std, workdir):
    all_x = torch.from_numpy(images).to(torch.float32).div_(255.0).unsqueeze(1).contiguous()
    all_y = torch.from_numpy(labels)
    generator = torch.Generator().manual_seed(seed)

    def epoch_batches(epoch):
        order = torch.randperm(len(all_y), generator=generator)
        for first in range(0, len(all_y), batch_size):
            index = order[first:first + batch_size]
            yield all_x[index], all_y[index]

    return epoch_batches


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mode", choices=["idiomatic", "lite", "tuned"], required=True)
    parser.add_argument("--limit", type=int, default=10000)
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    images, labels = load_fashion_mnist_train(args.limit)
    samples = len(labels)
    # Normalisation of the slice, as Dataset::normalization() computes it for the C++ model.
    pixels = images.astype(np.float64) / 255.0
    mean, std = float(pixels.mean()), float(pixels.std())
    model = LeNet5(mean, std, normalise=args.mode != "idiomatic")
    model.train()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9, weight_decay=5e-4)
    make = {"idiomatic": idiomatic_batches, "lite": lite_batches, "tuned": tuned_batches}[args.mode]
    workdir = tempfile.mkdtemp(prefix="sparsescope-bench-")
    try:
        batches = make(images, labels, args.batch_size, args.seed, mean, std, workdir)
        return train(args, model, optimizer, batches, samples)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def train(args, model, optimizer, batches, samples):
    lr = 0.01  # schedule "none"

    step_seconds = []
    step_cpu_seconds = []
    step_images = []
    start = time.perf_counter()
    loss_sum, correct, seen = 0.0, 0, 0
    for epoch in range(1, args.epochs + 1):
        loss_sum, correct, seen = 0.0, 0, 0
        for x, y in batches(epoch):
            for group in optimizer.param_groups:
                group["lr"] = lr
            optimizer.zero_grad()
            logits = model(x)
            loss = F.cross_entropy(logits, y)
            loss_value = loss.item()
            if not math.isfinite(loss_value):
                print(f"loss is {loss_value} at epoch {epoch}", file=sys.stderr)
                return 1
            loss.backward()
            optimizer.step()
            batch_correct = logits.argmax(1).eq(y).sum().item()
            n = len(y)
            correct += batch_correct
            loss_sum += loss_value * n
            seen += n
            step_images.append(n)
            step_seconds.append(time.perf_counter() - start)
            step_cpu_seconds.append(time.process_time())
    total = time.perf_counter() - start

    if len(step_seconds) <= args.warmup:
        print(f"{len(step_seconds)} steps, not more than --warmup {args.warmup}; "
              "raise --limit or --epochs", file=sys.stderr)
        return 2
    window_seconds = step_seconds[-1] - step_seconds[args.warmup - 1]
    window_cpu_seconds = step_cpu_seconds[-1] - step_cpu_seconds[args.warmup - 1]
    window_images = sum(step_images[args.warmup:])
    print(f"python_{args.mode}_images_per_second={window_images / window_seconds:.1f} "
          f"threads={torch.get_num_threads()} images={samples} epochs={args.epochs} "
          f"batch_size={args.batch_size} steps={len(step_seconds)} warmup_steps={args.warmup} "
          f"window_images={window_images} window_seconds={window_seconds:.3f} "
          f"window_cpu_seconds={window_cpu_seconds:.3f} "
          f"images_per_cpu_second={window_images / window_cpu_seconds:.1f} "
          f"total_seconds={total:.3f} final_loss={loss_sum / seen:.4f} "
          f"train_accuracy={correct / seen:.4f} torch={torch.__version__}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
