/**
 * Terminal and file leaks (issue 18, item 11): user text (network, layer and ONNX node names) reaches the
 * terminal escaped, and no error quotes a file's content. Unit tests: test/cli/terminal.test.ts, test/io/json.test.ts.
 */
import { describe, expect, it } from "vitest";
import { buildModel, node } from "../network/onnx/builder.ts";
import { CHAIN4, file, run, userError } from "./cli.ts";

describe.concurrent("terminal and file leaks (item 11)", () => {
  const ESC = "\u001b";
  const evilNames = [`c${ESC}]0;pwned\u0007`, `d${ESC}[2J\u009b31m\u202e`];

  it("names from a network file print escaped, never as control sequences", async () => {
    const net = file({ schemaVersion: 1, name: `net${ESC}]52;c;aGk=\u0007`, input: { name: "x", shape: [3, 8, 8] }, layers: evilNames.map((name) => ({ name, kind: "conv", outChannels: 4, kernel: [3, 3] })) });
    const r = await run(["models", net]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).not.toMatch(/[\u001b\u0007\u009b\u202e]/);
    expect(r.stdout).toContain("c\\u001b]0;pwned\\u0007");
    const j = await run(["models", net, "--json"]);
    expect(j.stdout).not.toMatch(/[\u001b\u0007\u009b\u202e]/);
    expect(JSON.parse(j.stdout).layers[1].name).toBe(evilNames[1]); // escaped, not altered
  });

  it("ONNX node names print escaped", async () => {
    const onnx = file(
      buildModel({
        inputs: [{ name: "x", dims: [1, 3, 8, 8] }, { name: "w", dims: [4, 3, 3, 3] }],
        nodes: [node("Conv", ["x", "w"], [`y${ESC}]8;;http://evil${ESC}\\`], {}, `conv${ESC}[31m`)],
        outputs: [`y${ESC}]8;;http://evil${ESC}\\`],
      }),
      "onnx",
    );
    const r = await run(["models", onnx]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout + r.stderr).not.toContain(ESC);
  });

  it("file contents are never echoed: a passwd-like file as an override's base or as an arch", async () => {
    const passwd = file("root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1::/usr/sbin:/usr/sbin/nologin\n", "txt");
    const ovr = file({ base: passwd, crossbar: [] });
    for (const args of [
      ["synth", CHAIN4, "--power", "5W", "--override", ovr],
      ["evaluate", passwd],
    ]) {
      const line = await userError(args, new RegExp(passwd));
      expect(line).not.toMatch(/root:x|daemon/);
    }
  });
});
