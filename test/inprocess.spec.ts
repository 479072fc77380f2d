// The in-process evaluator (the default of `aks-guard check` and `list`) against the engine path
// (`--engine`, the pack over the analyzer gRPC protocol): the whole report of both must be the
// same on every input set under every config (test/inprocess/differential.ts; all 2,000 generated
// objects in `npm run fuzz`), and it must follow @pulumi/policy's server on every semantic point.
import * as assert from "assert";
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { isSecret, PACK_DIR, ResourceInput, secret, Session, UNKNOWN_STRING } from "../harness";
import { InProcessSession, readOnly, requestShape, loadShaped, SharedWriteError } from "../harness/inprocess";
import { policies } from "../policies/catalog";
import { AksGuardPolicy } from "../policies/lib/policy";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { aksGuardInProcess, BIN, caughtSignal } from "./support/cli";
import { mutatedResources } from "./fuzz/fuzz";
import { crd, extras, mixedWithExtras, stackExportText, writeTemp } from "./inprocess/inputs";
import { writeSdkPack } from "./inprocess/sdk-pack";

const { unknownCheckingProxy, UnknownValueError } = require("@pulumi/policy/proxy");

describe("in-process evaluator", function () {
    this.timeout(600000);
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "aks-guard-inproc-"));
    after(() => fs.rmSync(tmp, { recursive: true, force: true }));

    describe("follows @pulumi/policy on a pack built to exercise each semantic point", () => {
        let packDir: string;
        before(() => { packDir = writeSdkPack(); });
        after(() => fs.rmSync(packDir, { recursive: true, force: true }));

        const thing = (name: string, props: Record<string, unknown>, extra: Partial<ResourceInput> = {}): ResourceInput => ({ type: "test:index:Thing", name, props, ...extra });
        const inputs: ResourceInput[] = [
            thing("a", { z: 1, b: { y: [3, { d: 1, c: 2 }], x: null }, "10": "ten", "2": "two", A: "upper", é: "accent", gone: undefined, inf: Infinity }),
            thing("secret", { password: secret("hunter2"), labels: { team: "x" }, nested: { s: secret({ k: "v" }) } }),
            thing("unknown", { spec: UNKNOWN_STRING, metadata: { name: "m" } }),
            thing("deep-unknown", { spec: { template: UNKNOWN_STRING } }),
            thing("with-provider", { x: 1 }, { provider: { type: "pulumi:providers:test", name: "p1", props: { region: "x", token: secret("t") } }, parent: "urn:pulumi:dev::aks-guard-check::test:index:Thing::a" }),
            { type: "test:index:Other", name: "other", props: { fail: true }, dependencies: ["urn:pulumi:dev::aks-guard-check::test:index:Thing::a", "urn:pulumi:dev::aks-guard-check::nope:x:Y::missing"] },
            { type: "test:index:Quiet", name: "lone\ud800surrogate", props: { "k\udc00": "v\ud800", ok: "fine" } },
        ];
        const configs: Record<string, unknown>[] = [
            {},
            { all: "remediate", "configured": { zeta: "given", n: 3 } },
            { "add-label": "remediate", "see-remediated": "remediate", "remediate-unknown": "remediate", "text-report": "disabled", "disabled-by-default": "advisory", "stack-view": "remediate" },
        ];
        // One pack process for the three configs: started with the first, sent Configure for the
        // others (as a new config reaches a running pack); each in-process session starts afresh.
        let engineSession: Promise<Session> | undefined;
        after(async () => { if (engineSession) await (await engineSession).close(); });
        for (const [i, config] of configs.entries()) {
            it(`gives the same run result under config ${i + 1}`, async () => {
                const inproc = await InProcessSession.start(config, { packDir });
                const engine = await (engineSession ??= Session.start(config, { packDir }));
                if (i > 0) await engine.reconfigure(config);
                const [a, b] = [await inproc.run(inputs), await engine.run(inputs)];
                assert.deepStrictEqual(a.info, b.info);
                assert.deepStrictEqual(a.config, b.config);
                assert.deepStrictEqual(a.resources, b.resources);
                assert.deepStrictEqual(a.stack, b.stack);
                assert.deepStrictEqual(a.stackNotApplicable, b.stackNotApplicable);
                // The pack really reported what it exercises (not two empty lists compared).
                const messages = [...a.resources.flatMap(r => r.diagnostics), ...a.stack].map(d => d.message).join("\n");
                assert.match(messages, /can't run (policy|remediation) '.*' from policy pack 'sdk-semantics@v1\.2\.3' during preview/);
                assert.ok(a.resources.some(r => r.diagnostics.some(d => d.policyName === "renamed-policy")) || config["object-report" as keyof typeof config] === "disabled");
                if (i === 2) assert.ok(a.resources[0].remediations.length >= 1 && a.resources[1].remediations.some(r => r.policyName === "see-remediated"));
                if (i === 2) {
                    const props = a.resources[1].props as any;
                    assert.ok(isSecret(props.nested.s) && isSecret(props.secretNew), "secrets stay wrapped through remediation");
                    assert.ok(isSecret((a.resources[1].remediations[0].properties as any).password), "a secret written over stays a secret");
                }
            });
        }

        it("fails on a policy's exception as the engine does, in the SDK's words", async () => {
            const boom: ResourceInput[] = [...inputs, { type: "test:index:Boom", name: "b", props: {} }];
            const inproc = await InProcessSession.start({}, { packDir });
            const engine = await Session.start({}, { packDir });
            try {
                const [a, b] = await Promise.allSettled([inproc.run(boom), engine.run(boom)]);
                assert.strictEqual(a.status, "rejected");
                assert.strictEqual(b.status, "rejected");
                const first = (e: any) => String(e.message).replace(/^\d+ [A-Z_]+: /, "").split("\n").slice(0, 2).join("\n");
                assert.strictEqual(first((a as PromiseRejectedResult).reason), "Error validating resource with policy 'thrower' from policy pack 'sdk-semantics@v1.2.3':\nError: boom b");
                assert.strictEqual(first((a as PromiseRejectedResult).reason), first((b as PromiseRejectedResult).reason));
            } finally {
                await engine.close();
            }
        });

        it("fails the run when a stack policy writes to the resources it shares with the others", async () => {
            const writerDir = writeSdkPack(true);
            try {
                const inproc = await InProcessSession.start({}, { packDir: writerDir });
                await assert.rejects(inproc.run([{ type: "test:index:Quiet", name: "q", props: { metadata: { name: "n" } } }]),
                    /Error validating resource with policy 'stack-writer' from policy pack 'sdk-semantics@v1\.2\.3':\n.*policies must not write to the resources they judge/);
            } finally {
                fs.rmSync(writerDir, { recursive: true, force: true });
            }
        });
    });

    describe("shares resources read-only", () => {
        it("throws on any write, at any depth, and keeps the data intact", () => {
            const data = { a: { b: [1, { c: "x" }] }, d: 1 };
            const view = readOnly(data);
            assert.throws(() => { (view as any).d = 2; }, SharedWriteError);
            assert.throws(() => { (view as any).a.b[1].c = "y"; }, SharedWriteError);
            assert.throws(() => { (view as any).a.b.push(3); }, SharedWriteError);
            assert.throws(() => { delete (view as any).a; }, SharedWriteError);
            assert.throws(() => Object.defineProperty(view, "e", { value: 1 }), SharedWriteError);
            assert.deepStrictEqual(data, { a: { b: [1, { c: "x" }] }, d: 1 });
            assert.strictEqual(JSON.stringify(view), JSON.stringify(data));
        });
        it("keeps the SDK's unknown checks at every depth (unlike Object.freeze)", () => {
            const data = { spec: { template: { image: UNKNOWN_STRING } } };
            assert.throws(() => unknownCheckingProxy(readOnly(data)).spec.template.image, UnknownValueError);
            // What a frozen copy would have done: the nested unknown read passes unchecked.
            const frozen = Object.freeze({ spec: Object.freeze({ template: Object.freeze({ image: UNKNOWN_STRING }) }) });
            assert.strictEqual(unknownCheckingProxy(frozen).spec.template.image, UNKNOWN_STRING);
        });
    });

    describe("puts properties in the protobuf round trip's shape", () => {
        it("matches Struct encoding and decoding on the fuzz inputs, key order included", () => {
            const toStruct = (v: unknown) => Struct.deserializeBinary(Struct.fromJavaScript(JSON.parse(JSON.stringify(v)) as any).serializeBinary()).toJavaScript();
            const odd = { "b": 1, "a": { "10": 1, "9": 2, "Z": 3, "_": 4, "é": 5, "\u00ff": 6, "~": 7 }, "s": "x\ud800y", "\udc00k": 1, "__proto__x": 2, n: [NaN, -0, 1e308, undefined] };
            for (const res of [...mutatedResources(7, 200), { type: "t", name: "n", props: odd }]) {
                const expected = toStruct(res.props);
                const got = loadShaped(requestShape(res.props));
                assert.strictEqual(JSON.stringify(got), JSON.stringify(expected));
                assert.deepStrictEqual(got, expected);
            }
        });
    });

    describe("skips only policies that cannot judge a type", () => {
        const types = [
            "kubernetes:core/v1:ConfigMap", "kubernetes:core/v1:Secret", "kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition",
            "kubernetes:example.com/v1:Widget", "kubernetes:core/v1:ServiceAccount", "kubernetes:apps/v1:Deployment", "kubernetes:apps/v1:DeploymentPatch",
            "kubernetes:core/v1:PodList", "kubernetes:apiextensions.k8s.io:CustomResource", "kubernetes:security.istio.io/v1:PeerAuthentication",
            "kubernetes:core/v1:Namespace", "kubernetes:core/v1:Service", "kubernetes:networking.k8s.io/v1:Ingress", "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding",
            "kubernetes:helm.sh/v3:Release", "azure-native:containerservice:ManagedCluster", "azure-native:containerservice/v20240901:AgentPool",
            "azure-native:containerregistry:Registry", "azure-native:storage:StorageAccount", "random:index:RandomPassword", "pulumi:providers:kubernetes",
        ];
        it("declares a type filter on every resource policy of the catalog", () => {
            const resourcePolicies = policies.filter(p => "validateResource" in p);
            assert.deepStrictEqual(resourcePolicies.filter(p => typeof p.judges !== "function").map(p => p.name), []);
        });
        it("outside its filter, a policy reads no property and reports nothing", () => {
            // Properties that throw on any read: a policy that looked at them would fail here.
            const untouchable = new Proxy({}, { get: (_t, p) => { if (p === "__getSpecialProxyTarget") return undefined; throw new Error(`read ${String(p)}`); } });
            let skipped = 0;
            for (const p of policies as (AksGuardPolicy & { validateResource?: any })[]) {
                if (!p.judges) continue;
                for (const type of types) {
                    if (p.judges(type)) continue;
                    skipped++;
                    const reported: string[] = [];
                    let notApplicable = "";
                    try {
                        p.validateResource({ type, name: "r", urn: "urn", props: untouchable, getConfig: () => ({}), notApplicable: (r: string) => { notApplicable = r; throw new Error("n/a"); } }, (m: string) => reported.push(m));
                    } catch (e) {
                        if ((e as Error).message !== "n/a") throw e;
                    }
                    if (notApplicable) assert.ok(notApplicable.includes(type), `${p.name} on ${type}: not applicable names the type`);
                    // What the in-process evaluator reports for it without the call.
                    assert.strictEqual(notApplicable || undefined, p.outside?.(type), `${p.name} on ${type}: outside() gives validateResource's answer`);
                    assert.deepStrictEqual(reported, [], `${p.name} on ${type}`);
                }
            }
            assert.ok(skipped > 100);
            // CRDs, custom kinds no policy knows and other providers' types are judged by no resource policy at all.
            for (const t of [types[2], types[3], "random:index:RandomPassword"]) assert.deepStrictEqual(policies.filter(p => p.judges?.(t)).map(p => p.name), [], t);
        });
        it("gives the same report with big CRDs, judged by no policy, present or not", async () => {
            const inproc = await InProcessSession.start({});
            const deployment = mixedWithExtras(1)[0];
            const alone = await inproc.run([deployment]);
            const withCrds = await inproc.run([crd(1, 200), deployment, ...extras(3).slice(1, 2)]);
            assert.deepStrictEqual(withCrds.resources[1].diagnostics, alone.resources[0].diagnostics);
            assert.deepStrictEqual(withCrds.resources[0].diagnostics, []);
        });
    });

    describe("the command line", function () {
        it("check (in process) and check --engine write the same JSON and SARIF reports and exit status", async () => {
            const args = [path.join("examples", "manifests"), path.join("test", "cli", "fixtures")];
            for (const format of ["json", "sarif"]) {
                const a = await aksGuardInProcess(["check", "--format", format, ...args]);
                const b = await aksGuardInProcess(["check", "--engine", "--format", format, ...args]);
                assert.strictEqual(a.status, 1);
                assert.strictEqual(a.status, b.status);
                assert.ok(a.stdout.length > 1000);
                assert.strictEqual(a.stdout, b.stdout);
            }
        });
        it("stops on SIGTERM mid-run with exit status 143", async function () {
            if (process.platform !== "linux") this.skip();
            const file = writeTemp(tmp, "signal.json", stackExportText(4000, 5));
            const cli = spawn(process.execPath, [BIN, "check", "--format", "json", file], { cwd: PACK_DIR, stdio: ["ignore", "ignore", "pipe"] });
            const exited = new Promise<number | null>(resolve => cli.once("exit", code => resolve(code)));
            await caughtSignal(cli.pid!, "SIGHUP"); // running, its signal handlers installed
            const t0 = Date.now();
            cli.kill("SIGTERM");
            assert.strictEqual(await exited, 143);
            assert.ok(Date.now() - t0 < 8000, "stopped within a few seconds");
        });
        it("list and list --engine print the same catalog", async () => {
            const config = path.join("test", "cli", "config", "remediate-run-as-non-root.json");
            const a = await aksGuardInProcess(["list", "--format", "json", "--config", config]);
            const b = await aksGuardInProcess(["list", "--engine", "--format", "json", "--config", config]);
            assert.strictEqual(a.status, 0);
            assert.strictEqual(a.stdout, b.stdout);
            assert.strictEqual(JSON.parse(a.stdout).policies.length, policies.length);
        });
    });
});
