// Analyze throughput on mixed resources, the calls sent one at a time as the engine sends them.
// aks-guard against references measured in the same run:
// - the floor: aks-guard's resource policies by name, description, level and severity, each
//   replaying what aks-guard itself answered on that resource (its diagnostics, and its
//   not-applicable answer: a kind it does not judge by type, an exemption or a deferral by URN),
//   with no rule logic. It is the SDK's floor for the same output: Pulumi's summaries count not
//   applicable apart from passed, and the SDK reports it by an exception, which the floor raises
//   as cheaply as aks-guard does (without a stack trace, policies/lib/policy.ts notApplicable);
// - the bare floor: as many trivial resource policies, each reading the type and one property
//   and answering nothing (@pulumi/policy deserializes a resource's properties once per policy:
//   the SDK's own cost for a pack of this size; stack policies take no part in Analyze). Against
//   it, the cost of the answers themselves shows;
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

/** `n` trivial policies that answer nothing. */
export function bareFloorPack(n: number): string {
    return makePack("bare", `
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

/** What a policy answered on one resource: its messages (without the description line) and its not-applicable reason. */
export type PolicyAnswer = { messages: string[]; notApplicable?: string };

/**
 * What a pack answered, to replay: a not-applicable answer a policy gives every resource of a
 * type (a kind it does not judge) by type, `{ type: { policy: reason } }`; every other answer by
 * URN, `{ urn: { policy: answer } }`. Kept by type, the ~50 answers per resource take no more
 * memory than aks-guard's own tables; by URN they made the floor's heap twice aks-guard's.
 */
export interface Replay {
    byType: Record<string, Record<string, string>>;
    byUrn: Record<string, Record<string, PolicyAnswer>>;
}

/** The replay of `answers`, given per resource as `{ policy: answer }` (a policy that passed it has none). */
export function replayOf(resources: readonly ResourceInput[], answers: readonly Record<string, PolicyAnswer>[]): Replay {
    // Per type and policy: how many resources of the type it answered, and the one not-applicable reason it gave them all (else null).
    const ofType: Record<string, number> = {};
    const same: Record<string, Record<string, { reason: string | null; n: number }>> = {};
    resources.forEach((r, i) => {
        ofType[r.type] = (ofType[r.type] ?? 0) + 1;
        const byPolicy = (same[r.type] ??= {});
        for (const [name, a] of Object.entries(answers[i])) {
            const reason = a.messages.length === 0 && a.notApplicable !== undefined ? a.notApplicable : null;
            const e = byPolicy[name];
            if (!e) byPolicy[name] = { reason, n: 1 };
            else {
                e.n++;
                if (e.reason !== reason) e.reason = null;
            }
        }
    });
    const replay: Replay = { byType: {}, byUrn: {} };
    resources.forEach((r, i) => {
        for (const [name, a] of Object.entries(answers[i])) {
            const e = same[r.type][name];
            if (e.reason !== null && e.n === ofType[r.type]) (replay.byType[r.type] ??= {})[name] = e.reason;
            else (replay.byUrn[r.urn!] ??= {})[name] = a;
        }
    });
    return replay;
}

/**
 * A pack with aks-guard's name and resource policies' metadata whose policies only look up the
 * answers in `replay` (written beside it as replay.json), by URN, else by type, and give them.
 */
export function replayPack(replay: Replay): string {
    const meta = resourcePolicies().map(p => ({ name: p.name, description: p.description, enforcementLevel: p.enforcementLevel, severity: p.severity }));
    const dir = makePack("replay", `
const { byType, byUrn } = require("./replay.json");
const none = {};
// As policies/lib/policy.ts answers not applicable: the SDK's exception, built without a stack trace.
function notApplicable(args, reason) {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
        args.notApplicable(reason);
    } finally {
        Error.stackTraceLimit = limit;
    }
}
new PolicyPack("aks-guard", {
    policies: ${JSON.stringify(meta)}.map(p => ({
        ...p,
        validateResource: (args, report) => {
            const found = (byUrn[args.urn] || none)[p.name];
            if (!found) {
                const reason = (byType[args.type] || none)[p.name];
                if (reason !== undefined) notApplicable(args, reason);
                return;
            }
            for (const m of found.messages) report(m);
            if (found.notApplicable !== undefined) notApplicable(args, found.notApplicable);
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

    // What aks-guard answers, for the floor to replay (and to check that it replays it exactly).
    const ours: Answer[] = [];
    await analyzeAll(PACK_DIR, resources, ours);
    const answers = ours.map(a => {
        const byPolicy: Record<string, PolicyAnswer> = {};
        const entry = (policy: string) => (byPolicy[policy] ??= { messages: [] });
        for (const d of a.diagnostics) {
            const cut = d.message.startsWith(`${d.description}\n`) ? d.description.length + 1 : 0;
            entry(d.policyName).messages.push(d.message.slice(cut));
        }
        for (const n of a.notApplicable) entry(n.policyName).notApplicable = n.reason;
        return byPolicy;
    });
    const replay = replayOf(resources, answers);

    const floor = replayPack(replay), bare = bareFloorPack(nResource), one = bareFloorPack(1);
    try {
        const replayed: Answer[] = [];
        await analyzeAll(floor, resources, replayed);
        assert.deepStrictEqual(lines(replayed), lines(ours), "the floor must answer exactly what aks-guard answers");

        const packs = { floor, ours: PACK_DIR, bare, one };
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
            { name: `Analyze ${count} (sequential): floor, same answers (${nResource} policies replaying ${found} diagnostics and ${skipped} not-applicable answers)`, value: ms("floor"), unit: "ms" },
            { name: `Analyze ${count}: bare floor (${nResource} trivial policies, no answers)`, value: ms("bare"), unit: "ms" },
            { name: `Analyze ${count}: one-policy pack`, value: ms("one"), unit: "ms" },
            { name: `Analyze ${count}: aks-guard vs floor (same answers)`, value: ms("ours"), unit: "ms", ratio: ms("ours") / ms("floor"), target: 1.2 },
            { name: `Analyze ${count}: aks-guard vs bare floor`, value: ms("ours"), unit: "ms", ratio: ms("ours") / ms("bare") },
            { name: `Analyze ${count}: floor (same answers) vs bare floor: what the answers cost`, value: ms("floor"), unit: "ms", ratio: ms("floor") / ms("bare") },
            { name: `Analyze ${count}: aks-guard vs one-policy pack`, value: ms("ours"), unit: "ms", ratio: ms("ours") / ms("one") },
            // The pack process's own CPU, without the harness's decoding of the answers (the engine decodes them in Go).
            { name: `Analyze ${count}: pack process CPU, aks-guard vs floor (same answers)`, value: cpu("ours"), unit: "ms", ratio: cpu("ours") / cpu("floor") },
            { name: `Analyze ${count}: pack process CPU, aks-guard vs bare floor`, value: cpu("ours"), unit: "ms", ratio: cpu("ours") / cpu("bare") },
            { name: `Analyze ${count}: pack process CPU, floor (same answers) vs bare floor`, value: cpu("floor"), unit: "ms", ratio: cpu("floor") / cpu("bare") },
            { name: "peak memory: floor (same answers)", value: peak("floor"), unit: "MB" },
            { name: "peak memory: bare floor", value: peak("bare"), unit: "MB" },
            { name: "peak memory: aks-guard vs floor (same answers)", value: peak("ours"), unit: "MB", ratio: peak("ours") / peak("floor") },
            { name: "peak memory: aks-guard vs bare floor", value: peak("ours"), unit: "MB", ratio: peak("ours") / peak("bare") },
        ];
    } finally {
        removePack(floor);
        removePack(bare);
        removePack(one);
    }
}
