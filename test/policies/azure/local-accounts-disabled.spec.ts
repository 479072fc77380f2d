import * as assert from "assert";
import { UNKNOWN_STRING } from "../../../harness";
import { CLUSTER_PREVIEW, clusterWith, hardenedCluster } from "../../support/azure";
import { messages, PolicyContract } from "../../support/util";

const policy = "aks-local-accounts-disabled";

export const contract: PolicyContract = {
    policy,
    bad: [clusterWith(c => { c.disableLocalAccounts = false; })],
    target: 0,
    field: ["disableLocalAccounts"],
};

describe(policy, () => {
    it("passes the hardened cluster (disableLocalAccounts: true)", async () => {
        assert.deepStrictEqual(await messages(policy, hardenedCluster()), []);
    });

    it("fires when local accounts are enabled or left at Azure's default", async () => {
        assert.deepStrictEqual(await messages(policy, contract.bad), [
            'ManagedCluster "prod-aks": sets disableLocalAccounts to false; set it to true so that the local cluster-admin credential cannot be used.',
        ]);
        assert.deepStrictEqual(await messages(policy, clusterWith(c => { delete c.disableLocalAccounts; })), [
            'ManagedCluster "prod-aks": does not set disableLocalAccounts; set it to true so that the local cluster-admin credential cannot be used.',
        ]);
    });

    it("defers an unknown value, and still fires when a neighbouring field is unknown", async () => {
        assert.deepStrictEqual(await messages(policy, clusterWith(c => { c.disableLocalAccounts = UNKNOWN_STRING; })), []);
        assert.strictEqual((await messages(policy, clusterWith(c => { c.disableLocalAccounts = false; c.aadProfile = UNKNOWN_STRING; }))).length, 1);
    });

    it("matches a preview ManagedCluster token", async () => {
        assert.strictEqual((await messages(policy, clusterWith(c => { c.disableLocalAccounts = false; }, { token: CLUSTER_PREVIEW }))).length, 1);
    });
});
