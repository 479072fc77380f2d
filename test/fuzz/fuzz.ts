// Seeded fuzzing through the harness: real resources of every judged kind, mutated with nulls,
// wrong types, huge arrays, deep nesting, unknown and secret values. No RPC error and no policy
// exception is ever acceptable.
import { isSecret, ResourceInput, secret, Session, UNKNOWN_STRING } from "../../harness";
import { mixedResources, rng } from "../../bench/resources";

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];

function deep(depth: number, leaf: unknown, r: Rand): unknown {
    let v = leaf;
    for (let i = 0; i < depth; i++) v = r() < 0.5 ? [v] : { nested: v };
    return v;
}

const REPLACEMENTS: ((r: Rand, old: unknown) => unknown)[] = [
    () => null,
    () => UNKNOWN_STRING,
    (_r, old) => secret(old ?? "s3cr3t"),
    r => pick(r, [0, -1, 65536, 1.5, 1e308]),
    r => pick(r, ["", "ALL", "true", "0", "*", "0.0.0.0/0", "../..", "x".repeat(5000)]),
    r => r() < 0.5,
    () => [],
    () => ({}),
    // Huge and deep, but of small leaves: google-protobuf's Struct decoding in the SDK takes seconds
    // on megabytes of nested copies, which would only measure the SDK.
    (r, old) => Array.from({ length: 1000 + Math.floor(r() * 2000) }, () => (typeof old === "object" ? {} : old)),
    r => deep(20 + Math.floor(r() * 60), pick(r, [{}, "x", 0, null]), r),
    () => undefined, // delete
];

/**
 * Every (parent, key) in the tree, so a mutation can hit any depth. A secret is one value: the
 * engine never sends a malformed one (and @pulumi/policy's Remediate never answers if it gets one).
 */
function slots(v: unknown, out: [any, string | number][] = [], depth = 0): [any, string | number][] {
    if (depth > 30 || v === null || typeof v !== "object" || isSecret(v)) return out;
    if (Array.isArray(v)) v.forEach((x, i) => { out.push([v, i]); slots(x, out, depth + 1); });
    else for (const [k, x] of Object.entries(v)) { out.push([v, k]); slots(x, out, depth + 1); }
    return out;
}

/** `count` mutated resources for `seed`, each with 1-4 mutations. */
export function mutatedResources(seed: number, count: number): ResourceInput[] {
    const r = rng(seed);
    return mixedResources(count, seed).map(res => {
        const props = JSON.parse(JSON.stringify(res.props));
        const n = 1 + Math.floor(r() * 4);
        for (let i = 0; i < n; i++) {
            const all = slots(props);
            if (all.length === 0) break;
            const [parent, key] = pick(r, all);
            const next = pick(r, REPLACEMENTS)(r, parent[key]);
            if (next === undefined) {
                if (Array.isArray(parent)) parent.splice(key as number, 1); else delete parent[key];
            } else parent[key] = next;
        }
        return { ...res, props };
    });
}

export interface FuzzFailure { seed: number; resource?: string; error: string }

/** One seeded round through a running session: Remediate + Analyze each resource, then AnalyzeStack. */
export async function fuzzRound(s: Session, seed: number, count: number): Promise<FuzzFailure[]> {
    const failures: FuzzFailure[] = [];
    const resources = mutatedResources(seed, count);
    try {
        const result = await s.run(resources);
        for (const res of result.resources) {
            for (const d of res.diagnostics) {
                if (/can't run|Error/.test(d.message)) failures.push({ seed, resource: res.resource.name, error: d.message });
            }
        }
        for (const d of result.stack) if (/can't run|Error/.test(d.message)) failures.push({ seed, error: d.message });
    } catch (e: any) {
        // Find the culprit resource for the report.
        for (const res of resources) {
            try {
                await s.analyzeResource(res);
            } catch (e2: any) {
                failures.push({ seed, resource: res.name, error: String(e2.details ?? e2.message) });
                return failures;
            }
        }
        failures.push({ seed, error: `AnalyzeStack: ${e.details ?? e.message}` });
    }
    return failures;
}
