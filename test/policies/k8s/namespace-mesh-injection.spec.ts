import * as assert from "assert";
import { UNKNOWN_STRING } from "../../../harness";
import { k8s, list, namespace } from "../../support/stack-fixtures";
import { messages, PolicyContract } from "../../support/util";

const policy = "k8s-namespace-mesh-injection";

export const contract: PolicyContract = {
    policy,
    bad: [namespace("payments", { team: "payments" })],
    target: 0,
    field: ["metadata", "labels"],
};

describe(policy, () => {
    it("passes istio-injection: enabled, and istio.io/rev (AKS Istio add-on)", async () => {
        assert.deepStrictEqual(await messages(policy, [namespace("a"), namespace("b", { "istio.io/rev": "asm-1-24" })]), []);
    });

    it("fires on a Namespace without injection labels", async () => {
        assert.deepStrictEqual(await messages(policy, namespace("payments", { team: "payments" })), [
            'Namespace "payments": metadata.labels has neither istio-injection: enabled nor istio.io/rev; label the namespace for sidecar injection.',
        ]);
        assert.strictEqual((await messages(policy, k8s("kubernetes:core/v1:Namespace", "bare", undefined))).length, 1);
    });

    it("fires on istio-injection: disabled, even beside istio.io/rev (istio-injection wins)", async () => {
        const m = await messages(policy, namespace("legacy", { "istio-injection": "disabled", "istio.io/rev": "asm-1-24" }));
        assert.deepStrictEqual(m, ['Namespace "legacy": metadata.labels["istio-injection"] keeps sidecars out of its pods; set it to "enabled" or remove it and set istio.io/rev.']);
        assert.strictEqual((await messages(policy, namespace("x", { "istio-injection": "Enabled" }))).length, 1);
    });

    it("never judges the system and Istio control-plane namespaces", async () => {
        assert.deepStrictEqual(await messages(policy, ["kube-system", "kube-public", "kube-node-lease", "istio-system", "aks-istio-system"].map(n => namespace(n, {}))), []);
    });

    it("defers unknown labels", async () => {
        assert.deepStrictEqual(await messages(policy, [namespace("a", { "istio-injection": UNKNOWN_STRING }), namespace("b", { "istio.io/rev": UNKNOWN_STRING }), { ...namespace("c"), props: { metadata: { name: "c", labels: UNKNOWN_STRING } } }]), []);
    });

    it("judges a NamespacePatch only on the labels it sets, and every item of a NamespaceList", async () => {
        const patch = (labels: Record<string, unknown>) => k8s("kubernetes:core/v1:NamespacePatch", "apps", undefined, {}, { labels });
        assert.deepStrictEqual(await messages(policy, patch({ team: "x" })), []);
        assert.strictEqual((await messages(policy, patch({ "istio-injection": "disabled" }))).length, 1);
        const m = await messages(policy, list("kubernetes:core/v1:NamespaceList", "nss", [namespace("a"), namespace("b", {})]));
        assert.deepStrictEqual(m, ['Namespace "b": items[1].metadata.labels has neither istio-injection: enabled nor istio.io/rev; label the namespace for sidecar injection.']);
    });

    it("exempts a Namespace by its own name with excludeNamespaces", async () => {
        assert.deepStrictEqual(await messages(policy, namespace("batch-jobs", {}), { excludeNamespaces: ["batch-*"] }), []);
        assert.strictEqual((await messages(policy, namespace("batch-jobs", {}), { excludeNamespaces: ["default"] })).length, 1);
    });
});
