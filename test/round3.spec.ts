// Settled semantics, round 3, through what the Pulumi CLI and `aks-guard check` run:
// - an object through an explicit Kubernetes provider lands in the provider's `namespace`, else its
//   kubeconfig's current-context namespace, else `default`; unknown only while those inputs are;
// - ConfigureStack's dryRun: false (`pulumi up`) means no input is unknown, so a string equal to
//   the engine's unknown sentinel is data; a literal in a file is data too;
// - excludeResources never matches a Kubernetes object's Pulumi name.
// Each engine case runs in a pack process (the engine's calls) and in process, with equal results.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { ResourceInput, RunResult, secret, Session, UNKNOWN_STRING } from "../harness";
import { InProcessSession } from "../harness/inprocess";
import { checkJson, withTemp } from "./support/cli";
import { hardenedPod, mutate, session as sharedSession, workload } from "./support/util";

const PROVIDER = "pulumi:providers:kubernetes";
const providerUrn = (name: string) => `urn:pulumi:dev::aks-guard-check::${PROVIDER}::${name}`;

/** A Deployment that names no namespace, deployed through the explicit provider `aks` with `inputs`. */
function throughProvider(inputs: Record<string, unknown>): ResourceInput {
    const d = workload("Deployment", hardenedPod(), { name: "web" });
    delete (d.props as any).metadata.namespace;
    return { ...d, provider: { type: PROVIDER, name: "aks", urn: providerUrn("aks"), props: inputs } };
}

/**
 * One pack process and one in-process evaluator per dryRun value for the whole file, reconfigured
 * per case. A preview's pack process is the run's shared one (it is started with dryRun: true).
 */
const sessions = new Map<boolean, Promise<[Session, InProcessSession]>>();
function sessionsFor(dryRun: boolean): Promise<[Session, InProcessSession]> {
    if (!sessions.has(dryRun)) sessions.set(dryRun, Promise.all([dryRun ? sharedSession() : Session.start({}, { dryRun }), InProcessSession.start({}, { dryRun })]));
    return sessions.get(dryRun)!;
}

/** The policy's findings (policy and message) when the engine runs `resources` with `dryRun`; in process too, and both must agree. */
async function findings(policy: string, resources: ResourceInput[], dryRun: boolean, config: Record<string, unknown> = {}): Promise<string[]> {
    const given = { all: "disabled", [policy]: { enforcementLevel: "mandatory", ...config } };
    const pick = (run: RunResult) => [...run.resources.flatMap(r => r.diagnostics), ...run.stack]
        .filter(d => d.policyName === policy).map(d => d.message.slice(d.message.indexOf("\n") + 1));
    const [engine, inProcess] = await sessionsFor(dryRun);
    await engine.reconfigure(given);
    await inProcess.reconfigure(given);
    const viaEngine = pick(await engine.run(resources));
    assert.deepStrictEqual(pick(await inProcess.run(resources)), viaEngine, "in process and through the engine protocol");
    return viaEngine;
}

describe("round 3: explicit providers, dryRun and literals", function () {
    this.timeout(120000);
    after(async () => {
        for (const [dryRun, pair] of sessions) {
            const [engine, inProcess] = await pair;
            if (!dryRun) await engine.close(); // the shared one stays for the run's other files
            await inProcess.close();
        }
        sessions.clear();
    });

    describe("an explicit provider's namespace (engine protocol)", () => {
        it("fails k8s-no-default-namespace at pulumi up when the provider sets no namespace", async () => {
            const m = await findings("k8s-no-default-namespace", [throughProvider({})], false);
            assert.deepStrictEqual(m, ['Deployment "web": has no metadata.namespace, so it goes into the default namespace; deploy it into an application namespace.']);
        });

        it("passes with namespace: shop on the provider, or a kubeconfig (secret or not) whose current context names shop", async () => {
            assert.deepStrictEqual(await findings("k8s-no-default-namespace", [throughProvider({ namespace: "shop" })], false), []);
            const kubeconfig = "apiVersion: v1\nkind: Config\ncurrent-context: aks\ncontexts:\n- name: aks\n  context: {cluster: aks, user: u, namespace: shop}\n";
            assert.deepStrictEqual(await findings("k8s-no-default-namespace", [throughProvider({ kubeconfig })], false), []);
            assert.deepStrictEqual(await findings("k8s-no-default-namespace", [throughProvider({ kubeconfig: secret(kubeconfig) })], false), []);
        });

        it("defers while the provider's inputs are unknown in preview, and judges them at up", async () => {
            const unknown = throughProvider({ kubeconfig: UNKNOWN_STRING });
            assert.deepStrictEqual(await findings("k8s-no-default-namespace", [unknown], true), []);
            assert.strictEqual((await findings("k8s-no-default-namespace", [throughProvider({ namespace: UNKNOWN_STRING })], true)).length, 0);
            // An AKS kubeconfig names no namespace: default.
            const aks = "apiVersion: v1\nkind: Config\ncurrent-context: aks\ncontexts:\n- name: aks\n  context: {cluster: aks, user: clusterUser}\n";
            assert.strictEqual((await findings("k8s-no-default-namespace", [throughProvider({ kubeconfig: aks })], true)).length, 1);
        });

        it("k8s-namespace-default-deny sees such objects in default", async () => {
            const m = await findings("k8s-namespace-default-deny", [throughProvider({})], false);
            assert.strictEqual(m.length, 1);
            assert.match(m[0], /^namespace "default" \(not created by this stack; Deployment "web" deploys into it\)/);
            assert.deepStrictEqual(await findings("k8s-namespace-default-deny", [throughProvider({ kubeconfig: UNKNOWN_STRING })], true), []);
        });
    });

    describe("dryRun: false means nothing is unknown (engine protocol)", () => {
        const privileged = (namespace: string) => workload("Deployment", mutate(hardenedPod(), p => { p.containers[0].securityContext.privileged = true; }), { name: "web", namespace });

        it("judges an object whose namespace equals the sentinel instead of exempting it", async () => {
            const cfg = { excludeNamespaces: ["kube-system"] };
            assert.deepStrictEqual(await findings("k8s-no-privileged-containers", [privileged(UNKNOWN_STRING)], true, cfg), [], "preview: deferred");
            assert.strictEqual((await findings("k8s-no-privileged-containers", [privileged(UNKNOWN_STRING)], false, cfg)).length, 1, "up: judged");
        });

        it("k8s-namespace-default-deny does not defer at up on a sentinel-valued namespace", async () => {
            const d = workload("Deployment", hardenedPod(), { name: "web", namespace: UNKNOWN_STRING });
            assert.deepStrictEqual(await findings("k8s-namespace-default-deny", [d], true), []);
            assert.strictEqual((await findings("k8s-namespace-default-deny", [d], false)).length, 1);
        });
    });

    describe("excludeResources never matches a Pulumi name (engine protocol)", () => {
        it("a resource named monitoring/node-exporter that lands in shop is not exempted by monitoring/*", async () => {
            const r = workload("DaemonSet", mutate(hardenedPod(), p => { p.containers[0].securityContext.privileged = true; }), { name: "node-exporter", namespace: "shop" });
            const named = { ...r, name: "monitoring/node-exporter" };
            assert.strictEqual((await findings("k8s-no-privileged-containers", [named], false, { excludeResources: ["monitoring/*"] })).length, 1);
            assert.deepStrictEqual(await findings("k8s-no-privileged-containers", [named], false, { excludeResources: ["shop/node-exporter"] }), []);
        });
    });
});

/** The issue 20 bypass classes of round 3, through the command line (each failed before: exit 0). */
describe("round 3: aks-guard check judges literals as data", function () {
    this.timeout(180000);

    const manifest = (meta: string, spec = "") => [
        "apiVersion: apps/v1", "kind: Deployment", "metadata:", meta,
        "spec:", "  selector: {matchLabels: {app: web}}", "  template:", "    metadata: {labels: {app: web}}",
        "    spec:", "      containers:", "      - name: app", "        image: contoso.azurecr.io/web:1.0", spec,
    ].filter(l => l !== "").join("\n") + "\n";

    const run = (files: Record<string, string>, config: unknown, engine: boolean) => withTemp(dir => {
        for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
        const cfg = path.join(dir, "config.json");
        fs.writeFileSync(cfg, JSON.stringify(config));
        return checkJson(["--config", cfg, ...(engine ? ["--engine"] : []), ...Object.keys(files).map(f => path.join(dir, f))]);
    });

    for (const engine of [false, true]) {
        const how = engine ? " (--engine)" : "";
        it(`judges an object whose namespace is the sentinel literal, never exempting it by excludeNamespaces${how}`, () => {
            const r = run({ "web.yaml": manifest(`  name: web\n  namespace: "${UNKNOWN_STRING}"`, "        securityContext: {privileged: true}") },
                { all: "disabled", "k8s-no-privileged-containers": { enforcementLevel: "mandatory", excludeNamespaces: ["kube-system"] } }, engine);
            assert.strictEqual(r.status, 1, r.stderr);
            assert.deepStrictEqual(r.report.diagnostics.map((d: any) => d.policy), ["k8s-no-privileged-containers"]);
        });

        it(`k8s-namespace-default-deny does not defer on a sentinel annotation or namespace literal${how}`, () => {
            const r = run({ "web.yaml": manifest(`  name: web\n  namespace: "${UNKNOWN_STRING}"\n  annotations: {note: "${UNKNOWN_STRING}"}`) },
                { all: "disabled", "k8s-namespace-default-deny": "mandatory" }, engine);
            assert.strictEqual(r.status, 1, r.stderr);
            assert.deepStrictEqual(r.report.diagnostics.map((d: any) => d.policy), ["k8s-namespace-default-deny"]);
        });

        it(`a Pulumi resource named monitoring/node-exporter that lands in shop is not exempted by monitoring/*${how}`, () => {
            const exported = {
                version: 3,
                deployment: {
                    resources: [{
                        urn: "urn:pulumi:dev::p::kubernetes:apps/v1:DaemonSet::monitoring/node-exporter", type: "kubernetes:apps/v1:DaemonSet",
                        inputs: {
                            apiVersion: "apps/v1", kind: "DaemonSet", metadata: { name: "node-exporter", namespace: "shop" },
                            spec: { selector: { matchLabels: { app: "x" } }, template: { metadata: { labels: { app: "x" } }, spec: { containers: [{ name: "app", image: "contoso.azurecr.io/x:1", securityContext: { privileged: true } }] } } },
                        },
                    }],
                },
            };
            const config = (pattern: string) => ({ all: "disabled", "k8s-no-privileged-containers": { enforcementLevel: "mandatory", excludeResources: [pattern] } });
            const r = run({ "stack.json": JSON.stringify(exported) }, config("monitoring/*"), engine);
            assert.strictEqual(r.status, 1, r.stderr);
            assert.strictEqual(run({ "stack.json": JSON.stringify(exported) }, config("shop/node-exporter"), engine).status, 0);
        });
    }
});
