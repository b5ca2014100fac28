#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes small valid seed inputs for each fuzz harness into OUT/<harness>/ (made here, like the
test fixtures: nothing copied from data sets). Usage: seeds.py OUT"""
import gzip
import io
import os
import struct
import sys
import zlib

import numpy as np

out = sys.argv[1]


def put(harness, name, data):
    os.makedirs(os.path.join(out, harness), exist_ok=True)
    with open(os.path.join(out, harness, name), "wb") as f:
        f.write(data)


rng = np.random.default_rng(1)

# IDX: 4-byte length of the images file, the images file, the labels file.
for n, h, w in [(2, 28, 28), (3, 4, 5), (1, 1, 1)]:
    images = struct.pack(">IIII", 0x803, n, h, w) + rng.integers(0, 256, n * h * w, dtype=np.uint8).tobytes()
    labels = struct.pack(">II", 0x801, n) + bytes(int(v) for v in rng.integers(0, 10, n))
    put("idx", f"raw-{n}x{h}x{w}", struct.pack("<I", len(images)) + images + labels)
    gz = gzip.compress(images)
    put("idx", f"gz-{n}x{h}x{w}", struct.pack("<I", len(gz)) + gz + gzip.compress(labels))

# CIFAR-10 binary: records of a label byte and 3x32x32 pixels.
for n in (1, 2):
    put("cifar", f"batch-{n}", b"".join(bytes([k % 10]) + rng.integers(0, 256, 3072, dtype=np.uint8).tobytes() for k in range(n)))


def png(pixels, colour):
    h, w = pixels.shape[:2]
    raw = b"".join(b"\x00" + pixels[y].tobytes() for y in range(h))
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", w, h, 8, 2 if colour else 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


put("image", "grey.png", png(rng.integers(0, 256, (8, 6), dtype=np.uint8), False))
put("image", "rgb.png", png(rng.integers(0, 256, (5, 7, 3), dtype=np.uint8), True))
put("image", "grey.pgm", b"P5\n4 3\n255\n" + rng.integers(0, 256, 12, dtype=np.uint8).tobytes())
put("image", "rgb.ppm", b"P6\n2 2\n255\n" + rng.integers(0, 256, 12, dtype=np.uint8).tobytes())

# CsvTable: an options byte, then the text.
put("csv-table", "numeric", b"\x00a,b,y\n1,2,3\n4,5.5,-6\n7,8e-1,9\n")
put("csv-table", "quoted", b"\x08a,\"b,c\",y\n\"x\"\"q\",2,yes\nz,3,no\n")
put("csv-table", "missing", b"\x05a;b;y\n1;;3\nNA;2;4\n")
put("csv-table", "noheader", b"\x22" + b"1,2,3\n4,5,6\n")

# Trial files: the 2018 study's columns and model-vs-human's (capital Session), plain and gzip.
def trials(session_key):
    lines = [f"subj,{session_key},trial,rt,object_response,category,condition,imagename"]
    for t in range(1, 6):
        lines.append(f"subject-01,1,{t},{0.5 + t / 10:.3f},dog,{'dog' if t % 2 else 'cat'},c{t * 10},"
                     f"{t:04d}_x_s01_c{t * 10}_dog_10_n0_{t}.png")
    lines.append("subject-01,1,6,0.9,na,dog,c5,0006_x.png")
    return ("\n".join(lines) + "\n").encode()


put("trials", "geirhos2018.csv", trials("session"))
put("trials", "model-vs-human.csv", trials("Session"))
put("trials", "geirhos2018.csv.gz", gzip.compress(trials("session")))


def npy(array, fortran=False):
    buffer = io.BytesIO()
    np.save(buffer, np.asfortranarray(array) if fortran else array)
    return buffer.getvalue()


put("npy", "f8-2x3", npy(rng.random((2, 3))))
put("npy", "f8-3x2-fortran", npy(rng.random((3, 2)), fortran=True))
put("npy", "f4-4", npy(rng.random(4).astype(np.float32)))
put("npy", "be-f8-2x2", npy(rng.random((2, 2)).astype(">f8")))

# Configs: the presets and lessons this repository ships, and a few written here.
root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
for folder, harness, suffix in (("resources/presets", "train-config", ".json"),
                                ("resources/lessons", "lesson", ".json"),
                                ("bench/atlas", "sweep-grid", ".json"),
                                ("resources/atlas", "atlas-table", ".csv")):
    for name in sorted(os.listdir(os.path.join(root, folder))):
        if not name.endswith(suffix):
            continue
        with open(os.path.join(root, folder, name), "rb") as f:
            put(harness, name, f.read())
put("sweep-grid", "small.json", b'{"name": "g", "base": {"model": "lenet5", "epochs": 1, "regularization": '
    b'[{"layers": "conv*", "type": "filter", "strength": 0}]}, "axes": [{"name": "seed", "path": "/seed", '
    b'"values": [1, 2]}], "series": [{"name": "ssl", "axes": [{"name": "s", "strength": ["filter"], '
    b'"values": [0.1, 0.3]}]}, {"name": "lr", "patch": {"lr": 0.1}, "axes": [{"name": "u", '
    b'"path": ["/update"], "values": ["proximal", "subgradient"]}]}]}')
put("series", "series.json", b'{"name": "s", "members": [{"label": "seed=1", "series": "dense", "path": '
    b'"members/dense/seed=1", "knobs": {"seed": 1}}, {"label": "m", "series": "x", "path": "/abs/model.pt", '
    b'"knobs": {"strength": 0.2, "update": "proximal"}}]}')
put("atlas-table", "small.csv", b'member,series,label,path,knob:seed,params,clean_accuracy,adv:fgsm:0.1,notes\n'
    b'dense/seed=1,dense,seed=1,/r/a,1,431080,0.903,,\n'
    b'"x/a,b",x,"a,b",/r/b,2,nan,0.5,0.25,"skipped ""eidolon"" here"\n')
put("train-config", "stages.json", b'{"model": "lenet5", "epochs": 2, "stages": [{"name": "a", '
    b'"regularization": [{"layers": "conv*", "type": "filter", "strength": 0.01}]}, '
    b'{"name": "b", "lr": 0.001, "freeze_zeros": true}]}')
put("sweep-config", "pruned.json", b'{"model": "run", "sparsities": [0, 0.5, 0.9], "scope": "layer", '
    b'"finetune_epochs": 1, "test_limit": 100, "attacks": [{"attack": "fgsm", "eps": [0.05, 0.2]}, '
    b'{"attack": "deepfool", "steps": 20}]}')
put("sweep-config", "members.json", b'{"members": [{"name": "dense", "model": "a"}, {"name": "ssl-1", '
    b'"model": "b", "series": "ssl"}], "attacks": [{"attack": "pgd", "eps": [0.1], "steps": 5}]}')
put("rln-options", "grid", b"--csv\nx.csv\n--rln-grid\n-10:1e6,-8:1e5:2\n--hidden\n8,4\n--out\no")
put("rln-options", "rows", b"--csv\nx.csv\n--test-rows\nROWS\n--theta\n-9\n--folds\n3\0" + b"0,1,2\n5 # c\n")
put("rln-options", "grids", b"--csv\nx.csv\n--l1-grid\n0.1,1\n--l2-grid\n1e-3\n--delimiter\ntab\n--task\nregression")
put("workspace", "workspace.json", b'{"sparsescope_workspace": 1, "panel": "training", "presentation": false, '
    b'"training": {"config": {"model": "lenet5", "epochs": 2}, "run_folder": "/tmp/run"}, '
    b'"panels": {"rln": {"csv": "/x.csv", "seeds": 3}, "humans": {}}}')


def model_file(records, zip64=False):
    import zipfile
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as z:
        for name, data in records:
            with z.open(name, "w", force_zip64=zip64) as f:
                f.write(data)
    return buffer.getvalue()


pickle_bytes = b"\x80\x02}q\x00."
put("model-file", "archive.pt", model_file([("archive/data.pkl", pickle_bytes), ("archive/version", b"3\n"),
                                            ("archive/constants.pkl", pickle_bytes)]))
put("model-file", "script.pt", model_file([("m/data.pkl", pickle_bytes), ("m/code/__torch__.py",
                                           b"class M(Module):\n  def forward(self, x):\n    return x\n"),
                                           ("m/code/__torch__.py.debug_pkl", b"\x80\x02)."), ("m/version", b"3\n")]))
put("model-file", "zip64.pt", model_file([("a/data.pkl", pickle_bytes), ("a/version", b"3\n")], zip64=True))
