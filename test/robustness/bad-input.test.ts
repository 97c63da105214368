/**
 * Bad input reaching the CLI (issue 18, items 4–6): each is exit 2 with one line naming the file (or
 * option) and the field, nothing left in the output folder.
 */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { CHAIN4, SMALL, file, run, spec, userError } from "./cli.ts";

const crossbar128 = (fields: object) => ({ crossbar: [{ size: 128, ...fields, source: "test: a hostile figure" }] });

describe.concurrent("zero and near-zero component costs (item 4)", () => {
  it("a crossbar of zero power is refused naming the override file and field; nothing is left behind", async () => {
    const f = file(crossbar128({ staticPowerMw: 0, dynamicPowerMw: 0, peakPowerMw: 0 }));
    await userError(["synth", CHAIN4, "--power", "5W", "--workers", "1", "--override", f], new RegExp(`${f}: /crossbar/0/peakPowerMw: expected a value that must be >= 0\\.000001, found 0`));
  });

  it("a crossbar of near-zero power synthesizes: the crossbar share is capped at full duplication", async () => {
    const f = file(crossbar128({ staticPowerMw: 0, dynamicPowerMw: 0, peakPowerMw: 1e-6 }));
    const r = await run(["synth", CHAIN4, "--power", "5W", "--override", f, ...SMALL, "--json"]);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).summary.gopsPerW).toBeGreaterThan(0);
    expect(r.written.filter((d) => d.startsWith("."))).toEqual([]);
  });
});

describe.concurrent("non-finite and out-of-range numbers (item 5)", () => {
  it("1e999 in an override is refused at parse time with its JSON pointer", async () => {
    const f = file('{ "crossbar": [ { "size": 128, "peakPowerMw": 1e999, "source": "test: too big" } ] }');
    await userError(["synth", CHAIN4, "--power", "5W", "--override", f], new RegExp(`${f}: /crossbar/0/peakPowerMw: expected a finite number`));
    await userError(["presets", "isaac-isca16", "--json", "--override", f], /\/crossbar\/0\/peakPowerMw: expected a finite number/);
  });

  it("1e999 output channels and a zero latency are refused", async () => {
    const net = file('{"schemaVersion":1,"name":"n","input":{"name":"x","shape":[3,8,8]},"layers":[{"name":"c","kind":"conv","outChannels":1e999,"kernel":[3,3]}]}');
    await userError(["models", net], new RegExp(`${net}: /layers/0/outChannels: expected a finite number`));
    await userError(["synth", CHAIN4, "--power", "5W", "--override", file(crossbar128({ latencyNs: 0 }))], /\/crossbar\/0\/latencyNs: expected a value that must be >= 0\.000001/);
  });
});

describe.concurrent("evaluate checks an architecture before computing with it (item 6)", () => {
  const alexnet = () => JSON.parse(readFileSync(spec("examples/reference-alexnet.arch.json"), "utf8"));
  const MODEL = ["--model", spec("reference/pimsyn-nn/models_JSON_alexnet.json")];

  it("a mismatched network hash and an allocation beyond the chip are refused (the other rules: test/hardware/arch-check.test.ts)", async () => {
    const a = alexnet();
    a.mapping.network.hash = "0123456789abcdef";
    const f = file(a);
    await userError(["evaluate", f, ...MODEL], new RegExp(`${f}: /mapping/network/hash: mapping is for models_JSON_alexnet with hash 0123456789ab, but the network given hashes to [0-9a-f]{12}`));
    const b = alexnet();
    b.mapping.layers[0].allocation.adc = 1e6;
    const g = file(b);
    await userError(["evaluate", g, ...MODEL], new RegExp(`${g}: /mapping/layers/0/allocation/adc: the layers are allocated \\d+ ADCs`));
  });

  it("--model on a spec without a mapping is refused, not ignored", async () => {
    await userError(["evaluate", spec("examples/isaac.arch.json"), "--model", "vgg16"], /--model: .*isaac\.arch\.json has no mapping section/);
  });

  it("a hardware error names the arch file", async () => {
    const a = JSON.parse(readFileSync(spec("examples/isaac.arch.json"), "utf8"));
    a.hardware.chip.children[0].children[0].components[0].select = { bits: 3 };
    const f = file(a);
    await userError(["evaluate", f], new RegExp(`${f}: /hardware/chip/children/0/children/0/components/0: preset isaac-isca16 has no 3-bit ADC`));
  });
});
