// Exemptions (excludeNamespaces, excludeResources) apply where the object really lands, and a
// resource cannot escape a policy by hiding its namespace or borrowing a name.
import * as assert from "assert";
import { ResourceInput } from "../harness";
import { globMatch } from "../policies/lib/exemptions";
import { clusterId, namedCluster } from "./support/azure-stack";
import { hardenedPod, messages, mutate, workload } from "./support/util";

const policy = "k8s-no-privileged-containers";
const privileged = (opts: { name?: string; namespace?: string | null; provider?: Record<string, unknown> } = {}): ResourceInput => {
    const w = workload("Deployment", mutate(hardenedPod(), p => { p.containers[0].securityContext.privileged = true; }), { name: opts.name ?? "web", namespace: opts.namespace ?? undefined });
    if (opts.namespace === null) delete (w.props as any).metadata.namespace;
    if (opts.provider) w.provider = { type: "pulumi:providers:kubernetes", name: "prod-cluster", props: opts.provider };
    return w;
};

describe("exemptions", () => {
    it("match the namespace an explicit provider puts the object in", async () => {
        const r = privileged({ namespace: null, provider: { namespace: "prod" } });
        assert.strictEqual((await messages(policy, r, { excludeNamespaces: ["default"] })).length, 1);
        assert.deepStrictEqual(await messages(policy, r, { excludeNamespaces: ["prod"] }), []);
        assert.deepStrictEqual(await messages(policy, r, { excludeResources: ["prod/web"] }), []);
    });

    it("never apply by namespace when the namespace comes from an explicit provider's kubeconfig context", async () => {
        const r = privileged({ namespace: null, provider: { kubeconfig: "..." } });
        assert.strictEqual((await messages(policy, r, { excludeNamespaces: ["kube-system"] })).length, 1);
    });

    it("defer a namespace computed during preview, and only then", async () => {
        const computed = privileged({ namespace: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" });
        assert.deepStrictEqual(await messages(policy, computed, { excludeNamespaces: ["kube-system"] }), []);
        assert.strictEqual((await messages(policy, computed)).length, 1, "without namespace exemptions it is judged");
    });

    it("match a namespace-less object as default/<name>, never by its bare metadata name nor its Pulumi name", async () => {
        const r = privileged({ name: "other", namespace: null });
        (r.props as any).metadata.name = "web";
        assert.strictEqual((await messages(policy, r, { excludeResources: ["web"] })).length, 1);
        assert.deepStrictEqual(await messages(policy, r, { excludeResources: ["default/web"] }), []);
        // Round 3: the Pulumi resource name is the application's choice, not the platform's.
        assert.strictEqual((await messages(policy, r, { excludeResources: ["other"] })).length, 1);
    });

    it("never match a Pulumi resource name that looks like namespace/name (monitoring/node-exporter landing in shop)", async () => {
        const r = privileged({ name: "monitoring/node-exporter", namespace: "shop" });
        (r.props as any).metadata.name = "node-exporter";
        assert.strictEqual((await messages(policy, r, { excludeResources: ["monitoring/*"] })).length, 1);
        assert.strictEqual((await messages(policy, r, { excludeResources: ["monitoring/node-exporter"] })).length, 1);
        assert.deepStrictEqual(await messages(policy, r, { excludeResources: ["shop/node-exporter"] }), []);
    });

    it("allow-lists follow the same namespace rules (k8s-internal-load-balancer's allowedPublicServices)", async () => {
        const svc = (provider: Record<string, unknown>): ResourceInput => ({
            type: "kubernetes:core/v1:Service", name: "edge-lb",
            props: { apiVersion: "v1", kind: "Service", metadata: { name: "edge" }, spec: { type: "LoadBalancer", ports: [{ port: 443 }] } },
            provider: { type: "pulumi:providers:kubernetes", name: "edge-cluster", props: provider },
        });
        const lb = "k8s-internal-load-balancer";
        assert.deepStrictEqual(await messages(lb, svc({ namespace: "gateway" }), { allowedPublicServices: ["gateway/*"] }), []);
        assert.strictEqual((await messages(lb, svc({ namespace: "gateway" }), { allowedPublicServices: ["default/*"] })).length, 1);
        // Round 3: no namespace input and no kubeconfig namespace: the Service lands in default.
        assert.deepStrictEqual(await messages(lb, svc({}), { allowedPublicServices: ["default/*"] }), []);
        assert.strictEqual((await messages(lb, svc({}), { allowedPublicServices: ["gateway/*"] })).length, 1);
    });

    it("apply to the resources a stack policy links, by their own names: an exempted diagnostic setting audits nothing", async () => {
        const policy = "aks-audit-logs-enabled";
        const setting = {
            type: "azure-native:monitor:DiagnosticSetting", name: "diag",
            props: { resourceUri: clusterId("aks"), workspaceId: "/subscriptions/0/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/logs", logs: [{ category: "kube-audit-admin", enabled: true }] },
        };
        assert.deepStrictEqual(await messages(policy, [namedCluster("aks"), setting]), []);
        assert.strictEqual((await messages(policy, [namedCluster("aks"), setting], { excludeResources: ["diag"] })).length, 1);
    });

    it("apply to the objects a namespace stack policy counts where they land: an exempted NetworkPolicy guards nothing", async () => {
        const policy = "k8s-namespace-default-deny";
        const ns = { type: "kubernetes:core/v1:Namespace", name: "apps-ns", props: { apiVersion: "v1", kind: "Namespace", metadata: { name: "apps" } } };
        const deny = {
            type: "kubernetes:networking.k8s.io/v1:NetworkPolicy", name: "deny",
            props: { apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { name: "default-deny", namespace: "apps" }, spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] } },
        };
        assert.deepStrictEqual(await messages(policy, [ns, deny]), []);
        assert.strictEqual((await messages(policy, [ns, deny], { excludeResources: ["apps/default-deny"] })).length, 1, "by namespace/name");
        assert.deepStrictEqual(await messages(policy, [ns, deny], { excludeResources: ["deny"] }), [], "never by the Pulumi name (round 3)");
        assert.deepStrictEqual(await messages(policy, [ns], { excludeNamespaces: ["apps"] }), [], "the namespace itself by excludeNamespaces");
    });

    it("globs match whole values, and stay fast on hostile names", () => {
        assert.ok(globMatch("team-*/web-?", "team-a/web-1"));
        assert.ok(!globMatch("team-*/web-?", "team-a/web-10"));
        assert.ok(!globMatch("kube-*", "xkube-system"));
        assert.ok(globMatch("*", ""));
        assert.ok(!globMatch("*a*a*a*a*a*b", "a".repeat(100000)));
    });
});
