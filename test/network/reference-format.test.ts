import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { referenceToSpec } from "../../src/network/reference-format.ts";
import { resolveNetwork } from "../../src/network/resolve.ts";
import { ZOO } from "../../src/network/zoo/zoo.ts";
import { userError } from "./helpers.ts";

const DIR = "specs/reference/pimsyn-nn";
const file = (m: string) => `${DIR}/models_JSON_${m}.json`;
const raw = (m: string) => JSON.parse(readFileSync(file(m), "utf8")) as Record<string, unknown>[];
const load = (m: string) => resolveNetwork(referenceToSpec(raw(m), file(m)), { file: file(m) });

describe("PIMSYN reference JSON format", () => {
  it.each(["alexnet", "vgg13", "vgg16", "resnet18", "msra_A"])("%s loads at 3×224×224", (m) => {
    const n = load(m);
    expect(n.inputShape).toEqual({ c: 3, h: 224, w: 224 });
    expect(n.name).toBe(`models_JSON_${m}`);
    expect(n.layers.at(-1)!.outShape).toEqual({ c: 1000, h: 1, w: 1 });
  });

  it.each([
    ["alexnet", "alexnet"],
    ["vgg13", "vgg13"],
    ["vgg16", "vgg16"],
    ["resnet18", "resnet18"],
  ])("%s has exactly the zoo's per-layer conv/fc MACs", (m, zoo) => {
    const ref = load(m);
    const ours = resolveNetwork(ZOO[zoo].build());
    const work = (n: typeof ours) => n.layers.filter((l) => l.kind === "conv" || l.kind === "fc").map((l) => l.macs);
    expect(work(ref)).toEqual(work(ours));
    expect([ref.totals.convMacs, ref.totals.fcMacs]).toEqual([ours.totals.convMacs, ours.totals.fcMacs]);
  });

  it("maps fused ReLUs, OP_RELU nodes, eltwise sums and drops dropout", () => {
    const alex = referenceToSpec(raw("alexnet"), file("alexnet"));
    expect(alex.layers.filter((l) => l.kind === "conv").every((l) => "activation" in l && l.activation === "relu")).toBe(true);
    const r18 = resolveNetwork(referenceToSpec(raw("resnet18"), file("resnet18")));
    expect(r18.layers.filter((l) => l.kind === "add").length).toBe(8);
    const v16 = referenceToSpec(raw("vgg16"), file("vgg16"));
    expect(v16.layers.some((l) => l.name.includes("dropout"))).toBe(false);
    expect(v16.layers.filter((l) => l.kind === "activation").length).toBe(15);
  });

  /**
   * msra_A: the 16 convs equal our msra1 (He et al. 2015 model A), but its SPP pools the 512×14×14 map to
   * 7×7 (2×2/2), 2×3 (5×5/5 with one column of left padding), 2×2 (7×7/7) and 1×1: 49 + 6 + 4 + 1 = 60 bins,
   * fc6 input 30720. The paper's bins {7, 3, 2, 1} give 63 bins, fc6 input 32256.
   */
  it("msra_A: same convs as msra1, SPP of 60 instead of 63 bins, hence smaller fc6", () => {
    const ref = load("msra_A");
    const ours = resolveNetwork(ZOO.msra1.build());
    expect(ref.totals.convMacs).toBe(ours.totals.convMacs);
    expect(ref.totals.convMacs).toBe(18_905_112_576);
    const fc6 = (n: typeof ours) => n.layers.find((l) => l.kind === "fc")!.matrix!.rows;
    expect(fc6(ref)).toBe(512 * 60);
    expect(fc6(ours)).toBe(512 * 63);
    expect(ref.totals.fcMacs).toBe(30720 * 4096 + 4096 * 4096 + 4096 * 1000); // 146,702,336
    expect(ours.totals.fcMacs).toBe(32256 * 4096 + 4096 * 4096 + 4096 * 1000); // 152,993,792
    expect(ref.layers.filter((l) => l.kind === "pool" && l.outShape.h === 2 && l.outShape.w === 3).length).toBe(1);
  });

  const alexnet = () => raw("alexnet");
  const err = (data: unknown) => {
    const e = userError(() => referenceToSpec(data, "ref.json"));
    expect(e.file).toBe("ref.json");
    return [e.pointer, e.message];
  };

  it("an output_dim that disagrees with shape inference is an error at that node", () => {
    const d = alexnet();
    d[2].output_dim = [1, 64, 28, 28];
    expect(err(d)).toEqual(["/2/output_dim", "output_dim [1,64,28,28] disagrees with the inferred output 64×27×27"]);
  });

  it("a declared input_channel that disagrees is an error", () => {
    const d = alexnet();
    (d[11].param as Record<string, number>).input_channel = 9000;
    expect(err(d)).toEqual(["/11/param/input_channel", "input_channel 9000 disagrees with the inferred input 9216×1×1 (expected 9216)"]);
  });

  it("unsupported operations, unknown codes and malformed params", () => {
    const d1 = alexnet();
    d1[3].operation = "OP_LSTM";
    expect(err(d1)[0]).toBe("/3/operation");
    expect(err(d1)[1]).toMatch(/^unsupported operation "OP_LSTM"/);
    const d2 = alexnet();
    d2[1].act_type = 3;
    expect(err(d2)).toEqual(["/1/act_type", "expected 0 (ReLU), found 3"]);
    const d3 = alexnet();
    (d3[1].param as Record<string, unknown>).kernel_h = "11";
    expect(err(d3)).toEqual(["/1/param/kernel_h", 'expected an integer ≥ 1, found "11"']);
    const d4 = alexnet();
    (d4[2].param as Record<string, unknown>).pool_method = 2;
    expect(err(d4)).toEqual(["/2/param/pool_method", "expected 0 (max) or 1 (average), found 2"]);
    const d5 = alexnet();
    d5.splice(0, 1);
    expect(err(d5)).toEqual(["/0/operation", "expected exactly one OP_INPUT node, found 0"]);
  });

  it("a shape error inside the converted network points at the reference node", () => {
    const d = alexnet();
    (d[1].param as Record<string, number>).kernel_h = 300;
    const [pointer, message] = err(d);
    expect(pointer).toBe("/1");
    expect(message).toMatch(/kernel 300 larger than padded input 228 \(kernel\)$/);
  });

  it("structural problems are schema errors with a pointer", () => {
    expect(err([{ operation: "OP_INPUT" }])[0]).toBe("/");
    expect(err([{ operation: "OP_INPUT", name: "x", output_dim: [1, 3, 8, 8] }, { operation: "OP_CONV" }])[0]).toBe("/1/name");
  });
});
