import * as assert from "assert";
import { UNKNOWN_STRING } from "../../../harness";
import { clusterId, dependingOn, namedCluster } from "../../support/azure-stack";
import { messages, PolicyContract } from "../../support/util";

const policy = "aks-fleet-membership";
const fleet = (name = "fleet", props: Record<string, unknown> = {}, type = "azure-native:containerservice:Fleet") =>
    ({ type, name, props: { resourceGroupName: "rg", fleetName: `${name}-hub`, location: "westeurope", ...props } });
const member = (name: string, clusterResourceId: unknown, props: Record<string, unknown> = {}, type = "azure-native:containerservice:FleetMember") =>
    ({ type, name, props: { resourceGroupName: "rg", fleetName: "fleet-hub", fleetMemberName: name, clusterResourceId, ...props } });
const outside = (name: string) => `ManagedCluster "${name}": is not a member of the stack's fleet: no azure-native:containerservice:FleetMember of it names the cluster in clusterResourceId; add a FleetMember with clusterResourceId set to the cluster's id.`;
const noFleet = (name: string) => `ManagedCluster "${name}": the stack declares no Azure Kubernetes Fleet Manager fleet (requireFleet); declare an azure-native:containerservice:Fleet and make the cluster a FleetMember of it.`;

export const contract: PolicyContract = {
    policy,
    // The member joins a cluster named "other-aks"; "aks" (Azure name "aks-aks") is outside the fleet.
    bad: [fleet(), namedCluster("aks"), member("m-other", clusterId("other"))],
    target: 1,
    field: ["resourceName"],
};

describe(policy, () => {
    it("passes when every cluster is a member of the stack's fleet, by id or by dependency", async () => {
        const a = namedCluster("a");
        const b = namedCluster("b");
        assert.deepStrictEqual(await messages(policy, [fleet(), a, b, member("m-a", clusterId("a")), dependingOn(member("m-b", UNKNOWN_STRING), b)]), []);
    });

    it("passes a member that names the cluster by its id output, and one whose fleet it depends on while fleetName is unknown", async () => {
        const f = fleet();
        const a = namedCluster("a", { id: "/subscriptions/x/custom/a" });
        assert.deepStrictEqual(await messages(policy, [f, a, dependingOn(member("m-a", "/subscriptions/x/custom/a", { fleetName: UNKNOWN_STRING }), f)]), []);
    });

    it("fires on each cluster that no member names", async () => {
        const a = namedCluster("a");
        const b = namedCluster("b");
        assert.deepStrictEqual(await messages(policy, [fleet(), a, b, member("m-a", clusterId("a"))]), [outside("b")]);
        assert.deepStrictEqual(await messages(policy, [fleet(), a]), [outside("a")]);
    });

    it("does not count a member of another fleet, resource group or cluster", async () => {
        const a = namedCluster("a");
        assert.deepStrictEqual(await messages(policy, [fleet(), a, member("m-a", clusterId("a"), { fleetName: "elsewhere" })]), [outside("a")]);
        assert.deepStrictEqual(await messages(policy, [fleet(), a, member("m-a", clusterId("a", "other-rg"))]), [outside("a")]);
        assert.deepStrictEqual(await messages(policy, [fleet(), a, member("m-a", "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters/a-aks")]), [outside("a")]);
    });

    it("defers while a member's cluster, fleet or the cluster's name is unknown", async () => {
        const a = namedCluster("a");
        assert.deepStrictEqual(await messages(policy, [fleet(), a, member("m", UNKNOWN_STRING)]), []);
        assert.deepStrictEqual(await messages(policy, [fleet(), a, member("m", clusterId("a"), { fleetName: UNKNOWN_STRING })]), []);
        assert.deepStrictEqual(await messages(policy, [fleet(), namedCluster("a", { resourceName: UNKNOWN_STRING }), member("m", clusterId("x"))]), []);
        assert.deepStrictEqual(await messages(policy, [fleet("fleet", { fleetName: UNKNOWN_STRING }), a, member("m", clusterId("a"))]), []);
    });

    it("still reports a cluster when the unknown member depends on another cluster only", async () => {
        const a = namedCluster("a");
        const b = namedCluster("b");
        assert.deepStrictEqual(await messages(policy, [fleet(), a, b, dependingOn(member("m", UNKNOWN_STRING), b)]), [outside("a")]);
    });

    it("judges nothing without a fleet, unless requireFleet is set", async () => {
        assert.deepStrictEqual(await messages(policy, [namedCluster("a")]), []);
        assert.deepStrictEqual(await messages(policy, [namedCluster("a")], { requireFleet: true }), [noFleet("a")]);
        assert.deepStrictEqual(await messages(policy, [fleet()], { requireFleet: true }), [], "a fleet with no clusters in the stack");
        assert.deepStrictEqual(await messages(policy, [], { requireFleet: true }), []);
    });

    it("matches versioned tokens and honours excludeResources by Pulumi or Azure name", async () => {
        const a = namedCluster("a", {}, "azure-native:containerservice/v20250301:ManagedCluster");
        assert.deepStrictEqual(await messages(policy, [fleet("fleet", {}, "azure-native:containerservice/v20250302preview:Fleet"), a]), [outside("a")]);
        assert.deepStrictEqual(await messages(policy, [fleet(), a, member("m", clusterId("a"), {}, "azure-native:containerservice/v20250301:FleetMember")]), []);
        assert.deepStrictEqual(await messages(policy, [fleet(), a], { excludeResources: ["a"] }), []);
        assert.deepStrictEqual(await messages(policy, [fleet(), a], { excludeResources: ["a-aks"] }), []);
    });
});
