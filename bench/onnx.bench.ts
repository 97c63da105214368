/**
 * ONNX import speed and memory (`npm run bench:onnx`; prints figures, asserts nothing).
 *  1. resnet50 graph-only (test/fixtures/onnx/resnet50.onnx): warm import, median of 20 (target ≤ 50 ms).
 *  2. resnet18 with real float32 initializers (~47 MB, the size of torchvision's own resnet18.onnx), written to
 *     out/ on the fly from the graph-only fixture: import time (target ≤ 1 s) and the memory the decoded model
 *     adds while it is alive. raw_data are views of the file buffer, so the weights are held once, not twice.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import protobuf from "protobufjs";
import { decodeModel } from "../src/network/onnx/decode.ts";
import { importOnnx, importOnnxBytes } from "../src/network/onnx/import.ts";

const root = (path: string) => new URL(`../${path}`, import.meta.url);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;

function time(f: () => void): number {
  const t0 = performance.now();
  f();
  return performance.now() - t0;
}

// 1. graph-only resnet50
const resnet50 = root("test/fixtures/onnx/resnet50.onnx").pathname;
importOnnx(resnet50); // warm-up: loads onnx.proto, compiles the schema validator
const runs = Array.from({ length: 20 }, () => time(() => importOnnx(resnet50)));
console.log(`resnet50 graph-only import: median ${median(runs).toFixed(1)} ms of 20 warm runs (target ≤ 50 ms)`);

// 2. a file with weights: every weight graph input of the resnet18 fixture becomes a float32 initializer.
const schema = protobuf.parse(readFileSync(root("src/network/onnx/onnx.proto"), "utf8"), { keepCase: true }).root;
const ModelProto = schema.lookupType("onnx.ModelProto");
type Dim = { dim_value?: number };
type Input = { name: string; type: { tensor_type: { shape: { dim: Dim[] } } } };
const model = ModelProto.toObject(ModelProto.decode(readFileSync(root("test/fixtures/onnx/resnet18.onnx"))), { longs: Number }) as {
  graph: { input: Input[]; initializer: unknown[] };
};
const [data, ...weights] = model.graph.input;
model.graph.initializer = weights.map((w) => {
  const dims = w.type.tensor_type.shape.dim.map((d) => d.dim_value ?? 0);
  const n = dims.reduce((a, b) => a * b, 1);
  return { name: w.name, dims, data_type: 1, raw_data: Buffer.alloc(4 * n, 0x3c) };
});
model.graph.input = [data];
mkdirSync(root("out"), { recursive: true });
const heavyPath = root("out/resnet18-weights.onnx").pathname;
writeFileSync(heavyPath, ModelProto.encode(ModelProto.fromObject(model)).finish());

const bytes = readFileSync(heavyPath);
const before = process.memoryUsage();
const decoded = decodeModel(bytes, heavyPath);
const after = process.memoryUsage();
const rawBytes = decoded.graph!.initializer.reduce((s, t) => s + (t.raw_data?.length ?? 0), 0);
const shared = decoded.graph!.initializer.every((t) => !t.raw_data || t.raw_data.buffer === bytes.buffer);
console.log(
  `weights file ${mb(bytes.length)} (${mb(rawBytes)} of raw_data): decoding adds ` +
    `arrayBuffers ${mb(after.arrayBuffers - before.arrayBuffers)}, heap ${mb(after.heapUsed - before.heapUsed)}, ` +
    `RSS ${mb(after.rss - before.rss)}; raw_data are views of the file buffer: ${shared}`,
);

const heavyRuns = Array.from({ length: 5 }, () => time(() => importOnnxBytes(bytes, heavyPath)));
const fromDisk = time(() => importOnnx(heavyPath));
console.log(`weights file import: median ${median(heavyRuns).toFixed(1)} ms of 5 (bytes in memory), ${fromDisk.toFixed(1)} ms reading the file (target ≤ 1 s)`);
