import * as assert from "assert";
import { UNKNOWN_STRING } from "../../../harness";
import { AGENT_POOL_VERSIONED, agentPool, agentPoolWith, CLUSTER_PREVIEW, clusterWith, hardenedCluster } from "../../support/azure";
import { messages, PolicyContract } from "../../support/util";

const policy = "aks-encryption-at-host";

export const contract: PolicyContract = {
    policy,
    bad: [clusterWith(c => { c.agentPoolProfiles[1].enableEncryptionAtHost = false; })],
    target: 0,
    field: ["agentPoolProfiles", 1, "enableEncryptionAtHost"],
};

describe(policy, () => {
    it("passes the hardened cluster and pool", async () => {
        assert.deepStrictEqual(await messages(policy, [hardenedCluster(), agentPool()]), []);
    });

    it("fires on every cluster pool without encryption at host", async () => {
        assert.deepStrictEqual(await messages(policy, contract.bad), ['ManagedCluster "prod-aks": node pool "user" sets agentPoolProfiles[1].enableEncryptionAtHost to false; set it to true.']);
        assert.deepStrictEqual(await messages(policy, clusterWith(c => { for (const p of c.agentPoolProfiles) delete p.enableEncryptionAtHost; })), [
            'ManagedCluster "prod-aks": node pool "system" does not set agentPoolProfiles[0].enableEncryptionAtHost; set it to true.',
            'ManagedCluster "prod-aks": node pool "user" does not set agentPoolProfiles[1].enableEncryptionAtHost; set it to true.',
        ]);
    });

    it("fires on a separate AgentPool without encryption at host", async () => {
        assert.deepStrictEqual(await messages(policy, agentPoolWith(p => { delete p.enableEncryptionAtHost; })), ['AgentPool "apps-pool": node pool "apps" does not set enableEncryptionAtHost; set it to true.']);
    });

    it("names a pool without a name by its position", async () => {
        assert.deepStrictEqual(await messages(policy, clusterWith(c => { delete c.agentPoolProfiles[1].name; c.agentPoolProfiles[1].enableEncryptionAtHost = false; })), [
            'ManagedCluster "prod-aks": node pool "#1" sets agentPoolProfiles[1].enableEncryptionAtHost to false; set it to true.',
        ]);
    });

    it("defers an unknown value and still reports a known one beside it", async () => {
        assert.deepStrictEqual(await messages(policy, clusterWith(c => { c.agentPoolProfiles[0].enableEncryptionAtHost = UNKNOWN_STRING; c.agentPoolProfiles[1].enableEncryptionAtHost = false; })), [
            'ManagedCluster "prod-aks": node pool "user" sets agentPoolProfiles[1].enableEncryptionAtHost to false; set it to true.',
        ]);
        assert.deepStrictEqual(await messages(policy, agentPoolWith(p => { p.enableEncryptionAtHost = UNKNOWN_STRING; })), []);
    });

    it("matches preview ManagedCluster and versioned AgentPool tokens", async () => {
        assert.strictEqual((await messages(policy, clusterWith(c => { c.agentPoolProfiles[0].enableEncryptionAtHost = false; }, { token: CLUSTER_PREVIEW }))).length, 1);
        assert.strictEqual((await messages(policy, agentPoolWith(p => { p.enableEncryptionAtHost = false; }, { token: AGENT_POOL_VERSIONED }))).length, 1);
    });
});
