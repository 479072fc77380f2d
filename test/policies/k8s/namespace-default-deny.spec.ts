import * as assert from "assert";
import { ResourceInput, UNKNOWN_STRING, urnOf } from "../../../harness";
import { defaultDeny, deployment, k8s, list, namespace, service } from "../../support/stack-fixtures";
import { judge, messages, PolicyContract } from "../../support/util";

const policy = "k8s-namespace-default-deny";
const FIX = 'add a NetworkPolicy with metadata.namespace "apps", spec.podSelector: {} and spec.policyTypes: [Ingress, Egress].';

export const contract: PolicyContract = {
    policy,
    bad: [namespace("apps")],
    target: 0,
    field: ["metadata"],
};

const np = (spec: Record<string, unknown>, opts: { ns?: string; name?: string; token?: string } = {}) =>
    defaultDeny("ns" in opts ? opts.ns as string : "apps", opts.name ?? "np", spec, opts.token);

describe(policy, () => {
    for (const token of ["kubernetes:networking.k8s.io/v1:NetworkPolicy", "kubernetes:extensions/v1beta1:NetworkPolicy"]) {
        it(`passes a namespace with a default deny (${token.split(":")[1]})`, async () => {
            assert.deepStrictEqual(await messages(policy, [namespace("apps"), np({ podSelector: {}, policyTypes: ["Ingress", "Egress"] }, { token })]), []);
        });
    }

    it("fires on a created namespace without any NetworkPolicy, on its Namespace resource", async () => {
        const ds = await judge(policy, [namespace("apps"), deployment("apps", "web")]);
        assert.deepStrictEqual(ds.map(d => d.message.split("\n")[1]), [`Namespace "apps" has no NetworkPolicy; ${FIX}`]);
        assert.strictEqual(ds[0].urn, urnOf("kubernetes:core/v1:Namespace", "apps"));
    });

    it("does not count a policy that selects only some pods", async () => {
        const m = await messages(policy, [namespace("apps"), np({ podSelector: { matchLabels: { app: "web" } }, policyTypes: ["Ingress", "Egress"] }, { name: "web-only" })]);
        assert.deepStrictEqual(m, [`Namespace "apps" has no default-deny NetworkPolicy (NetworkPolicy "apps/web-only" selects only some pods); ${FIX}`]);
        const expr = np({ podSelector: { matchExpressions: [{ key: "app", operator: "Exists" }] }, policyTypes: ["Ingress", "Egress"] });
        assert.strictEqual((await messages(policy, [namespace("apps"), expr])).length, 1);
    });

    it("does not count a policy that lacks Egress (or Ingress)", async () => {
        const m = await messages(policy, [namespace("apps"), np({ podSelector: {}, policyTypes: ["Ingress"] }, { name: "deny-in" }), np({ podSelector: { matchLabels: { a: "b" } }, policyTypes: ["Egress"] }, { name: "x" })]);
        assert.deepStrictEqual(m, [`Namespace "apps" has no default-deny NetworkPolicy (NetworkPolicy "apps/deny-in" lacks Egress in spec.policyTypes; NetworkPolicy "apps/x" selects only some pods and lacks Ingress in spec.policyTypes); ${FIX}`]);
    });

    it("does not count a default deny in another namespace", async () => {
        const m = await messages(policy, [namespace("apps"), namespace("other"), np({ podSelector: {}, policyTypes: ["Ingress", "Egress"] }, { ns: "other" })]);
        assert.deepStrictEqual(m, [`Namespace "apps" has no NetworkPolicy; ${FIX}`]);
    });

    it("applies the API server's defaults: no podSelector selects all pods, no policyTypes means Ingress (+ Egress with egress rules)", async () => {
        assert.deepStrictEqual(await messages(policy, [namespace("apps"), np({ policyTypes: ["Ingress", "Egress"] })]), []);
        assert.deepStrictEqual(await messages(policy, [namespace("apps"), np({ podSelector: {}, egress: [{ ports: [{ port: 53, protocol: "UDP" }] }] })]), []);
        assert.match((await messages(policy, [namespace("apps"), np({ podSelector: {} })]))[0], /lacks Egress/);
    });

    it("judges a namespace the stack deploys into without creating it, naming what deploys there", async () => {
        const ds = await judge(policy, [deployment("legacy", "web")]);
        assert.deepStrictEqual(ds.map(d => d.message.split("\n")[1]), [
            'namespace "legacy" (not created by this stack; Deployment "legacy/web" deploys into it) has no NetworkPolicy; add a NetworkPolicy with metadata.namespace "legacy", spec.podSelector: {} and spec.policyTypes: [Ingress, Egress].',
        ]);
        assert.strictEqual(ds[0].urn, urnOf("kubernetes:apps/v1:Deployment", "web"));
        assert.strictEqual((await messages(policy, [service("legacy", "web")])).length, 1);
        assert.deepStrictEqual(await messages(policy, [deployment("legacy", "web"), defaultDeny("legacy")]), []);
    });

    it("counts a workload without metadata.namespace as deployed into default", async () => {
        assert.match((await messages(policy, [deployment(undefined, "web")]))[0], /^namespace "default" \(not created by this stack; Deployment "web" deploys into it\)/);
    });

    it("counts Helm v3 Releases as deploying into their namespace", async () => {
        const release: ResourceInput = { type: "kubernetes:helm.sh/v3:Release", name: "redis", props: { chart: "redis", namespace: "cache" } };
        assert.match((await messages(policy, [release]))[0], /^namespace "cache" \(not created by this stack; Release "cache\/redis" deploys into it\)/);
        const unset: ResourceInput = { ...release, props: { chart: "redis" } };
        assert.match((await messages(policy, [unset]))[0], /^namespace "default" /);
        // An explicit provider without namespace or kubeconfig namespace puts it in default (round 3); deferred while computed.
        const explicit = { type: "pulumi:providers:kubernetes", name: "aks", urn: "urn:pulumi:dev::p::pulumi:providers:kubernetes::aks", props: {} };
        assert.match((await messages(policy, [{ ...unset, provider: explicit }]))[0], /^namespace "default" /);
        assert.deepStrictEqual(await messages(policy, [{ ...unset, provider: { ...explicit, props: { kubeconfig: UNKNOWN_STRING } } }]), []);
        assert.match((await messages(policy, [{ ...unset, provider: { ...explicit, props: { namespace: "cache" } } }]))[0], /^namespace "cache" /);
    });

    it("skips system namespaces the stack only deploys into, but judges them when it declares them", async () => {
        assert.deepStrictEqual(await messages(policy, [deployment("kube-system", "agent")]), []);
        assert.strictEqual((await messages(policy, [namespace("kube-system"), deployment("kube-system", "agent")])).length, 1);
    });

    it("does not count ConfigMaps, PodTemplates or Patches as deploying into a namespace", async () => {
        assert.deepStrictEqual(await messages(policy, [
            k8s("kubernetes:core/v1:ConfigMap", "cfg", "legacy", { data: {} }),
            k8s("kubernetes:core/v1:PodTemplate", "tpl", "legacy", { template: { spec: { containers: [] } } }),
            k8s("kubernetes:apps/v1:DeploymentPatch", "web", "legacy", { spec: { replicas: 2 } }),
            k8s("kubernetes:core/v1:NamespacePatch", "legacy", undefined, {}, { labels: { team: "x" } }),
        ]), []);
    });

    it("defers when a NetworkPolicy's namespace, selector or types are unknown", async () => {
        assert.deepStrictEqual(await messages(policy, [namespace("apps"), np({ podSelector: {}, policyTypes: ["Ingress", "Egress"] }, { ns: UNKNOWN_STRING })]), []);
        assert.deepStrictEqual(await messages(policy, [namespace("apps"), np({ podSelector: {}, policyTypes: ["Ingress", "Egress"], ingress: [UNKNOWN_STRING] })]), []);
        assert.deepStrictEqual(await messages(policy, [namespace("apps"), np({ podSelector: UNKNOWN_STRING, policyTypes: ["Ingress", "Egress"] })]), []);
        assert.deepStrictEqual(await messages(policy, [namespace("apps"), np({ podSelector: {}, policyTypes: UNKNOWN_STRING })]), []);
        assert.deepStrictEqual(await messages(policy, [namespace("apps"), np({ podSelector: {}, policyTypes: ["Ingress", UNKNOWN_STRING] })]), []);
    });

    it("still reports a known gap beside an unknown policy in another namespace", async () => {
        const m = await messages(policy, [namespace("apps"), namespace("web"), np({ podSelector: UNKNOWN_STRING, policyTypes: ["Ingress", "Egress"] }, { ns: "web" })]);
        assert.deepStrictEqual(m, [`Namespace "apps" has no NetworkPolicy; ${FIX}`]);
        // A policy that is known not to be a default deny is no reason to wait for an unknown field.
        assert.strictEqual((await messages(policy, [namespace("apps"), np({ podSelector: { matchLabels: { a: "b" } }, policyTypes: UNKNOWN_STRING })])).length, 1);
    });

    it("does not wait for a policy of unknown namespace that is known not to be a default deny", async () => {
        const m = await messages(policy, [namespace("apps"), np({ podSelector: {}, policyTypes: ["Ingress"] }, { ns: UNKNOWN_STRING }), np({ podSelector: {}, policyTypes: ["Ingress", "Egress"], egress: [{}] }, { ns: UNKNOWN_STRING, name: "np2" })]);
        assert.deepStrictEqual(m, [`Namespace "apps" has no NetworkPolicy; ${FIX}`]);
    });

    it("does not count a policy with a rule that allows all ingress or egress (no peers, no ports)", async () => {
        const both = { podSelector: {}, policyTypes: ["Ingress", "Egress"] };
        const m = await messages(policy, [namespace("apps"), np({ ...both, ingress: [{}], egress: [{ to: [], ports: null }] }, { name: "allow-all" })]);
        assert.deepStrictEqual(m, [`Namespace "apps" has no default-deny NetworkPolicy (NetworkPolicy "apps/allow-all" allows all ingress (a spec.ingress rule without from and ports) and allows all egress (a spec.egress rule without to and ports)); ${FIX}`]);
        assert.strictEqual((await messages(policy, [namespace("apps"), np({ ...both, egress: [{ ports: [{ port: 53, protocol: "UDP" }] }, null] })])).length, 1);
        // Rules that name peers or ports narrow the policy; it still denies everything else.
        assert.deepStrictEqual(await messages(policy, [namespace("apps"), np({ ...both, ingress: [{ from: [{ podSelector: {} }] }], egress: [{ ports: [{ port: 53, protocol: "UDP" }] }] })]), []);
    });

    it("never reports a namespace whose name is unknown", async () => {
        assert.deepStrictEqual(await messages(policy, [{ ...namespace("x"), props: { metadata: { name: UNKNOWN_STRING } } }, deployment(UNKNOWN_STRING, "web")]), []);
    });

    it("defers a NetworkPolicy without a namespace while its explicit provider's inputs are unknown, and places it once they are known", async () => {
        const explicit = { type: "pulumi:providers:kubernetes", name: "aks", urn: "urn:pulumi:dev::p::pulumi:providers:kubernetes::aks", props: { kubeconfig: UNKNOWN_STRING } };
        const unplaced = { ...np({ podSelector: {}, policyTypes: ["Ingress", "Egress"] }), provider: explicit };
        delete (unplaced.props.metadata as Record<string, unknown>).namespace;
        assert.deepStrictEqual(await messages(policy, [namespace("apps"), unplaced]), []);
        // Known and naming no namespace: it lands in default, and guards nothing in apps.
        assert.strictEqual((await messages(policy, [namespace("apps"), { ...unplaced, provider: { ...explicit, props: {} } }])).length, 1);
        const good = { ...unplaced, provider: { ...explicit, props: { namespace: "apps" } } };
        const placed = { ...good, props: { ...good.props, spec: { podSelector: {}, policyTypes: ["Ingress"] } } };
        assert.strictEqual((await messages(policy, [namespace("apps"), placed])).length, 1);
        assert.deepStrictEqual(await messages(policy, [namespace("apps"), good]), []);
    });

    it("judges a Patch on the fields it sets, and defers one that leaves them to the live object", async () => {
        const patch = "kubernetes:networking.k8s.io/v1:NetworkPolicyPatch";
        assert.deepStrictEqual(await messages(policy, [namespace("apps"), np({ podSelector: {}, policyTypes: ["Ingress", "Egress"] }, { token: patch })]), []);
        assert.deepStrictEqual(await messages(policy, [namespace("apps"), np({ ingress: [] }, { token: patch })]), []);
        assert.strictEqual((await messages(policy, [namespace("apps"), np({ podSelector: {}, policyTypes: ["Ingress"] }, { token: patch })])).length, 1);
    });

    it("reads every item of Namespace and NetworkPolicy Lists", async () => {
        const nss = list("kubernetes:core/v1:NamespaceList", "nss", [namespace("a"), namespace("b")]);
        const nps = list("kubernetes:networking.k8s.io/v1:NetworkPolicyList", "nps", [defaultDeny("a"), defaultDeny("b", "x", { podSelector: {}, policyTypes: ["Ingress"] })]);
        assert.deepStrictEqual(await messages(policy, [nss, nps]), ['Namespace "b" has no default-deny NetworkPolicy (NetworkPolicy "b/x" lacks Egress in spec.policyTypes); add a NetworkPolicy with metadata.namespace "b", spec.podSelector: {} and spec.policyTypes: [Ingress, Egress].']);
    });

    it("exempts namespaces by excludeNamespaces globs and resources by excludeResources", async () => {
        const stack = [namespace("team-a"), namespace("team-b"), deployment("legacy", "web")];
        assert.deepStrictEqual(await messages(policy, stack, { excludeNamespaces: ["team-*", "legacy"] }), []);
        assert.strictEqual((await messages(policy, stack, { excludeNamespaces: ["team-a"] })).length, 2);
        assert.strictEqual((await messages(policy, stack, { excludeResources: ["team-a", "legacy/web"] })).length, 1);
    });
});
