// Rule from Istio's sidecar injector (pkg/kube/inject/webhook.go, injectRequired): the pod's
// `sidecar.istio.io/inject` label takes precedence over the annotation of the same name; "true"
// injects, "false" opts out, any other value falls back to the namespace's policy; a namespace
// opts in with `istio-injection: enabled` or an `istio.io/rev` label (Istio's injection webhooks,
// istio-injection taking precedence). Kyverno's `istio/enforce-sidecar-injection-namespace`
// judges the namespace only (k8s-namespace-mesh-injection here); this is the pod side.
import * as assert from "assert";
import { UNKNOWN_STRING } from "../../../harness";
import { k8s, list, namespace } from "../../support/stack-fixtures";
import { hardenedPod, messages, PolicyContract, workload, WORKLOADS } from "../../support/util";

const policy = "k8s-mesh-no-injection-opt-out";

const optedOut = (kind: string, meta: object, ns = "apps", name = "web") =>
    workload(kind, hardenedPod(), { name, namespace: ns, podMetadata: meta });
const annotationOut = { annotations: { "sidecar.istio.io/inject": "false" } };
const labelOut = { labels: { app: "web", "sidecar.istio.io/inject": "false" } };
const message = (label: string, fields: string, ns = "apps") =>
    `${label}: ${fields} opts its pods out of sidecar injection, although Namespace "${ns}" is labelled for injection, so they run outside the mesh (no mTLS, no authorization policy); remove it or set it to "true", or move the workload to a namespace without injection.`;

export const contract: PolicyContract = {
    policy,
    bad: [namespace("apps"), optedOut("Deployment", annotationOut)],
    target: 1,
    field: ["spec", "template", "metadata", "annotations", "sidecar.istio.io/inject"],
};

describe(policy, () => {
    it("fires on a pod template annotation or label that opts out in an injected namespace, naming the field", async () => {
        assert.deepStrictEqual(await messages(policy, [namespace("apps"), optedOut("Deployment", annotationOut)]),
            [message('Deployment "apps/web"', 'spec.template.metadata.annotations["sidecar.istio.io/inject"]')]);
        assert.deepStrictEqual(await messages(policy, [namespace("apps", { "istio.io/rev": "asm-1-25" }), optedOut("CronJob", labelOut)]),
            [message('CronJob "apps/web"', 'spec.jobTemplate.spec.template.metadata.labels["sidecar.istio.io/inject"]')]);
        assert.deepStrictEqual(await messages(policy, [namespace("apps"), optedOut("Pod", { ...labelOut, ...annotationOut })]),
            [message('Pod "apps/web"', 'metadata.labels["sidecar.istio.io/inject"] and metadata.annotations["sidecar.istio.io/inject"]')]);
    });

    it("judges every workload kind, Patch and List variants", async () => {
        for (const kind of Object.keys(WORKLOADS).filter(k => k !== "PodTemplate")) {
            assert.strictEqual((await messages(policy, [namespace("apps"), optedOut(kind, annotationOut)])).length, 1, kind);
        }
        const patch = { ...optedOut("Deployment", annotationOut), type: "kubernetes:apps/v1:DeploymentPatch" };
        assert.strictEqual((await messages(policy, [namespace("apps"), patch])).length, 1);
        const items = list("kubernetes:apps/v1:DeploymentList", "l", [optedOut("Deployment", {}), optedOut("Deployment", labelOut, "apps", "b")]);
        assert.deepStrictEqual(await messages(policy, [namespace("apps"), items]), [message('Deployment "apps/b"', 'items[1].spec.template.metadata.labels["sidecar.istio.io/inject"]')]);
    });

    it("lets the label decide over the annotation, as Istio's injector does", async () => {
        assert.deepStrictEqual(await messages(policy, [namespace("apps"), optedOut("Deployment", { labels: { "sidecar.istio.io/inject": "true" }, ...annotationOut })]), []);
        assert.strictEqual((await messages(policy, [namespace("apps"), optedOut("Deployment", { labels: { "sidecar.istio.io/inject": "false" }, annotations: { "sidecar.istio.io/inject": "true" } })])).length, 1);
    });

    it("passes pods that stay injected: no opt-out, \"true\", or a value Istio ignores", async () => {
        for (const value of ["true", "False", "no", ""]) {
            assert.deepStrictEqual(await messages(policy, [namespace("apps"), optedOut("Deployment", { annotations: { "sidecar.istio.io/inject": value } })]), [], value);
        }
        assert.deepStrictEqual(await messages(policy, [namespace("apps"), optedOut("Deployment", {})]), []);
    });

    it("does not judge namespaces without injection, undeclared, system or control-plane namespaces", async () => {
        assert.deepStrictEqual(await messages(policy, [namespace("apps", { "istio-injection": "disabled", "istio.io/rev": "asm-1-25" }), optedOut("Deployment", annotationOut)]), []);
        assert.deepStrictEqual(await messages(policy, [namespace("web"), optedOut("Deployment", annotationOut)]), [], "the workload's namespace is not declared");
        assert.deepStrictEqual(await messages(policy, [namespace("aks-istio-system"), optedOut("Deployment", annotationOut, "aks-istio-system")]), []);
        assert.deepStrictEqual(await messages(policy, [namespace("kube-system"), optedOut("DaemonSet", annotationOut, "kube-system")]), []);
    });

    it("places a workload without metadata.namespace in its provider's namespace", async () => {
        const unset = optedOut("Deployment", annotationOut);
        delete (unset.props.metadata as Record<string, unknown>).namespace;
        assert.strictEqual((await messages(policy, [namespace("default"), unset])).length, 1);
        const provider = { type: "pulumi:providers:kubernetes", name: "aks", urn: "urn:pulumi:dev::p::pulumi:providers:kubernetes::aks", props: { namespace: "apps" } };
        assert.strictEqual((await messages(policy, [namespace("apps"), { ...unset, provider }])).length, 1);
    });

    it("defers what unknown values could change", async () => {
        assert.deepStrictEqual(await messages(policy, [namespace("apps", UNKNOWN_STRING as any), optedOut("Deployment", annotationOut)]), []);
        assert.deepStrictEqual(await messages(policy, [namespace("apps"), optedOut("Deployment", annotationOut, UNKNOWN_STRING)]), []);
        assert.deepStrictEqual(await messages(policy, [namespace("apps"), optedOut("Deployment", { labels: UNKNOWN_STRING, ...annotationOut })]), []);
        assert.deepStrictEqual(await messages(policy, [namespace("apps"), optedOut("Deployment", { labels: { "sidecar.istio.io/inject": UNKNOWN_STRING }, ...annotationOut })]), []);
        // A known opt-out beside an unknown one: the known one is still reported.
        assert.strictEqual((await messages(policy, [namespace("apps"), optedOut("Deployment", { annotations: { "sidecar.istio.io/inject": UNKNOWN_STRING } }, "apps", "a"), optedOut("Deployment", annotationOut)])).length, 1);
    });

    it("honours excludeResources and excludeNamespaces", async () => {
        const stack = [namespace("apps"), optedOut("Deployment", annotationOut)];
        assert.deepStrictEqual(await messages(policy, stack, { excludeResources: ["apps/web"] }), []);
        assert.deepStrictEqual(await messages(policy, stack, { excludeResources: ["apps"] }), [], "the namespace by its name");
        assert.deepStrictEqual(await messages(policy, stack, { excludeNamespaces: ["ap*"] }), []);
        assert.strictEqual((await messages(policy, stack, { excludeResources: ["apps/other"] })).length, 1);
    });

    it("gives clean verdicts on malformed metadata", async () => {
        assert.deepStrictEqual(await messages(policy, [namespace("apps"), optedOut("Deployment", { labels: "x", annotations: [1] })]), []);
        assert.deepStrictEqual(await messages(policy, [namespace("apps"), optedOut("Deployment", { labels: { "sidecar.istio.io/inject": 0 } })]), []);
        assert.deepStrictEqual(await messages(policy, [k8s("kubernetes:core/v1:Namespace", "apps", undefined, {}, { labels: { "istio.io/rev": 5 } }), optedOut("Deployment", annotationOut)]), []);
    });
});
