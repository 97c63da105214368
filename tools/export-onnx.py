#!/usr/bin/env python3
"""Export the ONNX fixtures in test/fixtures/onnx/ (run by hand; CI only reads the committed files).

Needs Debian's torch, torchvision and onnx:
    apt-get install -y python3-torch python3-torchvision python3-onnx
    /usr/bin/python3 tools/export-onnx.py [--out test/fixtures/onnx] [--opset 17]

torchvision models are exported graph-only (export_params=False: every weight is a graph input whose
type carries its dims), so each file is a few KiB and no pretrained weights are needed (weights=None).
`tiny_cnn_weights.onnx` is the one file with real initializers, to exercise that path too.
"""
import argparse
import os

import torch
import torch.nn as nn
import torchvision.models as tvm

# name -> (constructor, opset override or None, dynamic axes or None)
TORCHVISION = {
    "alexnet": (tvm.alexnet, None, None),
    "vgg16": (tvm.vgg16, None, None),
    "resnet18": (tvm.resnet18, None, None),
    "resnet50": (tvm.resnet50, None, None),
    "mobilenet_v2": (tvm.mobilenet_v2, None, None),
    "squeezenet1_1": (tvm.squeezenet1_1, None, None),
    "shufflenet_v2_x0_5": (tvm.shufflenet_v2_x0_5, None, None),
    "efficientnet_b0": (tvm.efficientnet_b0, None, None),
    # An older opset: Clip/Pad/Split/Squeeze take attributes instead of inputs in some opsets.
    "resnet18_opset11": (tvm.resnet18, 11, None),
    # Symbolic N, H, W: the importer must ask for --input-shape and fold Shape→Gather→Concat chains.
    "shufflenet_v2_x0_5_dynamic": (tvm.shufflenet_v2_x0_5, None, {0: "N", 2: "H", 3: "W"}),
}


class TinyCnn(nn.Module):
    """Three layers with real (seeded) weights: conv+BN+ReLU, max pool, conv, global pool, fc."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 8, 3, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(8)
        self.pool = nn.MaxPool2d(2)
        self.conv2 = nn.Conv2d(8, 16, 3, stride=2)
        self.fc = nn.Linear(16, 10)

    def forward(self, x):
        x = self.pool(torch.relu(self.bn1(self.conv1(x))))
        x = torch.relu(self.conv2(x))
        x = torch.flatten(nn.functional.adaptive_avg_pool2d(x, 1), 1)
        return self.fc(x)


def export(model, path, opset, dynamic_axes, export_params, input_shape=(1, 3, 224, 224)):
    model.eval()
    x = torch.zeros(*input_shape)
    kwargs = {}
    if dynamic_axes:
        kwargs["dynamic_axes"] = {"input": dynamic_axes}
    torch.onnx.export(
        model,
        x,
        path,
        export_params=export_params,
        opset_version=opset,
        input_names=["input"],
        output_names=["output"],
        # Keep BatchNormalization nodes: the importer's BN folding is what the fixtures test.
        training=torch.onnx.TrainingMode.PRESERVE,
        do_constant_folding=False,
        **kwargs,
    )


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "test", "fixtures", "onnx"))
    ap.add_argument("--opset", type=int, default=17)
    ap.add_argument("--only", nargs="*", help="export only these fixture names")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    torch.manual_seed(0)

    for name, (ctor, opset, dyn) in TORCHVISION.items():
        if args.only and name not in args.only:
            continue
        path = os.path.join(args.out, name + ".onnx")
        try:
            export(ctor(weights=None), path, opset or args.opset, dyn, export_params=False)
            print(f"{path}: {os.path.getsize(path)} bytes")
        except Exception as e:  # a model the exporter cannot handle is reported, not fatal
            print(f"{name}: export failed: {e}")

    if not args.only or "tiny_cnn_weights" in args.only:
        path = os.path.join(args.out, "tiny_cnn_weights.onnx")
        export(TinyCnn(), path, args.opset, None, export_params=True, input_shape=(1, 3, 32, 32))
        print(f"{path}: {os.path.getsize(path)} bytes")


if __name__ == "__main__":
    main()
