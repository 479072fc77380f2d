import * as assert from "assert";
import { UNKNOWN_STRING } from "../../../harness";
import { hardenedCluster } from "../../support/azure";
import { classicClusterWith } from "../../support/azure-classic";
import { k8s, list, namespace } from "../../support/stack-fixtures";
import { messages, PolicyContract } from "../../support/util";

const policy = "k8s-mesh-authorization";

const authz = (ns: string | undefined, spec: Record<string, unknown> = {}, name = "deny-by-default", apiVersion = "security.istio.io/v1") =>
    k8s(`kubernetes:${apiVersion}:AuthorizationPolicy`, `${ns ?? "x"}-${name}`, ns, { spec }, {});
/** An ALLOW policy that names who may call (the usual companion of an allow-nothing policy). */
const allowFrontend = { action: "ALLOW", rules: [{ from: [{ source: { principals: ["cluster.local/ns/web/sa/frontend"] } }], to: [{ operation: { methods: ["GET"] } }] }] };
const uncovered = (ns: string, root = "istio-system") => `Namespace "${ns}": has sidecar injection but no Istio AuthorizationPolicy without a selector covers it (in the namespace or in the mesh root namespace "${root}"), so any workload may call its services; add one, e.g. an allow-nothing policy (spec: {}) plus ALLOW policies naming the permitted sources.`;
const allowAll = (label: string, i = 0) => `AuthorizationPolicy "${label}": spec.rules[${i}] is an empty rule under action ALLOW, which allows every request; give the rule from/to/when conditions that name who may call, or remove it.`;

export const contract: PolicyContract = {
    policy,
    bad: [namespace("apps", { "istio.io/rev": "asm-1-25" })],
    target: 0,
    field: ["metadata", "labels", "istio.io/rev"],
};

describe(policy, () => {
    it("passes an injected namespace with an allow-nothing policy (spec: {}) or a namespace-wide ALLOW/DENY/CUSTOM policy", async () => {
        for (const spec of [{}, allowFrontend, { action: "DENY", rules: [{ from: [{ source: { notNamespaces: ["apps"] } }] }] }, { action: "CUSTOM", provider: { name: "ext-authz" }, rules: [{}] }]) {
            assert.deepStrictEqual(await messages(policy, [namespace("apps"), authz("apps", spec)]), [], JSON.stringify(spec));
        }
    });

    for (const version of ["v1", "v1beta1"]) {
        it(`reads AuthorizationPolicy in security.istio.io/${version}, as a typed or a generic CustomResource, and in a List`, async () => {
            assert.deepStrictEqual(await messages(policy, [namespace("apps"), authz("apps", {}, "d", `security.istio.io/${version}`)]), []);
            const generic = { type: "kubernetes:apiextensions.k8s.io:CustomResource", name: "d", props: { apiVersion: `security.istio.io/${version}`, kind: "AuthorizationPolicy", metadata: { name: "d", namespace: "apps" }, spec: {} } };
            assert.deepStrictEqual(await messages(policy, [namespace("apps"), generic]), []);
            assert.deepStrictEqual(await messages(policy, [namespace("apps"), list(`kubernetes:security.istio.io/${version}:AuthorizationPolicyList`, "l", [authz("apps")])]), []);
        });
    }

    it("counts a namespace-wide policy in the mesh root namespace: istio-system, aks-istio-system with the AKS add-on, or meshRootNamespace", async () => {
        assert.deepStrictEqual(await messages(policy, [namespace("apps"), authz("istio-system")]), []);
        assert.deepStrictEqual(await messages(policy, [namespace("apps"), authz("aks-istio-system")]), [], "an object in aks-istio-system makes it the root");
        assert.deepStrictEqual(await messages(policy, [hardenedCluster(), namespace("apps"), authz("aks-istio-system")]), []);
        assert.deepStrictEqual(await messages(policy, [hardenedCluster(), namespace("apps"), authz("istio-system")]), [uncovered("apps", "aks-istio-system")]);
        // A classic @pulumi/azure cluster with the add-on (its serviceMeshProfile block) counts the same.
        assert.deepStrictEqual(await messages(policy, [classicClusterWith(), namespace("apps"), authz("aks-istio-system")]), []);
        assert.deepStrictEqual(await messages(policy, [classicClusterWith(), namespace("apps"), authz("istio-system")]), [uncovered("apps", "aks-istio-system")]);
        assert.deepStrictEqual(await messages(policy, [namespace("apps"), authz("mesh-root")], { meshRootNamespace: "mesh-root" }), []);
    });

    // SPEC round 3: with meshRootNamespace unset, the root is aks-istio-system when the stack declares
    // an AKS cluster with the Istio add-on (serviceMeshProfile.mode Istio) or any object in
    // aks-istio-system, else istio-system (AKS docs: the add-on's control plane and its mesh-wide
    // configuration live in aks-istio-system).
    it("takes aks-istio-system as the root when the stack puts any object there, else istio-system", async () => {
        const meshConfig = k8s("kubernetes:core/v1:ConfigMap", "istio-shared-configmap-asm-1-25", "aks-istio-system", { data: { mesh: "" } });
        assert.deepStrictEqual(await messages(policy, [meshConfig, namespace("apps"), authz("istio-system")]), [uncovered("apps", "aks-istio-system")]);
        assert.deepStrictEqual(await messages(policy, [namespace("aks-istio-system", {}), namespace("apps"), authz("istio-system")]), [uncovered("apps", "aks-istio-system")]);
        assert.deepStrictEqual(await messages(policy, [list("kubernetes:core/v1:ConfigMapList", "l", [meshConfig]), namespace("apps"), authz("istio-system")]), [uncovered("apps", "aks-istio-system")]);
        const release = { type: "kubernetes:helm.sh/v3:Release", name: "gw", props: { chart: "gateway", namespace: "aks-istio-system" } };
        assert.deepStrictEqual(await messages(policy, [release, namespace("apps"), authz("istio-system")]), [uncovered("apps", "aks-istio-system")]);
        assert.deepStrictEqual(await messages(policy, [k8s("kubernetes:core/v1:ConfigMap", "c", "other"), namespace("apps"), authz("istio-system")]), []);
        assert.deepStrictEqual(await messages(policy, [meshConfig, namespace("apps"), authz("istio-system")], { meshRootNamespace: "istio-system" }), [], "config decides");
    });

    it("defers the root while an unknown value decides between istio-system and aks-istio-system", async () => {
        const ambiguous = `Namespace "apps": has sidecar injection but no Istio AuthorizationPolicy without a selector covers it (in the namespace or in the mesh root namespace ("istio-system", or "aks-istio-system" for the AKS add-on)), so any workload may call its services; add one, e.g. an allow-nothing policy (spec: {}) plus ALLOW policies naming the permitted sources.`;
        const unknownMode = hardenedCluster();
        (unknownMode.props as any).serviceMeshProfile = { mode: UNKNOWN_STRING };
        assert.deepStrictEqual(await messages(policy, [unknownMode, namespace("apps"), authz("istio-system")]), []);
        assert.deepStrictEqual(await messages(policy, [k8s("kubernetes:core/v1:ConfigMap", "c", UNKNOWN_STRING), namespace("apps"), authz("istio-system")]), []);
        assert.deepStrictEqual(await messages(policy, [unknownMode, namespace("apps"), authz("other")]), [ambiguous]);
    });

    it("fires on an injected namespace without a namespace-wide policy, by either injection label", async () => {
        assert.deepStrictEqual(await messages(policy, [namespace("apps")]), [uncovered("apps")]);
        assert.deepStrictEqual(await messages(policy, [namespace("apps", { "istio.io/rev": "asm-1-25" })]), [uncovered("apps")]);
        assert.deepStrictEqual(await messages(policy, [namespace("apps"), namespace("web"), authz("web")]), [uncovered("apps")]);
    });

    it("does not count a policy with a selector or targetRef, an AUDIT policy, or one in another namespace", async () => {
        for (const spec of [{ selector: { matchLabels: { app: "web" } } }, { targetRefs: [{ kind: "Gateway", group: "gateway.networking.k8s.io", name: "gw" }] }, { targetRef: { kind: "Service", name: "web" } }, { action: "AUDIT", rules: [{}] }]) {
            assert.deepStrictEqual(await messages(policy, [namespace("apps"), authz("apps", spec)]), [uncovered("apps")], JSON.stringify(spec));
        }
        assert.deepStrictEqual(await messages(policy, [namespace("apps"), authz("other")]), [uncovered("apps")]);
    });

    it("counts an empty selector (no matchLabels) as namespace-wide: the empty label set matches every workload", async () => {
        assert.deepStrictEqual(await messages(policy, [namespace("apps"), authz("apps", { selector: {} })]), []);
        assert.deepStrictEqual(await messages(policy, [namespace("apps"), authz("apps", { selector: { matchLabels: {} } })]), []);
    });

    it("fires on an ALLOW policy with an empty rule, which allows everything and covers nothing", async () => {
        assert.deepStrictEqual(await messages(policy, [namespace("apps"), authz("apps", { rules: [{}] }, "allow-all")]), [allowAll("apps/apps-allow-all"), uncovered("apps")]);
        assert.deepStrictEqual(await messages(policy, [namespace("apps"), authz("apps", {}), authz("apps", { action: "ALLOW", rules: [allowFrontend.rules[0], { from: [], to: [], when: [] }] }, "open")]), [allowAll("apps/apps-open", 1)]);
        assert.deepStrictEqual(await messages(policy, [authz("shared", { action: "allow", rules: [null] }, "open", "security.istio.io/v1beta1")]), [allowAll("shared/shared-open")], "even with a selector or outside an injected namespace");
        assert.deepStrictEqual(await messages(policy, [namespace("apps"), authz("apps", { action: "DENY", rules: [{}] })]), [], "DENY with an empty rule denies everything");
    });

    it("does not judge namespaces without injection, system and control-plane namespaces", async () => {
        assert.deepStrictEqual(await messages(policy, [namespace("plain", {}), namespace("off", { "istio-injection": "disabled", "istio.io/rev": "asm-1-25" })]), []);
        assert.deepStrictEqual(await messages(policy, [namespace("kube-system"), namespace("aks-istio-system"), namespace("istio-system")]), []);
    });

    it("defers what unknown values could change", async () => {
        assert.deepStrictEqual(await messages(policy, [namespace("apps", UNKNOWN_STRING as any)]), []);
        assert.deepStrictEqual(await messages(policy, [namespace("apps"), authz(UNKNOWN_STRING)]), []);
        assert.deepStrictEqual(await messages(policy, [namespace("apps"), authz("apps", { selector: UNKNOWN_STRING })]), []);
        assert.deepStrictEqual(await messages(policy, [namespace("apps"), authz("apps", { action: UNKNOWN_STRING })]), []);
        assert.deepStrictEqual(await messages(policy, [namespace("apps"), authz("apps", { rules: UNKNOWN_STRING })]), []);
        assert.deepStrictEqual(await messages(policy, [namespace("apps"), authz("apps", { action: UNKNOWN_STRING, rules: [{}] })]), []);
        // A known gap next to an unknown: the other namespace is still reported.
        assert.deepStrictEqual(await messages(policy, [namespace("apps"), namespace("web"), authz("web", { selector: UNKNOWN_STRING })]), [uncovered("apps")]);
    });

    it("honours excludeResources and excludeNamespaces", async () => {
        assert.deepStrictEqual(await messages(policy, [namespace("apps")], { excludeResources: ["apps"] }), []);
        assert.deepStrictEqual(await messages(policy, [namespace("apps")], { excludeNamespaces: ["ap*"] }), []);
        assert.deepStrictEqual(await messages(policy, [authz("apps", { rules: [{}] }, "allow-all")], { excludeNamespaces: ["apps"] }), []);
        assert.deepStrictEqual(await messages(policy, [authz("apps", { rules: [{}] }, "allow-all")], { excludeResources: ["apps/allow-all"] }), [allowAll("apps/apps-allow-all")], "namespace/name is the object's metadata.name");
        assert.deepStrictEqual(await messages(policy, [authz("apps", { rules: [{}] }, "allow-all")], { excludeResources: ["apps/apps-allow-all"] }), []);
    });

    it("gives clean verdicts on malformed specs", async () => {
        assert.deepStrictEqual(await messages(policy, [namespace("apps"), authz("apps", { rules: "x", selector: 3 })]), [uncovered("apps")]);
        assert.deepStrictEqual(await messages(policy, [namespace("apps", { "istio.io/rev": 5 } as any)]), []);
    });
});
