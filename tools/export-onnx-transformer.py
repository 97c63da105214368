#!/usr/bin/env python3
"""Export test/fixtures/onnx/transformer_block.onnx: one small pre-LN decoder block (OPT-like), graph-only.

Needs Debian's torch (apt-get install -y python3-torch); run by hand, CI only reads the committed file:
    /usr/bin/python3 tools/export-onnx-transformer.py [--out test/fixtures/onnx] [--opset 17]

d_model 64, 4 heads, FFN 256 (ReLU), sequence 16, batch 2. Shapes are literal so Reshape targets are constants;
export_params=False makes every weight a graph input whose type carries its dims (a few KiB, no weights).
The graph has LayerNormalization, MatMul (weights and activation x activation), Add, Reshape, Transpose, Div,
Softmax and Relu: what pimsyn's ONNX importer maps to linear, matmul, splitHeads/mergeHeads, softmax, layerNorm.
"""
import argparse
import math
import os

import torch
import torch.nn as nn

D, HEADS, FFN, SEQ, BATCH = 64, 4, 256, 16, 2


class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.ln1 = nn.LayerNorm(D)
        self.q = nn.Linear(D, D)
        self.k = nn.Linear(D, D)
        self.v = nn.Linear(D, D)
        self.o = nn.Linear(D, D)
        self.ln2 = nn.LayerNorm(D)
        self.fc1 = nn.Linear(D, FFN)
        self.fc2 = nn.Linear(FFN, D)

    def heads(self, t):
        return t.reshape(BATCH, SEQ, HEADS, D // HEADS).transpose(1, 2)

    def forward(self, x):
        h = self.ln1(x)
        q, k, v = self.heads(self.q(h)), self.heads(self.k(h)), self.heads(self.v(h))
        scores = torch.matmul(q, k.transpose(2, 3)) / math.sqrt(D // HEADS)
        ctx = torch.matmul(torch.softmax(scores, dim=-1), v)
        x = x + self.o(ctx.transpose(1, 2).reshape(BATCH, SEQ, D))
        return x + self.fc2(torch.relu(self.fc1(self.ln2(x))))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "test", "fixtures", "onnx"))
    ap.add_argument("--opset", type=int, default=17)
    args = ap.parse_args()
    torch.manual_seed(0)
    path = os.path.join(args.out, "transformer_block.onnx")
    torch.onnx.export(
        Block().eval(),
        torch.zeros(BATCH, SEQ, D),
        path,
        export_params=False,
        opset_version=args.opset,
        input_names=["input"],
        output_names=["output"],
        do_constant_folding=False,
    )
    print(f"{path}: {os.path.getsize(path)} bytes")


if __name__ == "__main__":
    main()
