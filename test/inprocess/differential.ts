// The in-process evaluator against the engine path (`--engine`, the pack over the analyzer gRPC
// protocol): the whole report of both must be the same on every input set under every config. One
// pack process per config, not per case. `npm test` compares the generated objects through the
// ones that stand for all 2,000 (the first of each signature, checked to give every signature the
// 2,000 give), and 40 fuzz objects per config; `npm run fuzz` (test/heavy/inprocess.heavy.ts) compares
// all 2,000 and 80 fuzz objects (the same 40 first). The specs
// test/inprocess/differential-<config>.spec.ts run it, one per config.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { PACK_DIR, ResourceInput, RunResult, Session, UNKNOWN_STRING } from "../../harness";
import { InProcessSession } from "../../harness/inprocess";
import { readInputs, Located } from "../../cli/inputs";
import { DEFAULT_LIMITS } from "../../cli/limits";
import { buildReport } from "../../cli/report/model";
import { jsonReport } from "../../cli/report/json";
import { sarifReport } from "../../cli/report/sarif";
import { textReport } from "../../cli/report/text";
import { caseResource, CORPUS_DIR, loadIndex } from "../support/corpus";
import { mutatedResources } from "../fuzz/fuzz";
import { clusterId, dependingOn, namedCluster, propertyDependingOn } from "../support/azure-stack";
import { CONFIGS, mixedWithExtras, representatives, resourceSignature, stackExportText, stackSignature, writeTemp } from "./inputs";

let generated: ResourceInput[] | undefined;
/** The 2,000 generated mixed objects, with kinds no policy judges (made once). */
const GENERATED = (): ResourceInput[] => (generated ??= mixedWithExtras(2000));

/** Clusters and diagnostic settings whose unknown resourceUri links by propertyDependencies (keys out of order), else dependencies. */
function linkedSettings(): ResourceInput[] {
    const logs = [{ category: "kube-audit-admin", enabled: true }];
    const setting = (name: string, resourceUri: unknown) => ({ type: "azure-native:monitor:DiagnosticSetting", name, props: { resourceUri, workspaceId: "/subscriptions/0/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/logs", logs } });
    const a = namedCluster("a"), b = namedCluster("b"), c = namedCluster("c"), vault = { type: "azure-native:keyvault:Vault", name: "vault", props: {} };
    const both = dependingOn(setting("both", UNKNOWN_STRING), a, b);
    const d = namedCluster("d");
    return [a, b, c, d, vault, { ...propertyDependingOn(propertyDependingOn(both, "workspaceId", vault), "resourceUri", b), name: "by-b" },
        propertyDependingOn(dependingOn(setting("on-vault", UNKNOWN_STRING), c, vault), "resourceUri", vault), setting("by-id", clusterId("d"))];
}

/** The three reports of a run, as the command line writes them. */
function reports(run: RunResult, inputs: ResourceInput[]): string {
    const report = buildReport(run, inputs as Located[]);
    const levels = Object.fromEntries(Object.entries(run.config).map(([k, v]) => [k, v.enforcementLevel]));
    return [jsonReport(report), textReport(report, false), sarifReport(report, levels)].join("\n=====\n");
}

/** Generated resources as if read from `file`, one per line. */
const located = (xs: ResourceInput[], file: string): Located[] => xs.map((r, i) => ({ ...r, file, line: i + 1 }));

/** The first line where two texts differ, for a readable failure. */
function firstDifference(a: string, b: string): string {
    const x = a.split("\n"), y = b.split("\n");
    for (let i = 0; i < Math.max(x.length, y.length); i++) if (x[i] !== y[i]) return `line ${i + 1}:\n  in process: ${x[i]}\n  engine:     ${y[i]}`;
    return "";
}

/** Both paths on `inputs`: the same report, or the same failure. */
async function compare(inproc: InProcessSession, engine: Session, inputs: ResourceInput[]): Promise<string> {
    const [a, b] = await Promise.allSettled([inproc.run(inputs), engine.run(inputs)]);
    if (a.status === "rejected" || b.status === "rejected") {
        assert.strictEqual(a.status, b.status, `one path failed: ${a.status === "rejected" ? a.reason : (b as PromiseRejectedResult).reason}`);
        return "failed";
    }
    const x = reports(a.value, inputs), y = reports(b.value, inputs);
    assert.ok(x === y, `reports differ at ${firstDifference(x, y)}`);
    // What the reports do not show: which policies did not judge each resource, and why.
    const na = (r: RunResult) => r.resources.map((res, i) => res.notApplicable.map(n => `${i} ${n.policyName}: ${n.reason}`)).flat().join("\n");
    const u = na(a.value), v = na(b.value);
    assert.ok(u === v, `not applicable differs at ${firstDifference(u, v)}`);
    assert.deepStrictEqual(a.value.stackNotApplicable, b.value.stackNotApplicable, "the stack policies not applicable");
    return x;
}

/** Both paths on every input set under each config named; `full` compares all 2,000 generated objects. */
export function describeDifferential(tmp: string, full: boolean, configNames = Object.keys(CONFIGS)): void {
    describe(`gives the engine path's report${full ? " (all 2,000 generated objects)" : ""}`, () => {
        // The fuzz inputs take a different seed under each config.
        const sets = (configName: string, reduced: () => ResourceInput[]): Record<string, () => Promise<ResourceInput[]>> => ({
            "the bundled examples and the command line's fixtures": () => readInputs([path.join(PACK_DIR, "examples", "manifests"), path.join(PACK_DIR, "test", "cli", "fixtures")], DEFAULT_LIMITS, []),
            ...(full
                ? { "2,000 generated mixed objects, with kinds no policy judges": async () => located(GENERATED(), "mixed.yaml") }
                : { "the objects standing for 2,000 generated mixed objects (every kind, namespace class and diagnostic signature)": async () => located(reduced(), "mixed.yaml") }),
            "a stack export with unknowns, secrets, providers, parents and dependencies": () => readInputs([writeTemp(tmp, "stack.json", stackExportText(300))], DEFAULT_LIMITS, []),
            "diagnostic settings linked to clusters by dependencies and property dependencies": async () => located(linkedSettings(), "linked.yaml"),
            // 40 mutated objects (every kind the generator makes) in npm test, the same 40 and 40 more in npm run fuzz.
            [`the fuzz inputs (${full ? 80 : 40})`]: async () => located(mutatedResources(20261123 + Object.keys(CONFIGS).indexOf(configName), full ? 80 : 40), "fuzz.yaml"),
        });
        for (const configName of configNames) {
            const config = CONFIGS[configName];
            describe(`config: ${configName}`, () => {
                let inproc: InProcessSession, engine: Session;
                let reduced: ResourceInput[] = [];
                let fullRun: RunResult;
                before(async () => {
                    inproc = await InProcessSession.start(config);
                    engine = await Session.start(config);
                    if (!full) {
                        fullRun = await inproc.run(GENERATED());
                        reduced = representatives(GENERATED(), fullRun);
                    }
                });
                after(async () => { await engine?.close(); });

                it("reports the same catalog, config and warnings", () => {
                    assert.deepStrictEqual(inproc.info, engine.info);
                    assert.deepStrictEqual(inproc.config, engine.config);
                    assert.deepStrictEqual(inproc.warnings, engine.warnings);
                });
                if (!full) {
                    it("the objects standing for the 2,000 generated ones give every signature the 2,000 give", async () => {
                        assert.ok(reduced.length >= 20 && reduced.length < 200, `${reduced.length} objects`);
                        const run = await inproc.run(reduced);
                        const sigs = (inputs: ResourceInput[], r: RunResult) => [...new Set(r.resources.map((x, i) => resourceSignature(inputs[i], x)))].sort();
                        assert.deepStrictEqual(sigs(reduced, run), sigs(GENERATED(), fullRun));
                        const stackSigs = (r: RunResult) => [...new Set(r.stack.map(stackSignature))].sort();
                        assert.ok(stackSigs(fullRun).length >= 5, "the stack policies report on the 2,000");
                        // Fewer objects can only add stack findings (a namespace without its NetworkPolicy), never hide one.
                        const missing = stackSigs(fullRun).filter(s => !stackSigs(run).includes(s));
                        assert.deepStrictEqual(missing, [], "stack signatures of the 2,000 that the standing objects do not give");
                    });
                }
                for (const [setName, load] of Object.entries(sets(configName, () => reduced))) {
                    it(`on ${setName}`, async () => {
                        const inputs = await load();
                        assert.ok(inputs.length > 0);
                        const report = await compare(inproc, engine, inputs);
                        assert.notStrictEqual(report, "failed");
                    });
                }
                it("on the external corpus", async function () {
                    if (!fs.existsSync(path.join(CORPUS_DIR, "index.json"))) this.skip();
                    const seen = new Set<string>();
                    const inputs = loadIndex().filter(c => {
                        const id = `${c.file}#${c.doc}#${c.item}`;
                        return !seen.has(id) && seen.add(id);
                    }).map(caseResource);
                    assert.ok(inputs.length > 100);
                    await compare(inproc, engine, located(inputs, "corpus.yaml"));
                });
            });
        }
    });
}
