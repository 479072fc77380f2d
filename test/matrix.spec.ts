// The catalog-wide matrix: every policy's contract (exported by its spec) run under preview-time
// unknowns, secrets, exemptions, disabling and malformed values. A new policy is covered by
// exporting its contract; this file does not change.
//
// Each case is judged by the in-process evaluator (harness/inprocess.ts, what `aks-guard check`
// runs, built to give the engine's verdicts); then, per policy and pack config, one test sends
// every case of that config to the real pack process over the analyzer protocol (one Configure,
// the runs back to back) and requires the same run results, so the engine stays the reference.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { Diagnostic, ResourceInput, RunResult, secret, UNKNOWN_STRING } from "../harness";
import { InProcessSession } from "../harness/inprocess";
import { CLUSTER_SCOPED_KINDS } from "../policies/lib/k8s";
import { policies } from "../policies/catalog";
import { PolicyContract, session, workload, WORKLOADS } from "./support/util";

function contracts(): PolicyContract[] {
    const out: PolicyContract[] = [];
    // Each spec is read for its contract only: its suites are not registered here (mocha loads the
    // file itself, in serial and in parallel runs alike), and it leaves the require cache again.
    const names = ["describe", "context", "it", "specify", "before", "after", "beforeEach", "afterEach", "xdescribe", "xit"] as const;
    const g = globalThis as unknown as Record<string, unknown>;
    const saved = names.map(n => g[n]);
    const none = Object.assign(() => undefined, { skip: () => undefined, only: () => undefined });
    const walk = (dir: string) => {
        for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
            const p = path.join(dir, e.name);
            if (e.isDirectory()) walk(p);
            else if (e.name.endsWith(".spec.js")) {
                const cached = require.cache[p] !== undefined;
                const c = require(p).contract as PolicyContract | undefined;
                if (!cached) delete require.cache[p];
                if (c) out.push(c);
            }
        }
    };
    try {
        for (const n of names) g[n] = none;
        walk(path.join(__dirname, "policies"));
    } finally {
        names.forEach((n, i) => { g[n] = saved[i]; });
    }
    return out;
}

const copy = <T>(v: T): T => JSON.parse(JSON.stringify(v));

/** The bad case with the offending field replaced (or removed when `value` is `undefined`). */
function withField(c: PolicyContract, value: unknown): ResourceInput[] {
    const bad = copy(c.bad);
    let cur: any = bad[c.target].props;
    for (const k of c.field.slice(0, -1)) cur = cur[k];
    const last = c.field[c.field.length - 1];
    if (value === undefined) delete cur[last];
    else cur[last] = value;
    return bad;
}

function fieldValue(c: PolicyContract): unknown {
    let cur: any = c.bad[c.target].props;
    for (const k of c.field) cur = cur?.[k];
    return cur;
}

/** The bad case with an unknown value in a field no policy judges. */
function withUnrelatedUnknown(c: PolicyContract): ResourceInput[] {
    const bad = copy(c.bad);
    const props: any = bad[c.target].props;
    if (props.metadata && typeof props.metadata === "object") {
        props.metadata.annotations = { ...props.metadata.annotations, "example.com/build": UNKNOWN_STRING };
    } else {
        props.tags = { ...props.tags, build: UNKNOWN_STRING };
    }
    return bad;
}

/** For a workload policy whose bad case is a Deployment: the same bad pod in `kind`. */
function inKind(c: PolicyContract, kind: string): ResourceInput[] | undefined {
    const target = c.bad[c.target];
    const pod = (target.props as any).spec?.template;
    if (!/^kubernetes:apps\/v1:Deployment$/.test(target.type) || !pod?.spec) return undefined;
    const bad = copy(c.bad);
    const meta = (target.props as any).metadata ?? {};
    bad[c.target] = workload(kind, copy(pod.spec), { name: meta.name, namespace: meta.namespace, podMetadata: pod.metadata });
    return bad;
}

/** One evaluation: a pack config (a `--policy-pack-config` file's JSON) and the resources judged under it. */
interface Evaluation { given: Record<string, unknown>; resources: ResourceInput[] }

let inProcess: Promise<InProcessSession> | undefined;

/** The run result of the in-process evaluator (one instance for the file, reconfigured per evaluation). */
async function runInProcess(e: Evaluation): Promise<RunResult> {
    inProcess ??= InProcessSession.start({});
    const s = await inProcess;
    await s.reconfigure(e.given);
    return s.run(e.resources);
}

/** test/support/util's judge: `policy` mandatory with `config` as its settings, every other policy disabled. */
function judged(policy: string, resources: ResourceInput[], config: Record<string, unknown>): Evaluation {
    if (!policies.some(p => p.name === policy)) throw new Error(`${policy} is not in the pack's catalog`);
    return { given: { all: "disabled", [policy]: { enforcementLevel: "mandatory", ...config } }, resources };
}

const diagnosticsOf = (r: RunResult): Diagnostic[] => [...r.resources.flatMap(x => x.diagnostics), ...r.stack];
const ofPolicy = (policy: string) => (r: RunResult): Diagnostic[] => diagnosticsOf(r).filter(d => d.policyName === policy);

/** What the cross-check compares: everything a run gives but the catalog (compared once per session). */
const verdict = (r: RunResult) => ({
    config: r.config, warnings: r.warnings, stack: r.stack,
    resources: r.resources.map(x => ({ props: x.props, remediations: x.remediations, diagnostics: x.diagnostics })),
});

const all = contracts();

/** What excludeResources matches on a Kubernetes object: `namespace/name` (metadata, else default), or a cluster-scoped object's name. */
function exemptionName(r: ResourceInput): string {
    const p = r.props as any;
    const name = p.metadata?.name ?? r.name;
    if (CLUSTER_SCOPED_KINDS.has(String(p.kind))) return name;
    const ns = p.metadata?.namespace ?? p.namespace ?? (r.provider?.props as any)?.namespace ?? "default";
    return `${ns}/${name}`;
}

describe("catalog matrix", () => {
    it("has a contract for every policy of the catalog", () => {
        const covered = new Set(all.map(c => c.policy));
        assert.deepStrictEqual(policies.map(p => p.name).filter(n => !covered.has(n)), []);
    });

    for (const c of all) {
        describe(c.policy, () => {
            const cfg = c.config ?? {};
            const isK8s = c.bad[c.target].type.startsWith("kubernetes:");
            const evaluations: Evaluation[] = [];
            /** A test on the in-process run results of `cases`; the cases join the cross-check below. */
            const matrixIt = (title: string, cases: Evaluation[], check: (results: RunResult[]) => void) => {
                evaluations.push(...cases);
                it(title, async () => {
                    const results: RunResult[] = [];
                    for (const e of cases) results.push(await runInProcess(e));
                    check(results);
                });
            };
            const judge = (resources: ResourceInput[], config = cfg) => judged(c.policy, resources, config);
            const verdicts = (results: RunResult[]) => results.map(ofPolicy(c.policy));

            matrixIt("fires on its bad case", [judge(c.bad)], rs => {
                assert.ok(verdicts(rs)[0].length > 0);
            });

            if (inKind(c, "Pod")) {
                const kinds = Object.keys(WORKLOADS);
                matrixIt("fires on the same bad pod in every workload kind", kinds.map(kind => judge(inKind(c, kind)!)), rs => {
                    const silent = kinds.filter((_, i) => verdicts(rs)[i].length === 0);
                    assert.deepStrictEqual(silent, []);
                });
            }

            matrixIt("(a) still fires when an unrelated field is unknown", [judge(withUnrelatedUnknown(c))], rs => {
                assert.ok(verdicts(rs)[0].length > 0);
            });

            matrixIt("(b) defers when the offending field is unknown", [judge(withField(c, UNKNOWN_STRING))], rs => {
                assert.deepStrictEqual(verdicts(rs)[0], []);
            });

            const value = fieldValue(c);
            matrixIt("(c) judges a secret by its value and never repeats it", [judge(withField(c, secret(value)))], rs => {
                const ds = verdicts(rs)[0];
                assert.ok(ds.length > 0, "a secret-wrapped bad value still fires");
                if (typeof value === "string") for (const d of ds) assert.ok(!d.message.includes(value), d.message);
            });

            const target = c.bad[c.target];
            const ns = (target.props as any).metadata?.namespace;
            const byNamespace = isK8s && typeof ns === "string";
            // Round 3: a Kubernetes object by its namespace/name (or a cluster-scoped one's name), an Azure resource by its Pulumi name.
            const name = isK8s ? exemptionName(target) : target.name;
            const namespaced = isK8s && !CLUSTER_SCOPED_KINDS.has(String((target.props as any).kind));
            matrixIt("(d) exemptions silence exactly the matching resources", [
                judge(c.bad, { ...cfg, excludeResources: [name] }),
                judge(c.bad, { ...cfg, excludeResources: [`${name}-other`] }),
                ...(namespaced ? [judge(c.bad, { ...cfg, excludeResources: [target.name] })] : []),
                ...(byNamespace ? [judge(c.bad, { ...cfg, excludeNamespaces: [ns] }), judge(c.bad, { ...cfg, excludeNamespaces: [`${ns}-other`] })] : []),
            ], rs => {
                const vs = verdicts(rs);
                const [exempt, other] = vs;
                const byPulumiName = namespaced ? vs[2] : undefined;
                const [nsExempt, nsOther] = vs.slice(namespaced ? 3 : 2);
                assert.deepStrictEqual(exempt, []);
                assert.ok(other.length > 0);
                if (byPulumiName) assert.ok(byPulumiName.length > 0, "never by the Pulumi name");
                if (byNamespace) {
                    assert.deepStrictEqual(nsExempt, []);
                    assert.ok(nsOther.length > 0);
                }
            });

            matrixIt("(e) disabled silences only this policy", [
                { given: { [c.policy]: { ...cfg } }, resources: c.bad },
                { given: { [c.policy]: { enforcementLevel: "disabled", ...cfg } }, resources: c.bad },
            ], rs => {
                const [on, off] = rs.map(r => diagnosticsOf(r).map(d => `${d.policyName}: ${d.message}`).sort());
                assert.deepStrictEqual(off, on.filter(m => !m.startsWith(`${c.policy}: `)));
                assert.ok(on.length > off.length);
            });

            for (const [label, v] of [["null", null], ["a string", "not-a-valid-value"], ["a number", 42], ["an object", { unexpected: true }], ["a list", [1, "x"]], ["missing", undefined]] as const) {
                matrixIt(`(f) gives a clean verdict when the field is ${label}`, [judge(withField(c, v))], rs => {
                    for (const d of verdicts(rs)[0]) assert.ok(!/can't run|Error/.test(d.message), d.message);
                });
            }

            // The cross-check: per pack config, every case above through the pack process at once.
            const judgesAlone = typeof (policies.find(p => p.name === c.policy) as { validateStack?: unknown } | undefined)?.validateStack !== "function";
            const byConfig = new Map<string, Evaluation[]>();
            for (const e of evaluations) {
                const key = JSON.stringify(e.given);
                byConfig.set(key, [...(byConfig.get(key) ?? []), e]);
            }
            for (const [key, cases] of byConfig) {
                it(`the pack process gives the same run results on the ${cases.length} case(s) under ${key}`, async () => {
                    const engine = await session();
                    await engine.reconfigure(cases[0].given);
                    const here: ReturnType<typeof verdict>[] = [];
                    for (const e of cases) here.push(verdict(await runInProcess(e)));
                    let there: ReturnType<typeof verdict>[];
                    if (judgesAlone && cases[0].given.all === "disabled") {
                        // Only this policy runs, and it judges each resource alone: every case in one
                        // run, cut back into cases (the run's stack diagnostics, none, go with each).
                        const run = await engine.run(cases.flatMap(e => e.resources));
                        let at = 0;
                        there = cases.map(e => verdict({ ...run, resources: run.resources.slice(at, (at += e.resources.length)) }));
                    } else {
                        there = (await Promise.all(cases.map(e => engine.run(e.resources)))).map(verdict);
                    }
                    assert.deepStrictEqual(here, there);
                });
            }
        });
    }
});
