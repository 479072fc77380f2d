import * as assert from "assert";
import { UNKNOWN_STRING } from "../../../harness";
import { CLUSTER_VERSIONED, clusterWith, hardenedCluster } from "../../support/azure";
import { messages, PolicyContract } from "../../support/util";

const policy = "aks-azure-policy-addon";

export const contract: PolicyContract = {
    policy,
    bad: [clusterWith(c => { c.addonProfiles.azurepolicy.enabled = false; })],
    target: 0,
    field: ["addonProfiles", "azurepolicy", "enabled"],
};

describe(policy, () => {
    it("passes the add-on under any spelling of its key", async () => {
        assert.deepStrictEqual(await messages(policy, hardenedCluster()), []);
        for (const key of ["azurePolicy", "AzurePolicy", "AZUREPOLICY"]) {
            assert.deepStrictEqual(await messages(policy, clusterWith(c => { c.addonProfiles = { [key]: { enabled: true } }; })), [], key);
        }
    });

    it("fires when the add-on is disabled, naming the key as written", async () => {
        assert.deepStrictEqual(await messages(policy, contract.bad), ['ManagedCluster "prod-aks": sets addonProfiles.azurepolicy.enabled to false; set it to true.']);
        assert.deepStrictEqual(await messages(policy, clusterWith(c => { c.addonProfiles = { azurePolicy: { config: {} } }; })), ['ManagedCluster "prod-aks": does not set addonProfiles.azurePolicy.enabled; set it to true.']);
    });

    it("fires when the add-on is missing", async () => {
        const expected = ['ManagedCluster "prod-aks": does not set addonProfiles.azurepolicy; set addonProfiles.azurepolicy.enabled to true.'];
        assert.deepStrictEqual(await messages(policy, clusterWith(c => { c.addonProfiles = { omsagent: { enabled: true } }; })), expected);
        assert.deepStrictEqual(await messages(policy, clusterWith(c => { delete c.addonProfiles; })), expected);
    });

    it("passes when one of two spellings is enabled", async () => {
        assert.deepStrictEqual(await messages(policy, clusterWith(c => { c.addonProfiles = { azurepolicy: { enabled: false }, azurePolicy: { enabled: true } }; })), []);
    });

    it("defers when another spelling of the key is unknown (it may turn out enabled)", async () => {
        assert.deepStrictEqual(await messages(policy, clusterWith(c => { c.addonProfiles = { azurepolicy: { enabled: false }, azurePolicy: UNKNOWN_STRING }; })), []);
        assert.deepStrictEqual(await messages(policy, clusterWith(c => { c.addonProfiles = { azurepolicy: { enabled: false }, AzurePolicy: { enabled: UNKNOWN_STRING } }; })), []);
    });

    it("defers unknown add-ons, and still fires when another add-on is unknown", async () => {
        assert.deepStrictEqual(await messages(policy, clusterWith(c => { c.addonProfiles = UNKNOWN_STRING; })), []);
        assert.deepStrictEqual(await messages(policy, clusterWith(c => { c.addonProfiles.azurepolicy = UNKNOWN_STRING; })), []);
        assert.strictEqual((await messages(policy, clusterWith(c => { c.addonProfiles.azurepolicy.enabled = false; c.addonProfiles.omsagent = UNKNOWN_STRING; }))).length, 1);
    });

    it("matches a versioned ManagedCluster token", async () => {
        assert.strictEqual((await messages(policy, clusterWith(c => { delete c.addonProfiles; }, { token: CLUSTER_VERSIONED }))).length, 1);
    });
});
