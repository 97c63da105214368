/** schedule.json and trace.json (Perfetto) into the output folder, atomically; nothing when there is none. */
import { join } from "node:path";
import type { Stage } from "../../src/flow/stage.ts";
import type { ScheduleContext } from "../../src/methods/clsa/context.ts";
import { jsonText, writeFileAtomic } from "../../src/io/atomic.ts";
import { chromeTrace, traceText } from "../../src/methods/clsa/trace.ts";

export const save: Stage<ScheduleContext, "outDir" | "network" | "prepared" | "runs" | "result", "written" | "droppedTasks"> = {
  name: "save",
  needs: ["outDir", "network", "prepared", "runs", "result"],
  adds: ["written", "droppedTasks"],
  run({ outDir, network, prepared, runs, result }) {
    if (!outDir) return { written: [], droppedTasks: 0 };
    const scheduleFile = join(outDir, "schedule.json");
    const traceFile = join(outDir, "trace.json");
    writeFileAtomic(scheduleFile, jsonText(result));
    writeFileAtomic(traceFile, traceText(chromeTrace(prepared.model, network.name, runs[0], prepared.plan.copies)));
    return { written: [scheduleFile, traceFile], droppedTasks: runs[0].tasks?.dropped ?? 0 };
  },
};
