import * as assert from "assert";
import { UNKNOWN_STRING } from "../../../harness";
import { dependingOn, namedCluster } from "../../support/azure-stack";
import { messages, PolicyContract } from "../../support/util";

const policy = "aks-service-mesh-enabled";
const istio = { mode: "Istio", istio: { revisions: ["asm-1-25"] } };
const extension = (name: string, props: Record<string, unknown>, type = "azure-native:kubernetesconfiguration:Extension") =>
    ({ type, name, props: { resourceGroupName: "rg", clusterRp: "Microsoft.ContainerService", clusterResourceName: "managedClusters", ...props } });
const lacks = (name: string) => `ManagedCluster "${name}": has no service mesh: serviceMeshProfile.mode is not Istio and no Dapr extension (azure-native:kubernetesconfiguration:Extension, extensionType Microsoft.Dapr) belongs to it; enable the Istio add-on or install Dapr.`;

export const contract: PolicyContract = {
    policy,
    bad: [namedCluster("aks", { serviceMeshProfile: { mode: "Disabled" } })],
    target: 0,
    field: ["serviceMeshProfile", "mode"],
};

describe(policy, () => {
    it("passes a cluster with the Istio add-on (mode in any case)", async () => {
        assert.deepStrictEqual(await messages(policy, [namedCluster("aks", { serviceMeshProfile: istio })]), []);
        assert.deepStrictEqual(await messages(policy, [namedCluster("aks", { serviceMeshProfile: { mode: "istio" } })]), []);
    });

    it("fires on a cluster without a mesh, naming the cluster and what it lacks", async () => {
        assert.deepStrictEqual(await messages(policy, [namedCluster("aks")]), [lacks("aks")]);
        assert.deepStrictEqual(await messages(policy, [namedCluster("aks", { serviceMeshProfile: { mode: "Disabled" } })]), [lacks("aks")]);
    });

    it("passes a cluster with a Dapr extension that depends on it", async () => {
        const aks = namedCluster("aks");
        const dapr = dependingOn(extension("dapr", { clusterName: UNKNOWN_STRING, extensionType: "Microsoft.Dapr" }), aks);
        assert.deepStrictEqual(await messages(policy, [aks, dapr]), []);
    });

    it("passes a cluster with a Dapr extension that names it (type in any case)", async () => {
        assert.deepStrictEqual(await messages(policy, [namedCluster("aks"), extension("dapr", { clusterName: "aks-aks", extensionType: "microsoft.dapr" })]), []);
    });

    it("judges each cluster on its own: a Dapr extension of one cluster does not cover another", async () => {
        const a = namedCluster("a");
        const b = namedCluster("b");
        const daprA = extension("dapr", { clusterName: "a-aks", extensionType: "Microsoft.Dapr" });
        assert.deepStrictEqual(await messages(policy, [a, b, daprA]), [lacks("b")]);
        const byDependency = dependingOn(extension("dapr", { clusterName: UNKNOWN_STRING, extensionType: "Microsoft.Dapr" }), a);
        assert.deepStrictEqual(await messages(policy, [a, b, byDependency]), [lacks("b")]);
    });

    it("does not count other extensions, Arc clusters or another resource group", async () => {
        const aks = namedCluster("aks");
        assert.deepStrictEqual(await messages(policy, [aks, extension("flux", { clusterName: "aks-aks", extensionType: "microsoft.flux" })]), [lacks("aks")]);
        assert.deepStrictEqual(await messages(policy, [aks, extension("dapr", { clusterName: "aks-aks", extensionType: "Microsoft.Dapr", clusterResourceName: "connectedClusters" })]), [lacks("aks")]);
        assert.deepStrictEqual(await messages(policy, [aks, extension("dapr", { clusterName: "aks-aks", extensionType: "Microsoft.Dapr", resourceGroupName: "other-rg" })]), [lacks("aks")]);
    });

    it("defers when the mesh mode, the extension type or its cluster is unknown", async () => {
        const aks = namedCluster("aks");
        assert.deepStrictEqual(await messages(policy, [namedCluster("aks", { serviceMeshProfile: { mode: UNKNOWN_STRING } })]), []);
        assert.deepStrictEqual(await messages(policy, [aks, extension("ext", { clusterName: "aks-aks", extensionType: UNKNOWN_STRING })]), []);
        assert.deepStrictEqual(await messages(policy, [aks, extension("dapr", { clusterName: UNKNOWN_STRING, extensionType: "Microsoft.Dapr" })]), []);
        assert.deepStrictEqual(await messages(policy, [namedCluster("aks", { resourceName: UNKNOWN_STRING }), extension("dapr", { clusterName: "x", extensionType: "Microsoft.Dapr" })]), []);
    });

    it("still reports a cluster whose unknown extension depends on another resource only", async () => {
        const aks = namedCluster("aks");
        const other = namedCluster("other", { serviceMeshProfile: istio });
        const dapr = dependingOn(extension("dapr", { clusterName: UNKNOWN_STRING, extensionType: "Microsoft.Dapr" }), other);
        assert.deepStrictEqual(await messages(policy, [aks, other, dapr]), [lacks("aks")]);
    });

    it("matches versioned cluster and extension tokens", async () => {
        const aks = namedCluster("aks", {}, "azure-native:containerservice/v20250102preview:ManagedCluster");
        assert.deepStrictEqual(await messages(policy, [aks]), [lacks("aks")]);
        const dapr = extension("dapr", { clusterName: "aks-aks", extensionType: "Microsoft.Dapr" }, "azure-native:kubernetesconfiguration/v20230501:Extension");
        assert.deepStrictEqual(await messages(policy, [aks, dapr]), []);
    });

    it("passes a stack without clusters and honours excludeResources", async () => {
        assert.deepStrictEqual(await messages(policy, [extension("dapr", { clusterName: "x", extensionType: "Microsoft.Dapr" })]), []);
        assert.deepStrictEqual(await messages(policy, [namedCluster("aks")], { excludeResources: ["aks"] }), []);
        assert.deepStrictEqual(await messages(policy, [namedCluster("aks")], { excludeResources: ["aks-aks"] }), [], "by the Azure name too");
    });
});
