// Pulumi's policy summaries count a policy that did not judge a resource apart from one that
// passed it: the pack calls args.notApplicable(reason), which @pulumi/policy 1.21.0 reports in
// AnalyzeResponse.not_applicable (server.js, pushNotApplicable). Through the engine's protocol: a
// kind the policy does not judge and a resource config exempts are not applicable, with a reason
// (the exempting key named); a resource the policy judged, passed or failed, is not. A policy that
// reported nothing but deferred a check on a preview unknown did not judge the resource either: it
// is not applicable, naming the unknown field; one that reported a finding never is.
import * as assert from "assert";
import { ResourceValidationArgs, ResourceValidationPolicy, Secret } from "@pulumi/policy";
import { policies } from "../policies/catalog";
import { ResourceInput, Session, UNKNOWN_STRING, urnOf } from "../harness";
import { get, readingUnknowns, setDryRun, unknownFields } from "../policies/lib/values";
import { agentPool, clusterWith } from "./support/azure";
import { hardenedContainer, hardenedPod, mutate, session as sharedSession, workload } from "./support/util";

describe("not applicable, through the analyzer protocol", function () {
    this.timeout(120000);
    let session: Session;
    const POLICY = "k8s-no-privileged-containers";
    before(async () => {
        session = await sharedSession();
        await session.reconfigure({ [POLICY]: { excludeResources: ["*/legacy-*"] } });
    });

    const analyze = async (r: ReturnType<typeof workload>) => {
        const res = await session.pack.analyzeWithNotApplicable({ ...r, urn: urnOf(r.type, r.name) });
        return { ...res, reason: res.notApplicable.find(n => n.policyName === POLICY)?.reason, failed: res.diagnostics.some(d => d.policyName === POLICY) };
    };
    const privileged = (name: string) => workload("Deployment", { containers: [{ ...hardenedContainer(), securityContext: { ...(hardenedContainer().securityContext as object), privileged: true } }] }, { name });

    it("a kind the policy does not judge: not applicable, naming the type", async () => {
        const cm = { type: "kubernetes:core/v1:ConfigMap", name: "settings", props: { metadata: { name: "settings" }, data: { a: "b" } } };
        const got = await analyze(cm as ReturnType<typeof workload>);
        assert.match(got.reason ?? "", /kubernetes:core\/v1:ConfigMap is not a kind k8s-no-privileged-containers judges/);
    });

    it("a resource config exempts: not applicable, naming the key, and not reported", async () => {
        const got = await analyze(privileged("legacy-web"));
        assert.strictEqual(got.failed, false);
        assert.match(got.reason ?? "", /excludeResources/);
    });

    it("a resource the policy judged, failing or passing: no not-applicable entry", async () => {
        const bad = await analyze(privileged("web"));
        assert.ok(bad.failed && bad.reason === undefined);
        const good = await analyze(workload("Deployment", { containers: [hardenedContainer()] }, { name: "api" }));
        assert.ok(!good.failed && good.reason === undefined);
    });
});

describe("Azure policies: not applicable for a kind they do not judge and a resource config exempts, through the analyzer protocol", function () {
    this.timeout(120000);
    let session: Session;
    // A cluster policy, a node-pool policy and a single-resource policy (each of the Azure policy helpers).
    const CLUSTER = "aks-local-accounts-disabled", POOL = "aks-encryption-at-host", REGISTRY = "acr-admin-user-disabled";
    before(async () => {
        session = await sharedSession();
        await session.reconfigure({ [CLUSTER]: { excludeResources: ["legacy-*"] }, [POOL]: { excludeResources: ["legacy-*"] }, [REGISTRY]: { excludeResources: ["legacy-*"] } });
    });
    const answers = async (r: ResourceInput) => {
        const res = await session.pack.analyzeWithNotApplicable({ ...r, urn: urnOf(r.type, r.name) });
        return (policy: string) => ({ reason: res.notApplicable.find(n => n.policyName === policy)?.reason, failed: res.diagnostics.some(d => d.policyName === policy) });
    };
    const registry = (name: string, adminUserEnabled: boolean): ResourceInput => ({ type: "azure-native:containerregistry:Registry", name, props: { registryName: name, adminUserEnabled } });

    it("a kind the policy does not judge: not applicable, naming the type", async () => {
        const of = await answers(registry("acr", false));
        assert.strictEqual(of(CLUSTER).reason, `azure-native:containerregistry:Registry is not a kind ${CLUSTER} judges`);
        assert.strictEqual(of(POOL).reason, `azure-native:containerregistry:Registry is not a kind ${POOL} judges`);
        const cluster = await answers(clusterWith(() => undefined, { name: "prod" }));
        assert.strictEqual(cluster(REGISTRY).reason, `azure-native:containerservice:ManagedCluster is not a kind ${REGISTRY} judges`);
    });

    it("a resource config exempts: not applicable, naming excludeResources, and not reported", async () => {
        const cluster = await answers(clusterWith(c => { c.disableLocalAccounts = false; }, { name: "legacy-aks" }));
        assert.deepStrictEqual(cluster(CLUSTER), { reason: `exempted by ${CLUSTER}'s excludeResources in the policy pack config`, failed: false });
        const acr = await answers(registry("legacy-acr", true));
        assert.deepStrictEqual(acr(REGISTRY), { reason: `exempted by ${REGISTRY}'s excludeResources in the policy pack config`, failed: false });
    });

    it("a resource the policy judged, failing or passing: no not-applicable entry", async () => {
        const bad = await answers(clusterWith(c => { c.disableLocalAccounts = false; }, { name: "prod" }));
        assert.deepStrictEqual(bad(CLUSTER), { reason: undefined, failed: true });
        const good = await answers(clusterWith(() => undefined, { name: "prod" }));
        assert.deepStrictEqual(good(CLUSTER), { reason: undefined, failed: false });
        assert.deepStrictEqual(good(POOL), { reason: undefined, failed: false });
        const acr = await answers(registry("acr", true));
        assert.deepStrictEqual(acr(REGISTRY), { reason: undefined, failed: true });
    });
});

describe("stack policies: not applicable for a stack without a resource of a kind they read, through the analyzer protocol", function () {
    this.timeout(120000);
    let session: Session;
    before(async () => { session = await sharedSession(); await session.reconfigure({}); });
    const configMap: ResourceInput = { type: "kubernetes:core/v1:ConfigMap", name: "settings", props: { metadata: { name: "settings", namespace: "shop" }, data: { a: "b" } } };

    it("a stack of Kubernetes objects alone: each Azure stack policy is not applicable, saying why", async () => {
        const run = await session.run([configMap, workload("Deployment", hardenedPod(), { name: "web", namespace: "shop" })]);
        const reasons = new Map(run.stackNotApplicable.map(n => [n.policyName, n.reason]));
        for (const name of ["aks-audit-logs-enabled", "aks-cluster-consistency", "aks-fleet-membership", "azure-arc-cluster-governed"]) {
            assert.strictEqual(reasons.get(name), `the stack declares no resource of a kind ${name} judges`, name);
        }
        // The Deployment is in shop, which has no default-deny NetworkPolicy: judged, and failed.
        assert.ok(!reasons.has("k8s-namespace-default-deny"));
        assert.ok(run.stack.some(d => d.policyName === "k8s-namespace-default-deny"));
    });

    it("a stack with a cluster: judged, never not applicable, failing or passing", async () => {
        const run = await session.run([clusterWith(() => undefined, { name: "prod" })]);
        const names = run.stackNotApplicable.map(n => n.policyName);
        assert.ok(!names.includes("aks-audit-logs-enabled") && !names.includes("aks-cluster-consistency"), names.join(", "));
        // Nothing Kubernetes in it: the namespace policies had nothing to judge.
        assert.ok(names.includes("k8s-namespace-default-deny"));
    });
});

describe("not applicable while a value is unknown during preview, through the analyzer protocol", function () {
    this.timeout(120000);
    let preview: Session, up: Session;
    before(async () => {
        // A preview is the run's shared pack process (dryRun true); pulumi up needs its own.
        [preview, up] = await Promise.all([sharedSession().then(async s => { await s.reconfigure({}); return s; }), Session.start({}, { dryRun: false })]);
    });
    after(async () => { await up?.close(); });

    /** What `policy` answered on `r`: its not-applicable reason (if any) and its violations. */
    const answer = async (policy: string, r: ResourceInput, session = preview) => {
        const res = await session.pack.analyzeWithNotApplicable({ ...r, urn: urnOf(r.type, r.name) });
        const reasons = res.notApplicable.filter(n => n.policyName === policy).map(n => n.reason);
        assert.ok(reasons.length <= 1, `${policy} answered not applicable ${reasons.length} times`);
        return { reason: reasons[0], violations: res.diagnostics.filter(d => d.policyName === policy).length };
    };
    const deployment = (change: (pod: any) => void) => workload("Deployment", mutate(hardenedPod(), change), { name: "web" });

    it("a flag the rule needs is unknown: not applicable, naming its path", async () => {
        const got = await answer("k8s-no-host-namespaces", deployment(p => { p.hostNetwork = UNKNOWN_STRING; }));
        assert.deepStrictEqual(got, { reason: "spec.template.spec.hostNetwork is unknown during preview", violations: 0 });
    });

    it("a finding beside the unknown: reported, never not applicable", async () => {
        const got = await answer("k8s-no-host-namespaces", deployment(p => { p.hostNetwork = UNKNOWN_STRING; p.hostPID = true; }));
        assert.deepStrictEqual(got, { reason: undefined, violations: 1 });
    });

    it("the same resource judged with every value known: passed, not not applicable", async () => {
        assert.deepStrictEqual(await answer("k8s-no-host-namespaces", deployment(p => { p.hostNetwork = false; })), { reason: undefined, violations: 0 });
    });

    it("an unknown the rule reads but that cannot change its verdict: judged (the OS of a pod whose profiles are safe)", async () => {
        const osUnknown = deployment(p => { p.os = { name: UNKNOWN_STRING }; });
        assert.deepStrictEqual(await answer("k8s-seccomp-profile", osUnknown), { reason: undefined, violations: 0 });
        assert.deepStrictEqual(await answer("k8s-run-as-non-root-group", osUnknown), { reason: undefined, violations: 0 });
        // Without a profile, the OS decides: deferred, and the reason names it.
        const unset = deployment(p => { p.os = { name: UNKNOWN_STRING }; delete p.securityContext.seccompProfile; for (const c of [...p.containers, ...p.initContainers]) delete c.securityContext.seccompProfile; });
        assert.deepStrictEqual(await answer("k8s-seccomp-profile", unset), { reason: "spec.template.spec.os.name is unknown during preview", violations: 0 });
    });

    it("a whole pod template unknown: not applicable, naming the template (not 'not a kind it judges')", async () => {
        const r = workload("Deployment", hardenedPod(), { name: "web" });
        (r.props as any).spec.template = UNKNOWN_STRING;
        assert.deepStrictEqual(await answer("k8s-no-privileged-containers", r), { reason: "spec.template is unknown during preview", violations: 0 });
    });

    it("an unknown inside a container, an annotation-like key and several fields are named as paths", async () => {
        const got = await answer("k8s-no-privilege-escalation", deployment(p => {
            p.containers[0].securityContext.allowPrivilegeEscalation = UNKNOWN_STRING;
            p.initContainers[0].securityContext.allowPrivilegeEscalation = UNKNOWN_STRING;
        }));
        assert.deepStrictEqual(got, { reason: "spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation and spec.template.spec.initContainers[0].securityContext.allowPrivilegeEscalation are unknown during preview", violations: 0 });
    });

    it("Azure policies too: a cluster setting, and node pools not known yet", async () => {
        assert.deepStrictEqual(await answer("aks-rbac-enabled", clusterWith(c => { c.enableRBAC = UNKNOWN_STRING; })), { reason: "enableRBAC is unknown during preview", violations: 0 });
        assert.deepStrictEqual(await answer("aks-no-node-public-ip", clusterWith(c => { c.agentPoolProfiles = UNKNOWN_STRING; })), { reason: "agentPoolProfiles is unknown during preview", violations: 0 });
        assert.deepStrictEqual(await answer("aks-no-node-public-ip", clusterWith(c => { c.agentPoolProfiles[1] = UNKNOWN_STRING; })), { reason: "agentPoolProfiles[1] is unknown during preview", violations: 0 });
        assert.deepStrictEqual(await answer("aks-no-node-public-ip", clusterWith(c => { c.agentPoolProfiles[1] = UNKNOWN_STRING; c.agentPoolProfiles[0].enableNodePublicIP = true; })), { reason: undefined, violations: 1 });
        const pool = agentPool();
        (pool.props as any).enableEncryptionAtHost = UNKNOWN_STRING;
        assert.deepStrictEqual(await answer("aks-encryption-at-host", pool), { reason: "enableEncryptionAtHost is unknown during preview", violations: 0 });
        assert.deepStrictEqual(await answer("aks-rbac-enabled", clusterWith(() => undefined)), { reason: undefined, violations: 0 });
    });

    it("a namespace unknown under excludeNamespaces: exempt for now, and the reason says why", async () => {
        const s = preview;
        await s.reconfigure({ "k8s-no-host-namespaces": { excludeNamespaces: ["kube-system"] } });
        try {
            const r = workload("Deployment", mutate(hardenedPod(), p => { p.hostNetwork = true; }), { name: "web", namespace: UNKNOWN_STRING });
            const got = await answer("k8s-no-host-namespaces", r, s);
            assert.strictEqual(got.violations, 0);
            assert.match(got.reason ?? "", /excludeNamespaces \(the namespace is unknown during preview, so it cannot be matched yet\)/);
        } finally {
            await s.reconfigure({});
        }
    });

    it("at pulumi up (dryRun false) the sentinel is data: judged, never not applicable for it", async () => {
        const got = await answer("k8s-no-host-namespaces", deployment(p => { p.hostNetwork = UNKNOWN_STRING; }), up);
        assert.deepStrictEqual(got, { reason: undefined, violations: 0 });
    });
});

describe("naming the unknown fields a check met", () => {
    // A preview, whatever session ran last in this process (the setting is the pack module's).
    before(() => setDryRun(true));
    const roots = (root: unknown) => [{ root, prefix: "" }];

    it("names the path from the resource's root, quoting keys that are not plain names", () => {
        const props = { metadata: { annotations: { "sidecar.istio.io/inject": UNKNOWN_STRING } }, spec: { ports: [{ port: UNKNOWN_STRING }] } };
        const { reads } = readingUnknowns(() => {
            get(props.metadata, "annotations", "sidecar.istio.io/inject");
            get(props.spec.ports, 0, "port");
        });
        assert.deepStrictEqual(unknownFields(reads, roots(props)), ['metadata.annotations["sidecar.istio.io/inject"]', "spec.ports[0].port"]);
    });

    it("masks what sits inside a secret (its keys are part of it)", () => {
        const inner = { namespace: UNKNOWN_STRING };
        const props = { metadata: new Secret(inner) };
        const { reads } = readingUnknowns(() => get(props, "metadata", "namespace"));
        assert.deepStrictEqual(unknownFields(reads, roots(props)), ["metadata[secret]"]);
    });

    it("escapes characters that could disturb a terminal", () => {
        const props = { labels: { "a\u202eb\u001b": UNKNOWN_STRING } };
        const { reads } = readingUnknowns(() => get(props, "labels", "a\u202eb\u001b"));
        const [field] = unknownFields(reads, roots(props));
        assert.ok(!/[\u202e\u001b]/.test(field) && field.includes("\\u202e") && field.includes("\\u001b"), field);
    });

    it("notes nothing outside readingUnknowns, and a known value is no read", () => {
        const props = { a: UNKNOWN_STRING, b: 1 };
        get(props, "a");
        assert.deepStrictEqual(readingUnknowns(() => get(props, "b")).reads, []);
        assert.strictEqual(readingUnknowns(() => get(props, "a")).reads.length, 1);
    });
});

describe("not applicable outside a policy's kinds: answered first, without a stack trace", () => {
    // What each resource policy's validateResource does with a type it does not judge: it answers
    // its `outside` reason before reading any property (props throws on any read here), and the
    // SDK's exception is built while Error.stackTraceLimit is 0 (the SDK keeps only the reason).
    const resourcePolicies = policies.filter((p): p is ResourceValidationPolicy & typeof p => "validateResource" in p);
    const untouchable = new Proxy({}, { get: () => { throw new Error("read a property"); }, has: () => { throw new Error("read a property"); } });
    const answer = (p: (typeof resourcePolicies)[number], type: string) => {
        let limitThen: number | undefined;
        class NotApplicable extends Error {}
        const args = {
            type, name: "x", urn: urnOf(type, "x"), props: untouchable, opts: {}, stackTags: new Map(),
            isType: () => false, asType: () => undefined, getConfig: () => ({}),
            notApplicable: (reason?: string): never => { limitThen = Error.stackTraceLimit; throw new NotApplicable(reason); },
        } as unknown as ResourceValidationArgs;
        const before = Error.stackTraceLimit;
        try {
            (p.validateResource as (a: ResourceValidationArgs, r: () => void) => void)(args, () => assert.fail(`${p.name} reported on ${type}`));
            return { reason: undefined, limitThen, restored: Error.stackTraceLimit === before };
        } catch (e) {
            assert.ok(e instanceof NotApplicable, `${p.name} on ${type}: ${e}`);
            return { reason: e.message, limitThen, restored: Error.stackTraceLimit === before };
        }
    };

    it(`each of the ${resourcePolicies.length} resource policies, twice on a type none judges (the second answer from its cache)`, () => {
        assert.ok(resourcePolicies.length >= 60);
        for (const p of resourcePolicies) {
            for (const round of [1, 2]) {
                const got = answer(p, "random:index/randomString:RandomString");
                assert.strictEqual(got.reason, p.outside!("random:index/randomString:RandomString"), `${p.name}, call ${round}`);
                assert.strictEqual(got.limitThen, 0, `${p.name}: the exception is built without a stack trace`);
                assert.ok(got.restored, `${p.name}: Error.stackTraceLimit is restored`);
            }
        }
    });

    it("a Kubernetes policy on an Azure type and an Azure policy on a Kubernetes type", () => {
        const byName = (n: string) => resourcePolicies.find(p => p.name === n)!;
        const cm = "kubernetes:core/v1:ConfigMap", cluster = "azure-native:containerservice/v20240901:ManagedCluster";
        assert.strictEqual(answer(byName("aks-local-accounts-disabled"), cm).reason, `${cm} is not a kind aks-local-accounts-disabled judges`);
        assert.strictEqual(answer(byName("acr-admin-user-disabled"), cm).reason, `${cm} is not a kind acr-admin-user-disabled judges`);
        assert.strictEqual(answer(byName("k8s-no-privileged-containers"), cluster).reason, `${cluster} is not a kind k8s-no-privileged-containers judges`);
    });
});
