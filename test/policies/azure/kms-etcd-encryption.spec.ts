import * as assert from "assert";
import { UNKNOWN_STRING } from "../../../harness";
import { CLUSTER_PREVIEW, clusterWith, hardenedCluster } from "../../support/azure";
import { messages, PolicyContract } from "../../support/util";

const policy = "aks-kms-etcd-encryption";

export const contract: PolicyContract = {
    policy,
    bad: [clusterWith(c => { c.securityProfile.azureKeyVaultKms.enabled = false; })],
    target: 0,
    field: ["securityProfile", "azureKeyVaultKms", "enabled"],
};

describe(policy, () => {
    it("passes the hardened cluster (KMS with a Key Vault key)", async () => {
        assert.deepStrictEqual(await messages(policy, hardenedCluster()), []);
    });

    it("fires when KMS is off or not configured", async () => {
        assert.deepStrictEqual(await messages(policy, contract.bad), ['ManagedCluster "prod-aks": sets securityProfile.azureKeyVaultKms.enabled to false; set it to true with a Key Vault key (keyId).']);
        assert.deepStrictEqual(await messages(policy, clusterWith(c => { delete c.securityProfile.azureKeyVaultKms; })), ['ManagedCluster "prod-aks": does not set securityProfile.azureKeyVaultKms.enabled; set it to true with a Key Vault key (keyId).']);
    });

    it("defers an unknown value, and still fires when the key id beside it is unknown", async () => {
        assert.deepStrictEqual(await messages(policy, clusterWith(c => { c.securityProfile.azureKeyVaultKms.enabled = UNKNOWN_STRING; })), []);
        assert.strictEqual((await messages(policy, clusterWith(c => { c.securityProfile.azureKeyVaultKms.enabled = false; c.securityProfile.azureKeyVaultKms.keyId = UNKNOWN_STRING; }))).length, 1);
    });

    it("matches a preview ManagedCluster token", async () => {
        assert.strictEqual((await messages(policy, clusterWith(c => { delete c.securityProfile; }, { token: CLUSTER_PREVIEW }))).length, 1);
    });
});
