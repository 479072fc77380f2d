// The catalog-wide matrix: every policy's contract (exported by its spec) run through the harness
// under preview-time unknowns, secrets, exemptions, disabling and malformed values. A new policy
// is covered by exporting its contract; this file does not change.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { ResourceInput, secret, UNKNOWN_STRING } from "../harness";
import { CLUSTER_SCOPED_KINDS } from "../policies/lib/k8s";
import { policies } from "../policies/catalog";
import { judge, PolicyContract, session, workload, WORKLOADS } from "./support/util";

function contracts(): PolicyContract[] {
    const out: PolicyContract[] = [];
    const walk = (dir: string) => {
        for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
            const p = path.join(dir, e.name);
            if (e.isDirectory()) walk(p);
            else if (e.name.endsWith(".spec.js")) {
                const c = require(p).contract as PolicyContract | undefined;
                if (c) out.push(c);
            }
        }
    };
    walk(path.join(__dirname, "policies"));
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

            it("fires on its bad case", async () => {
                assert.ok((await judge(c.policy, c.bad, cfg)).length > 0);
            });

            if (inKind(c, "Pod")) {
                it("fires on the same bad pod in every workload kind", async () => {
                    const silent = [];
                    for (const kind of Object.keys(WORKLOADS)) if ((await judge(c.policy, inKind(c, kind)!, cfg)).length === 0) silent.push(kind);
                    assert.deepStrictEqual(silent, []);
                });
            }

            it("(a) still fires when an unrelated field is unknown", async () => {
                assert.ok((await judge(c.policy, withUnrelatedUnknown(c), cfg)).length > 0);
            });

            it("(b) defers when the offending field is unknown", async () => {
                assert.deepStrictEqual(await judge(c.policy, withField(c, UNKNOWN_STRING), cfg), []);
            });

            it("(c) judges a secret by its value and never repeats it", async () => {
                const value = fieldValue(c);
                const ds = await judge(c.policy, withField(c, secret(value)), cfg);
                assert.ok(ds.length > 0, "a secret-wrapped bad value still fires");
                if (typeof value === "string") for (const d of ds) assert.ok(!d.message.includes(value), d.message);
            });

            it("(d) exemptions silence exactly the matching resources", async () => {
                const target = c.bad[c.target];
                // Round 3: a Kubernetes object by its namespace/name (or a cluster-scoped one's name), an Azure resource by its Pulumi name.
                const name = isK8s ? exemptionName(target) : target.name;
                assert.deepStrictEqual(await judge(c.policy, c.bad, { ...cfg, excludeResources: [name] }), []);
                assert.ok((await judge(c.policy, c.bad, { ...cfg, excludeResources: [`${name}-other`] })).length > 0);
                if (isK8s && !CLUSTER_SCOPED_KINDS.has(String((target.props as any).kind))) {
                    assert.ok((await judge(c.policy, c.bad, { ...cfg, excludeResources: [target.name] })).length > 0, "never by the Pulumi name");
                }
                const ns = (target.props as any).metadata?.namespace;
                if (isK8s && typeof ns === "string") {
                    assert.deepStrictEqual(await judge(c.policy, c.bad, { ...cfg, excludeNamespaces: [ns] }), []);
                    assert.ok((await judge(c.policy, c.bad, { ...cfg, excludeNamespaces: [`${ns}-other`] })).length > 0);
                }
            });

            it("(e) disabled silences only this policy", async () => {
                const s = await session();
                const run = async (given: object) => {
                    await s.reconfigure(given);
                    const r = await s.run(c.bad);
                    return [...r.resources.flatMap(x => x.diagnostics), ...r.stack].map(d => `${d.policyName}: ${d.message}`).sort();
                };
                const on = await run({ [c.policy]: { ...cfg } });
                const off = await run({ [c.policy]: { enforcementLevel: "disabled", ...cfg } });
                assert.deepStrictEqual(off, on.filter(m => !m.startsWith(`${c.policy}: `)));
                assert.ok(on.length > off.length);
            });

            for (const [label, value] of [["null", null], ["a string", "not-a-valid-value"], ["a number", 42], ["an object", { unexpected: true }], ["a list", [1, "x"]], ["missing", undefined]] as const) {
                it(`(f) gives a clean verdict when the field is ${label}`, async () => {
                    const ds = await judge(c.policy, withField(c, value), cfg);
                    for (const d of ds) assert.ok(!/can't run|Error/.test(d.message), d.message);
                });
            }
        });
    }
});
