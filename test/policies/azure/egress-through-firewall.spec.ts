import * as assert from "assert";
import { UNKNOWN_STRING } from "../../../harness";
import { CLUSTER_VERSIONED, clusterWith, hardenedCluster } from "../../support/azure";
import { messages, PolicyContract } from "../../support/util";

const policy = "aks-egress-through-firewall";

export const contract: PolicyContract = {
    policy,
    bad: [clusterWith(c => { c.networkProfile.outboundType = "loadBalancer"; })],
    target: 0,
    field: ["networkProfile", "outboundType"],
};

describe(policy, () => {
    it("passes userDefinedRouting in any case", async () => {
        assert.deepStrictEqual(await messages(policy, hardenedCluster()), []);
        assert.deepStrictEqual(await messages(policy, clusterWith(c => { c.networkProfile.outboundType = "UserDefinedRouting"; })), []);
    });

    it("fires on loadBalancer", async () => {
        assert.deepStrictEqual(await messages(policy, contract.bad), [
            'ManagedCluster "prod-aks": sets networkProfile.outboundType to a type not in allowedOutboundTypes; set it to userDefinedRouting and route egress through a firewall.',
        ]);
    });

    it("fires on an unset outboundType (AKS's default is loadBalancer)", async () => {
        assert.deepStrictEqual(await messages(policy, clusterWith(c => { delete c.networkProfile.outboundType; })), [
            'ManagedCluster "prod-aks": does not set networkProfile.outboundType (AKS uses loadBalancer); set it to userDefinedRouting and route egress through a firewall.',
        ]);
    });

    it("accepts the types listed in allowedOutboundTypes, in any case", async () => {
        const cfg = { allowedOutboundTypes: ["userDefinedRouting", "userAssignedNATGateway"] };
        assert.deepStrictEqual(await messages(policy, clusterWith(c => { c.networkProfile.outboundType = "userassignednatgateway"; }), cfg), []);
        assert.strictEqual((await messages(policy, contract.bad, cfg)).length, 1);
        assert.deepStrictEqual(await messages(policy, clusterWith(c => { delete c.networkProfile; }), { allowedOutboundTypes: ["loadBalancer"] }), []);
    });

    it("defers an unknown outboundType, and still fires when a neighbouring field is unknown", async () => {
        assert.deepStrictEqual(await messages(policy, clusterWith(c => { c.networkProfile.outboundType = UNKNOWN_STRING; })), []);
        assert.deepStrictEqual(await messages(policy, clusterWith(c => { c.networkProfile = UNKNOWN_STRING; })), []);
        assert.strictEqual((await messages(policy, clusterWith(c => { c.networkProfile.outboundType = "loadBalancer"; c.networkProfile.networkPolicy = UNKNOWN_STRING; }))).length, 1);
    });

    it("matches a versioned ManagedCluster token", async () => {
        assert.strictEqual((await messages(policy, clusterWith(c => { c.networkProfile.outboundType = "managedNATGateway"; }, { token: CLUSTER_VERSIONED }))).length, 1);
    });
});
