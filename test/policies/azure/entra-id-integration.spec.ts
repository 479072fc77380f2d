import * as assert from "assert";
import { UNKNOWN_STRING } from "../../../harness";
import { CLUSTER_VERSIONED, clusterWith, hardenedCluster } from "../../support/azure";
import { messages, PolicyContract } from "../../support/util";

const policy = "aks-entra-id-integration";

export const contract: PolicyContract = {
    policy,
    bad: [clusterWith(c => { c.aadProfile.enableAzureRBAC = false; })],
    target: 0,
    field: ["aadProfile", "enableAzureRBAC"],
};

describe(policy, () => {
    it("passes the hardened cluster (managed Entra ID with Azure RBAC)", async () => {
        assert.deepStrictEqual(await messages(policy, hardenedCluster()), []);
    });

    it("fires when Azure RBAC is off", async () => {
        assert.deepStrictEqual(await messages(policy, contract.bad), ['ManagedCluster "prod-aks": sets aadProfile.enableAzureRBAC to false; set it to true.']);
    });

    it("fires when the integration is not managed", async () => {
        assert.deepStrictEqual(await messages(policy, clusterWith(c => { delete c.aadProfile.managed; })), ['ManagedCluster "prod-aks": does not set aadProfile.managed; set it to true.']);
    });

    it("fires once when there is no aadProfile", async () => {
        assert.deepStrictEqual(await messages(policy, clusterWith(c => { delete c.aadProfile; })), [
            'ManagedCluster "prod-aks": has no aadProfile; set aadProfile.managed and aadProfile.enableAzureRBAC to true.',
        ]);
    });

    it("defers an unknown field and still reports the known one beside it", async () => {
        assert.deepStrictEqual(await messages(policy, clusterWith(c => { c.aadProfile = UNKNOWN_STRING; })), []);
        assert.deepStrictEqual(await messages(policy, clusterWith(c => { c.aadProfile.managed = UNKNOWN_STRING; c.aadProfile.enableAzureRBAC = false; })), [
            'ManagedCluster "prod-aks": sets aadProfile.enableAzureRBAC to false; set it to true.',
        ]);
    });

    it("matches a versioned ManagedCluster token", async () => {
        assert.strictEqual((await messages(policy, clusterWith(c => { delete c.aadProfile; }, { token: CLUSTER_VERSIONED }))).length, 1);
    });
});
