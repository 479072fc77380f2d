import * as assert from "assert";
import { UNKNOWN_STRING } from "../../../harness";
import { CLASSIC_ARC_CLUSTER_ID, CLASSIC_CLUSTER_ID, classicArcClusterWith, classicArcExtension, classicArcGoverning, classicClusterWith } from "../../support/azure-classic";
import { dependingOn, namedCluster, propertyDependingOn } from "../../support/azure-stack";
import { messages, PolicyContract } from "../../support/util";

const policy = "azure-arc-cluster-governed";
const POLICY_EXT = "Microsoft.PolicyInsights";
const DEFENDER_EXT = "microsoft.azuredefender.kubernetes";

const connected = (name = "edge", props: Record<string, unknown> = {}, type = "azure-native:kubernetes:ConnectedCluster") => ({
    type, name,
    props: { resourceGroupName: "arc-rg", clusterName: `${name}-k8s`, location: "westeurope", identity: { type: "SystemAssigned" }, agentPublicKeyCertificate: "", distribution: "k3s", ...props },
});
const extension = (name: string, extensionType: unknown, props: Record<string, unknown> = {}, type = "azure-native:kubernetesconfiguration:Extension") => ({
    type, name,
    props: { resourceGroupName: "arc-rg", clusterRp: "Microsoft.Kubernetes", clusterResourceName: "connectedClusters", clusterName: "edge-k8s", extensionName: name, extensionType, ...props },
});
const both = () => [extension("azurepolicy", POLICY_EXT), extension("defender", DEFENDER_EXT)];
const lacks = (what: string, name = "edge") => `ConnectedCluster "${name}": has no ${what} extension; add an azure-native:kubernetesconfiguration:Extension of that type on the connected cluster.`;
const POLICY_MISSING = `Azure Policy (extensionType ${POLICY_EXT})`;
const DEFENDER_MISSING = `Defender for Containers (extensionType ${DEFENDER_EXT})`;

export const contract: PolicyContract = {
    policy,
    // The extensions name a connected cluster "other-k8s"; "edge" (Azure name "edge-k8s") has none.
    bad: [connected(), extension("azurepolicy", POLICY_EXT, { clusterName: "other-k8s" }), extension("defender", DEFENDER_EXT, { clusterName: "other-k8s" })],
    target: 0,
    field: ["clusterName"],
};

describe(policy, () => {
    it("passes a connected cluster with the Azure Policy and Defender extensions (types in any case)", async () => {
        assert.deepStrictEqual(await messages(policy, [connected(), ...both()]), []);
        assert.deepStrictEqual(await messages(policy, [connected(), extension("p", "microsoft.policyinsights"), extension("d", "Microsoft.AzureDefender.Kubernetes")]), []);
    });

    it("passes extensions linked by dependency while the cluster name is unknown", async () => {
        const edge = connected();
        const exts = both().map(e => dependingOn(extension(e.name, e.props.extensionType, { clusterName: UNKNOWN_STRING }), edge));
        assert.deepStrictEqual(await messages(policy, [edge, ...exts]), []);
    });

    it("fires naming each missing extension", async () => {
        assert.deepStrictEqual(await messages(policy, [connected()]), [lacks(`${POLICY_MISSING} and ${DEFENDER_MISSING}`)]);
        assert.deepStrictEqual(await messages(policy, [connected(), extension("azurepolicy", POLICY_EXT)]), [lacks(DEFENDER_MISSING)]);
        assert.deepStrictEqual(await messages(policy, [connected(), extension("defender", DEFENDER_EXT), extension("flux", "microsoft.flux")]), [lacks(POLICY_MISSING)]);
    });

    it("does not count extensions of a managed cluster, another connected cluster or another resource group", async () => {
        const onAks = both().map(e => extension(e.name, e.props.extensionType, { clusterRp: "Microsoft.ContainerService", clusterResourceName: "managedClusters" }));
        assert.strictEqual((await messages(policy, [connected(), ...onAks])).length, 1);
        assert.strictEqual((await messages(policy, [connected(), ...both().map(e => ({ ...e, props: { ...e.props, clusterName: "other-k8s" } }))])).length, 1);
        assert.strictEqual((await messages(policy, [connected(), ...both().map(e => ({ ...e, props: { ...e.props, resourceGroupName: "other-rg" } }))])).length, 1);
    });

    it("judges each connected cluster on its own and leaves AKS clusters to the AKS policies", async () => {
        const a = connected("edge");
        const b = connected("store");
        assert.deepStrictEqual(await messages(policy, [a, b, ...both(), namedCluster("aks")]), [lacks(`${POLICY_MISSING} and ${DEFENDER_MISSING}`, "store")]);
    });

    it("defers what an extension of unknown type, provider or cluster could provide", async () => {
        assert.deepStrictEqual(await messages(policy, [connected(), extension("x", UNKNOWN_STRING), extension("defender", DEFENDER_EXT)]), []);
        assert.deepStrictEqual(await messages(policy, [connected(), extension("p", POLICY_EXT, { clusterResourceName: UNKNOWN_STRING }), extension("defender", DEFENDER_EXT)]), []);
        assert.deepStrictEqual(await messages(policy, [connected(), ...both().map(e => ({ ...e, props: { ...e.props, clusterName: UNKNOWN_STRING } }))]), []);
        assert.deepStrictEqual(await messages(policy, [connected("edge", { clusterName: UNKNOWN_STRING }), ...both()]), []);
        // Only what is unknown is deferred: the Defender extension is still known to be missing.
        assert.deepStrictEqual(await messages(policy, [connected(), extension("x", UNKNOWN_STRING, { extensionType: POLICY_EXT, clusterRp: UNKNOWN_STRING })]), [lacks(DEFENDER_MISSING)]);
    });

    it("matches versioned tokens and honours excludeResources by Pulumi or Azure name", async () => {
        const edge = connected("edge", {}, "azure-native:kubernetes/v20240715preview:ConnectedCluster");
        assert.strictEqual((await messages(policy, [edge])).length, 1);
        assert.deepStrictEqual(await messages(policy, [edge, ...both().map(e => ({ ...e, type: "azure-native:kubernetesconfiguration/v20230501:Extension" }))]), []);
        assert.deepStrictEqual(await messages(policy, [edge], { excludeResources: ["edge"] }), []);
        assert.deepStrictEqual(await messages(policy, [edge], { excludeResources: ["edge-k8s"] }), []);
    });

    // The classic @pulumi/azure 6.40.0 arckubernetes Cluster and ClusterExtension (clusterId: the
    // connected cluster's resource id, extensionType).
    describe("classic arckubernetes Cluster and ClusterExtension", () => {
        const edge = classicArcClusterWith;
        const FIX = "add an azure:arckubernetes/clusterExtension:ClusterExtension of that type with clusterId set to the cluster's id.";
        const classicLacks = (what: string, name = "edge") => `Cluster "${name}": has no ${what} extension; ${FIX}`;
        const otherId = CLASSIC_ARC_CLUSTER_ID.replace("edge-k8s", "other-k8s");

        it("passes a classic connected cluster with its classic extensions (types in any case)", async () => {
            assert.deepStrictEqual(await messages(policy, [edge(), ...classicArcGoverning()]), []);
            assert.deepStrictEqual(await messages(policy, [edge(), classicArcExtension("p", "microsoft.policyinsights"), classicArcExtension("d", "Microsoft.AzureDefender.Kubernetes")]), []);
        });

        it("links classic and azure-native resources both ways", async () => {
            const nativeExts = both().map(e => extension(e.name, e.props.extensionType, { clusterName: "edge-k8s" }));
            assert.deepStrictEqual(await messages(policy, [edge(), ...nativeExts]), [], "azure-native extensions on a classic cluster");
            assert.deepStrictEqual(await messages(policy, [connected("edge", { clusterName: "edge-k8s" }), ...classicArcGoverning()]), [], "classic extensions on an azure-native cluster");
        });

        it("fires naming each missing extension, with the fix in classic terms", async () => {
            assert.deepStrictEqual(await messages(policy, [edge()]), [classicLacks(`${POLICY_MISSING} and ${DEFENDER_MISSING}`)]);
            assert.deepStrictEqual(await messages(policy, [edge(), classicArcExtension("azurepolicy", POLICY_EXT)]), [classicLacks(DEFENDER_MISSING)]);
            assert.deepStrictEqual(await messages(policy, [edge(), classicArcExtension("defender", DEFENDER_EXT), classicArcExtension("flux", "microsoft.flux")]), [classicLacks(POLICY_MISSING)]);
        });

        it("does not count extensions whose clusterId is another connected cluster, another resource group or an AKS cluster", async () => {
            assert.strictEqual((await messages(policy, [edge(), ...classicArcGoverning({ clusterId: otherId })])).length, 1);
            assert.strictEqual((await messages(policy, [edge(), ...classicArcGoverning({ clusterId: CLASSIC_ARC_CLUSTER_ID.replace("arc-rg", "other-rg") })])).length, 1);
            assert.strictEqual((await messages(policy, [edge(), ...classicArcGoverning({ clusterId: CLASSIC_CLUSTER_ID.replace("prod-aks", "edge-k8s").replace("prod-rg", "arc-rg") })])).length, 1);
            // AKS cluster extensions (KubernetesClusterExtension) of the same types never govern a connected cluster.
            const aksExts = [POLICY_EXT, DEFENDER_EXT].map((extensionType, i) => ({
                type: "azure:containerservice/kubernetesClusterExtension:KubernetesClusterExtension", name: `aks-${i}`, props: { name: `aks-${i}`, clusterId: CLASSIC_CLUSTER_ID, extensionType },
            }));
            assert.strictEqual((await messages(policy, [edge(), classicClusterWith(), ...aksExts])).length, 1);
        });

        it("links by clusterId's dependency while the id is unknown, and defers what an unknown type could provide", async () => {
            const cluster = edge();
            const unknownId = classicArcGoverning({ clusterId: UNKNOWN_STRING });
            assert.deepStrictEqual(await messages(policy, [cluster, ...unknownId.map(e => propertyDependingOn(e, "clusterId", cluster))]), []);
            const elsewhere = edge(c => { c.name = "store-k8s"; }, { name: "store" });
            assert.deepStrictEqual(await messages(policy, [cluster, elsewhere, ...unknownId.map(e => propertyDependingOn(e, "clusterId", elsewhere))]),
                [classicLacks(`${POLICY_MISSING} and ${DEFENDER_MISSING}`)], "the extensions' clusterId depends on the other cluster");
            assert.deepStrictEqual(await messages(policy, [cluster, classicArcExtension("x", UNKNOWN_STRING), classicArcExtension("defender", DEFENDER_EXT)]), []);
            assert.deepStrictEqual(await messages(policy, [edge(c => { c.name = UNKNOWN_STRING; }), ...classicArcGoverning()]), []);
        });

        it("honours excludeResources by Pulumi or Azure name", async () => {
            assert.deepStrictEqual(await messages(policy, [edge()], { excludeResources: ["edge"] }), []);
            assert.deepStrictEqual(await messages(policy, [edge()], { excludeResources: ["edge-k8s"] }), []);
        });
    });
});
