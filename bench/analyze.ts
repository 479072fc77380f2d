// Analyze throughput on mixed resources, the calls sent one at a time as the engine sends them.
// aks-guard against three references measured in the same run:
// - the floor: as many trivial resource policies as aks-guard has (each reads the type and one
//   property, so @pulumi/policy deserializes the resource once per policy, the SDK's own cost for
//   a pack of this size; stack policies take no part in Analyze);
// - the echo pack: aks-guard's resource policies by name, description, level and severity, each
//   replaying, by URN, the diagnostics aks-guard itself reported on that resource and its
//   not-applicable answer (a kind it does not judge, an exemption, a deferral), with no rule
//   logic: the SDK's real floor for the same output (Pulumi's summaries count not applicable
//   apart from passed; the SDK reports it by an exception, which costs what it costs);
// - a one-policy pack.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { Diagnostic, NotApplicable, PACK_DIR, ResourceInput, Session, urnOf } from "../harness";
import { policies } from "../policies/catalog";
import { makePack, removePack } from "./packs";
import { BenchRow, median } from "./report";
import { mixedResources } from "./resources";

/** The catalog's resource policies: the ones Analyze runs. */
export const resourcePolicies = () => policies.filter((p): p is ResourceValidationPolicy & typeof p => "validateResource" in p);

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

/** `{ urn: { policy: { messages, notApplicable } } }`: what a pack answered per resource (messages without the description line). */
export type Replay = Record<string, Record<string, { messages: string[]; notApplicable?: string }>>;

/**
 * A pack with aks-guard's name and resource policies' metadata whose policies only look up, by
 * URN, the messages in `replay` (written beside it as replay.json) and report them.
 */
export function echoPack(replay: Replay): string {
    const meta = resourcePolicies().map(p => ({ name: p.name, description: p.description, enforcementLevel: p.enforcementLevel, severity: p.severity }));
    const dir = makePack("echo", `
const replay = require("./replay.json");
const none = {};
new PolicyPack("aks-guard", {
    policies: ${JSON.stringify(meta)}.map(p => ({
        ...p,
        validateResource: (args, report) => {
            const found = (replay[args.urn] || none)[p.name];
            if (!found) return;
            for (const m of found.messages) report(m);
            if (found.notApplicable !== undefined) args.notApplicable(found.notApplicable);
        },
    })),
});`);
    fs.writeFileSync(path.join(dir, "replay.json"), JSON.stringify(replay));
    return dir;
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

/** CPU time (user + system) a process has used so far, in ms (Linux /proc; NaN elsewhere). */
export function cpuMsOf(pid: number | undefined): number {
    try {
        const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").replace(/^.*\) /, "").split(" ");
        // utime and stime are fields 14 and 15 of stat (11 and 12 after the command name), in clock ticks (100 a second here).
        return (Number(fields[11]) + Number(fields[12])) * 10;
    } catch {
        return NaN;
    }
}

const withUrn = (r: ResourceInput): ResourceInput => ({ ...r, urn: r.urn ?? urnOf(r.type, r.name) });

/** Every resource through Analyze, one call at a time (the engine awaits each step's analysis). */
async function analyzeAll(dir: string, resources: ResourceInput[], keep?: Answer[]): Promise<{ ms: number; peak: number; packCpu: number }> {
    const s = await Session.start({}, { packDir: dir });
    try {
        const cpu0 = cpuMsOf(s.pack.pid);
        const t0 = process.hrtime.bigint();
        for (const r of resources) {
            const answer = await s.pack.analyzeWithNotApplicable(r);
            keep?.push(answer);
        }
        const ms = Number(process.hrtime.bigint() - t0) / 1e6;
        return { ms, peak: peakMB(s.pack.pid), packCpu: cpuMsOf(s.pack.pid) - cpu0 };
    } finally {
        await s.close();
    }
}

type Answer = { diagnostics: Diagnostic[]; notApplicable: NotApplicable[] };

/** The diagnostics and not-applicable answers as comparable lines, in report order. */
const lines = (as: Answer[]) => as.map(a => [
    ...a.diagnostics.map(d => `${d.policyName} ${d.enforcementLevel} ${d.severity} ${d.message}`),
    ...a.notApplicable.map(n => `${n.policyName} not applicable: ${n.reason}`),
]);

export async function analyzeBench(count = 5000, rounds = 3): Promise<BenchRow[]> {
    const resources = mixedResources(count).map(withUrn);
    const nResource = resourcePolicies().length;

    // What aks-guard reports, for the echo pack to replay (and to check that it replays it exactly).
    const ours: Answer[] = [];
    await analyzeAll(PACK_DIR, resources, ours);
    const replay: Replay = {};
    const entry = (urn: string, policy: string) => ((replay[urn] ??= {})[policy] ??= { messages: [] });
    resources.forEach((r, i) => {
        for (const d of ours[i].diagnostics) {
            const cut = d.message.startsWith(`${d.description}\n`) ? d.description.length + 1 : 0;
            entry(r.urn!, d.policyName).messages.push(d.message.slice(cut));
        }
        for (const n of ours[i].notApplicable) entry(r.urn!, n.policyName).notApplicable = n.reason;
    });

    const floor = floorPack(nResource), echo = echoPack(replay), one = floorPack(1);
    try {
        const echoed: Answer[] = [];
        await analyzeAll(echo, resources, echoed);
        assert.deepStrictEqual(lines(echoed), lines(ours), "the echo pack must answer exactly what aks-guard answers");

        const packs = { floor, ours: PACK_DIR, echo, one };
        const runs: Record<string, { ms: number[]; peak: number[]; cpu: number[] }> = {};
        for (const k of Object.keys(packs)) runs[k] = { ms: [], peak: [], cpu: [] };
        for (let i = 0; i < rounds; i++) {
            for (const [k, dir] of Object.entries(packs)) {
                const r = await analyzeAll(dir, resources);
                runs[k].ms.push(r.ms);
                runs[k].peak.push(r.peak);
                runs[k].cpu.push(r.packCpu);
            }
        }
        const ms = (k: string) => median(runs[k].ms), peak = (k: string) => Math.max(...runs[k].peak), cpu = (k: string) => median(runs[k].cpu);
        const found = ours.reduce((n, a) => n + a.diagnostics.length, 0);
        const skipped = ours.reduce((n, a) => n + a.notApplicable.length, 0);
        return [
            { name: `Analyze ${count} (sequential): floor pack (${nResource} trivial resource policies)`, value: ms("floor"), unit: "ms" },
            { name: `Analyze ${count}: echo pack (${nResource} policies replaying ${found} diagnostics and ${skipped} not-applicable answers)`, value: ms("echo"), unit: "ms" },
            { name: `Analyze ${count}: one-policy pack`, value: ms("one"), unit: "ms" },
            { name: `Analyze ${count}: aks-guard vs floor`, value: ms("ours"), unit: "ms", ratio: ms("ours") / ms("floor"), target: 1.2 },
            { name: `Analyze ${count}: aks-guard vs echo pack`, value: ms("ours"), unit: "ms", ratio: ms("ours") / ms("echo") },
            { name: `Analyze ${count}: echo pack vs floor`, value: ms("echo"), unit: "ms", ratio: ms("echo") / ms("floor") },
            { name: `Analyze ${count}: aks-guard vs one-policy pack`, value: ms("ours"), unit: "ms", ratio: ms("ours") / ms("one") },
            // The pack process's own CPU, without the harness's decoding of the answers (the engine decodes them in Go).
            { name: `Analyze ${count}: pack process CPU, aks-guard vs floor`, value: cpu("ours"), unit: "ms", ratio: cpu("ours") / cpu("floor") },
            { name: `Analyze ${count}: pack process CPU, aks-guard vs echo pack`, value: cpu("ours"), unit: "ms", ratio: cpu("ours") / cpu("echo") },
            { name: `Analyze ${count}: pack process CPU, echo pack vs floor`, value: cpu("echo"), unit: "ms", ratio: cpu("echo") / cpu("floor") },
            { name: "peak memory: floor pack", value: peak("floor"), unit: "MB" },
            { name: "peak memory: echo pack", value: peak("echo"), unit: "MB" },
            { name: "peak memory: aks-guard vs floor", value: peak("ours"), unit: "MB", ratio: peak("ours") / peak("floor") },
            { name: "peak memory: aks-guard vs echo pack", value: peak("ours"), unit: "MB", ratio: peak("ours") / peak("echo") },
        ];
    } finally {
        removePack(floor);
        removePack(echo);
        removePack(one);
    }
}
