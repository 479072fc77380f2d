// Analyze throughput on mixed resources: aks-guard against a floor pack with as many trivial
// policies (each reads the type and one property, so @pulumi/policy deserializes the resource once
// per policy, the SDK's own cost for a pack of this size) and against a one-policy pack.
import * as fs from "fs";
import { PACK_DIR, ResourceInput, Session } from "../harness";
import { policies } from "../policies/catalog";
import { makePack, removePack } from "./packs";
import { BenchRow, median } from "./report";
import { mixedResources } from "./resources";

export function floorPack(n: number): string {
    return makePack("floor", `
const policies = [];
for (let i = 0; i < ${n}; i++) {
    policies.push({
        name: "trivial-" + i,
        description: "reads the type and one property",
        enforcementLevel: "advisory",
        validateResource: (args, report) => {
            if (args.type === "none:none:None" && args.props.metadata === 42) report("never");
        },
    });
}
new PolicyPack("floor", { policies });`);
}

/** Peak resident memory of a process, in MB (Linux). */
export function peakMB(pid: number | undefined): number {
    try {
        const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
        return m ? Number(m[1]) / 1024 : NaN;
    } catch {
        return NaN;
    }
}

async function analyzeAll(dir: string, resources: ResourceInput[]): Promise<{ ms: number; peak: number }> {
    const s = await Session.start({}, { packDir: dir });
    try {
        let next = 0;
        const t0 = process.hrtime.bigint();
        await Promise.all(Array.from({ length: 8 }, async () => {
            while (next < resources.length) await s.pack.analyze(resources[next++]);
        }));
        const ms = Number(process.hrtime.bigint() - t0) / 1e6;
        return { ms, peak: peakMB(s.pack.pid) };
    } finally {
        await s.close();
    }
}

export async function analyzeBench(count = 5000, rounds = 3): Promise<BenchRow[]> {
    const resources = mixedResources(count);
    const floor = floorPack(policies.length), one = floorPack(1);
    try {
        const runs: Record<string, { ms: number[]; peak: number[] }> = { ours: { ms: [], peak: [] }, floor: { ms: [], peak: [] }, one: { ms: [], peak: [] } };
        for (let i = 0; i < rounds; i++) {
            for (const [k, dir] of [["floor", floor], ["ours", PACK_DIR], ["one", one]] as const) {
                const r = await analyzeAll(dir, resources);
                runs[k].ms.push(r.ms);
                runs[k].peak.push(r.peak);
            }
        }
        const ms = (k: string) => median(runs[k].ms), peak = (k: string) => Math.max(...runs[k].peak);
        return [
            { name: `Analyze ${count}: floor pack (${policies.length} trivial policies)`, value: ms("floor"), unit: "ms" },
            { name: `Analyze ${count}: one-policy pack`, value: ms("one"), unit: "ms" },
            { name: `Analyze ${count}: aks-guard vs floor`, value: ms("ours"), unit: "ms", ratio: ms("ours") / ms("floor"), target: 1.2 },
            { name: `Analyze ${count}: aks-guard vs one-policy pack`, value: ms("ours"), unit: "ms", ratio: ms("ours") / ms("one") },
            { name: "peak memory: floor pack", value: peak("floor"), unit: "MB" },
            { name: "peak memory: aks-guard", value: peak("ours"), unit: "MB", ratio: peak("ours") / peak("floor") },
        ];
    } finally {
        removePack(floor);
        removePack(one);
    }
}
