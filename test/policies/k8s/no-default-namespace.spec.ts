import * as assert from "assert";
import { ResourceInput, secret, UNKNOWN_STRING } from "../../../harness";
import { k8s, list, service } from "../../support/stack-fixtures";
import { hardenedPod, messages, PolicyContract, workload, WORKLOADS } from "../../support/util";

const policy = "k8s-no-default-namespace";
const inDefault = workload("Deployment", hardenedPod(), { name: "web", namespace: "default" });

export const contract: PolicyContract = {
    policy,
    bad: [inDefault],
    target: 0,
    field: ["metadata"],
};

/** The same resource without metadata.namespace. */
function unnamespaced(r: ResourceInput): ResourceInput {
    const copy = JSON.parse(JSON.stringify(r));
    delete copy.props.metadata.namespace;
    return copy;
}

const provider = (name: string, props: Record<string, unknown> = {}) =>
    ({ type: "pulumi:providers:kubernetes", name, urn: `urn:pulumi:dev::aks-guard-check::pulumi:providers:kubernetes::${name}`, props });

describe(policy, () => {
    for (const kind of Object.keys(WORKLOADS)) {
        it(`fires on a ${kind} in the default namespace`, async () => {
            const m = await messages(policy, workload(kind, hardenedPod(), { name: "web", namespace: "default" }));
            assert.deepStrictEqual(m, [`${kind} "default/web": sets metadata.namespace to the default namespace; deploy it into an application namespace.`]);
        });
        it(`passes a ${kind} in an application namespace`, async () => {
            assert.deepStrictEqual(await messages(policy, workload(kind, hardenedPod(), { name: "web", namespace: "apps" })), []);
        });
    }

    it("judges Services, Ingresses, ConfigMaps, Secrets and the other application objects", async () => {
        const objs = [
            service("default", "web"),
            k8s("kubernetes:networking.k8s.io/v1:Ingress", "web", "default", { spec: {} }),
            k8s("kubernetes:core/v1:ConfigMap", "cfg", "default", { data: {} }),
            k8s("kubernetes:core/v1:Secret", "creds", "default", {}),
            k8s("kubernetes:core/v1:ServiceAccount", "app", "default"),
            k8s("kubernetes:core/v1:PersistentVolumeClaim", "data", "default", { spec: {} }),
            k8s("kubernetes:autoscaling/v2:HorizontalPodAutoscaler", "web", "default", { spec: {} }),
            k8s("kubernetes:policy/v1:PodDisruptionBudget", "web", "default", { spec: {} }),
        ];
        assert.strictEqual((await messages(policy, objs)).length, objs.length);
    });

    it("leaves default-deny policies, quotas and the cluster's own objects in default alone", async () => {
        assert.deepStrictEqual(await messages(policy, [
            k8s("kubernetes:networking.k8s.io/v1:NetworkPolicy", "deny", "default", { spec: { podSelector: {} } }),
            k8s("kubernetes:core/v1:ResourceQuota", "q", "default", { spec: {} }),
            k8s("kubernetes:core/v1:ServiceAccountPatch", "default", "default", { automountServiceAccountToken: false }),
            k8s("kubernetes:core/v1:ServicePatch", "kubernetes", "default", {}),
        ]), []);
    });

    it("exempts the cluster's own objects only by their explicit metadata.name, in default", async () => {
        const noName = (r: ResourceInput) => { delete (r.props.metadata as Record<string, unknown>).name; return r; };
        const m = await messages(policy, [
            noName(k8s("kubernetes:core/v1:Service", "kubernetes", "default", { spec: {} })),
            noName(k8s("kubernetes:core/v1:ServiceAccount", "default", "default")),
            { ...k8s("kubernetes:core/v1:Service", "kubernetes", "default", { spec: {} }), name: "api" },
        ]);
        assert.strictEqual(m.length, 2);
        assert.deepStrictEqual(await messages(policy, [{ ...k8s("kubernetes:core/v1:Service", "kubernetes", "default", { spec: {} }), name: "api" }]), []);
        assert.deepStrictEqual(await messages(policy, [unnamespaced(k8s("kubernetes:core/v1:ServiceAccount", "default", "default"))]), []);
    });

    it("counts a missing metadata.namespace as default under the default provider or no provider", async () => {
        const m = await messages(policy, unnamespaced(inDefault));
        assert.deepStrictEqual(m, ['Deployment "web": has no metadata.namespace, so it goes into the default namespace; deploy it into an application namespace.']);
        assert.strictEqual((await messages(policy, { ...unnamespaced(inDefault), provider: provider("default_4_18_0") })).length, 1);
        assert.strictEqual((await messages(policy, { ...unnamespaced(inDefault), provider: provider("default") })).length, 1);
    });

    // Round 3: an explicit provider puts such an object in its `namespace` input, else its
    // kubeconfig's current-context namespace, else `default` (what the Kubernetes provider does).
    it("places a missing metadata.namespace under an explicit provider: its namespace, its kubeconfig's context, else default", async () => {
        assert.strictEqual((await messages(policy, { ...unnamespaced(inDefault), provider: provider("aks-apps") })).length, 1);
        assert.strictEqual((await messages(policy, { ...unnamespaced(inDefault), provider: provider("defaults-cluster") })).length, 1);
        const kubeconfig = (ns?: string) => [
            "apiVersion: v1", "kind: Config", "current-context: aks",
            "contexts:", "- name: other", "  context: {cluster: c, namespace: default}",
            "- name: aks", `  context: {cluster: c, user: u${ns ? `, namespace: ${ns}` : ""}}`,
        ].join("\n");
        assert.strictEqual((await messages(policy, { ...unnamespaced(inDefault), provider: provider("aks-apps", { kubeconfig: kubeconfig() }) })).length, 1);
        assert.deepStrictEqual(await messages(policy, { ...unnamespaced(inDefault), provider: provider("aks-apps", { kubeconfig: kubeconfig("shop") }) }), []);
        const json = JSON.stringify({ "current-context": "aks", contexts: [{ name: "aks", context: { namespace: "shop" } }] });
        assert.deepStrictEqual(await messages(policy, { ...unnamespaced(inDefault), provider: provider("aks-apps", { kubeconfig: secret(json) }) }), []);
        // A kubeconfig that does not parse (or a file path) names no namespace: default.
        assert.strictEqual((await messages(policy, { ...unnamespaced(inDefault), provider: provider("aks-apps", { kubeconfig: "{ not: [yaml" }) })).length, 1);
        // Deferred only while the inputs that decide are unknown.
        assert.deepStrictEqual(await messages(policy, { ...unnamespaced(inDefault), provider: provider("aks-apps", { kubeconfig: UNKNOWN_STRING }) }), []);
        assert.strictEqual((await messages(policy, { ...unnamespaced(inDefault), provider: provider("aks-apps", { kubeconfig: UNKNOWN_STRING, namespace: "default" }) })).length, 1);
    });

    it("uses the namespace a provider is configured with", async () => {
        assert.deepStrictEqual(await messages(policy, { ...unnamespaced(inDefault), provider: provider("default_4_18_0", { namespace: "apps" }) }), []);
        assert.strictEqual((await messages(policy, { ...unnamespaced(inDefault), provider: provider("aks-apps", { namespace: "default" }) })).length, 1);
        assert.deepStrictEqual(await messages(policy, { ...unnamespaced(inDefault), provider: provider("default", { namespace: UNKNOWN_STRING }) }), []);
        // The object's own namespace wins over the provider's.
        assert.strictEqual((await messages(policy, { ...inDefault, provider: provider("aks-apps", { namespace: "apps" }) })).length, 1);
    });

    it("defers an unknown namespace", async () => {
        assert.deepStrictEqual(await messages(policy, workload("Deployment", hardenedPod(), { name: "web", namespace: UNKNOWN_STRING })), []);
    });

    it("judges a Patch only when it names its namespace, and every item of a List", async () => {
        assert.deepStrictEqual(await messages(policy, unnamespaced(k8s("kubernetes:apps/v1:DeploymentPatch", "web", "x", { spec: {} }))), []);
        assert.strictEqual((await messages(policy, k8s("kubernetes:apps/v1:DeploymentPatch", "web", "default", { spec: {} }))).length, 1);
        const m = await messages(policy, list("kubernetes:core/v1:ServiceList", "svcs", [service("apps", "a"), service("default", "b")]));
        assert.deepStrictEqual(m, ['Service "default/b": sets items[1].metadata.namespace to the default namespace; deploy it into an application namespace.']);
    });

    it("matches older API versions", async () => {
        for (const token of ["kubernetes:extensions/v1beta1:Deployment", "kubernetes:apps/v1beta2:StatefulSet", "kubernetes:batch/v1beta1:CronJob", "kubernetes:extensions/v1beta1:Ingress", "kubernetes:autoscaling/v1:HorizontalPodAutoscaler"]) {
            assert.strictEqual((await messages(policy, k8s(token, "web", "default", { spec: {} }))).length, 1, token);
        }
    });

    it("exempts excludeNamespaces: [default]", async () => {
        assert.deepStrictEqual(await messages(policy, inDefault, { excludeNamespaces: ["default"] }), []);
    });
});
