import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadNetwork, networkSummary, parseShape } from "../../src/network/load.ts";
import { listZoo } from "../../src/network/zoo/zoo.ts";
import { userError, userErrorAsync } from "./helpers.ts";

const tmp = mkdtempSync(join(tmpdir(), "pimsyn-network-"));
const write = (name: string, data: unknown) => {
  const f = join(tmp, name);
  writeFileSync(f, typeof data === "string" ? data : JSON.stringify(data));
  return f;
};

describe("loadNetwork", () => {
  it("loads zoo names, with an input shape override", async () => {
    const { network, warnings } = await loadNetwork("vgg8");
    expect(warnings).toEqual([]);
    expect(network.totals.fcMacs).toBe(8192 * 1024 + 1024 * 10);
    const big = await loadNetwork("vgg8", { inputShape: { c: 3, h: 64, w: 64 } });
    expect(big.network.layers.find((l) => l.kind === "fc")!.matrix!.rows).toBe(512 * 8 * 8);
    expect(big.network.hash).not.toBe(network.hash);
  });

  it("loads the example networks in specs/networks", async () => {
    const chain = (await loadNetwork("specs/networks/chain4.json")).network;
    expect(chain.layers.map((l) => l.kind)).toEqual(["conv", "pool", "conv", "fc"]);
    expect(chain.totals.convMacs).toBe(3 * 9 * 16 * 32 * 32 + 16 * 9 * 32 * 8 * 8);
    const dag = (await loadNetwork("specs/networks/tiny-dag.json")).network;
    expect(new Set(dag.layers.map((l) => l.kind))).toEqual(new Set(["conv", "add", "concat", "slice", "pool", "fc"]));
    expect(dag.layers.find((l) => l.name === "half")!.outShape).toEqual({ c: 12, h: 16, w: 16 });
    expect(dag.layers.find((l) => l.name === "dw")!.matrix).toEqual({ rows: 9, cols: 1, groups: 12 });
  });

  it("detects the reference format by its top-level array", async () => {
    const { network } = await loadNetwork("specs/reference/pimsyn-nn/models_JSON_resnet18.json");
    expect(network.totals.convMacs).toBe(1_813_561_344);
  });

  it("hands .onnx files to the ONNX importer and returns its warnings", async () => {
    const { network, warnings } = await loadNetwork("test/fixtures/onnx/resnet18.onnx");
    expect(Array.isArray(warnings)).toBe(true);
    const zoo = (await loadNetwork("resnet18")).network;
    // The exporter may order a block's downsample conv before its second conv: compare as multisets.
    const work = (n: typeof zoo) => n.layers.filter((l) => l.kind === "conv" || l.kind === "fc").map((l) => l.macs).sort((a, b) => a - b);
    expect(work(network)).toEqual(work(zoo));
    expect(network.totals.convMacs).toBe(1_813_561_344);
  });

  it("validates our format with the schema, naming the file and pointer", async () => {
    const f = write("bad-kernel.json", { schemaVersion: 1, name: "b", input: { name: "x", shape: [3, 8, 8] }, layers: [{ name: "c", kind: "conv", outChannels: 4, kernel: [3] }] });
    const e = await userErrorAsync(() => loadNetwork(f));
    expect([e.file, e.pointer]).toEqual([f, "/layers/0/kernel"]);
    // Pairs are 2020-12 tuples (prefixItems): a third number is refused too.
    const g = write("long-kernel.json", { schemaVersion: 1, name: "b", input: { name: "x", shape: [3, 8, 8] }, layers: [{ name: "c", kind: "conv", outChannels: 4, kernel: [3, 3, 3] }] });
    expect((await userErrorAsync(() => loadNetwork(g))).pointer).toBe("/layers/0/kernel");
  });

  it("shape errors from a file name the file", async () => {
    const f = write("bad-groups.json", { schemaVersion: 1, name: "b", input: { name: "x", shape: [3, 8, 8] }, layers: [{ name: "c", kind: "conv", outChannels: 4, kernel: [3, 3], groups: 2 }] });
    const e = await userErrorAsync(() => loadNetwork(f));
    expect([e.file, e.pointer, e.message]).toEqual([f, "/layers/0/groups", "groups 2 does not divide input channels 3"]);
  });

  it("rejects JSON that is neither format, malformed JSON, unknown names and missing files", async () => {
    const neither = await userErrorAsync(() => loadNetwork(write("neither.json", { layers: [] })));
    expect(neither.message).toMatch(/schemaVersion/);
    const malformed = await userErrorAsync(() => loadNetwork(write("malformed.json", "{ nope")));
    expect(malformed.message).toMatch(/^malformed JSON/);
    const unknown = await userErrorAsync(() => loadNetwork("alexnett"));
    expect(unknown.message).toContain('unknown model "alexnett"');
    for (const name of listZoo()) expect(unknown.message).toContain(name);
    const missing = await userErrorAsync(() => loadNetwork(join(tmp, "absent.json")));
    expect([missing.file, missing.message.startsWith("no such file")]).toEqual([join(tmp, "absent.json"), true]);
    expect(missing.message).toContain("resnet50");
  });
});

describe("parseShape", () => {
  it("parses CxHxW", () => {
    expect(parseShape("3x32x32")).toEqual({ c: 3, h: 32, w: 32 });
    expect(parseShape("1×28×28")).toEqual({ c: 1, h: 28, w: 28 });
  });
  it.each(["3x32", "3x0x32", "3x-1x2", "axbxc", "3x32x32x1", "3.5x2x2", "", "3x99999x99999", "9999999x8x8"])("rejects %j naming --input-shape", (text) => {
    const e = userError(() => parseShape(text));
    expect(e.pointer).toBe("--input-shape");
    expect(e.message).toMatch(/^expected CxHxW/);
  });
});

describe("errors in a built-in network", () => {
  it("name the model and the input shape that does not fit it, not a bare pointer", async () => {
    const e = await userErrorAsync(() => loadNetwork("alexnet", { inputShape: { c: 3, h: 8, w: 8 } }));
    expect(e.toLine()).toMatch(/^alexnet \(built-in, --input-shape 3x8x8\): \/layers\/\d+\/kernel: output would be 0×0/);
  });
});

describe("networkSummary", () => {
  it("lists every layer with shape, weights and MACs, and the totals", async () => {
    const { network } = await loadNetwork("specs/networks/chain4.json");
    const s = networkSummary(network);
    expect(Object.keys(s).sort()).toEqual(["hash", "inputShape", "layers", "name", "totals"]);
    expect(s.layers[0]).toEqual({ name: "conv1", kind: "conv", outShape: { c: 16, h: 32, w: 32 }, weights: 432, macs: 432 * 1024 });
    expect(s.totals).toEqual(network.totals);
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });
});
