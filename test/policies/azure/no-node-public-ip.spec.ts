import * as assert from "assert";
import { UNKNOWN_STRING } from "../../../harness";
import { AGENT_POOL_VERSIONED, agentPool, agentPoolWith, CLUSTER_VERSIONED, clusterWith, hardenedCluster } from "../../support/azure";
import { messages, PolicyContract } from "../../support/util";

const policy = "aks-no-node-public-ip";

export const contract: PolicyContract = {
    policy,
    bad: [clusterWith(c => { c.agentPoolProfiles[1].enableNodePublicIP = true; })],
    target: 0,
    field: ["agentPoolProfiles", 1, "enableNodePublicIP"],
};

describe(policy, () => {
    it("passes the hardened cluster and pool", async () => {
        assert.deepStrictEqual(await messages(policy, [hardenedCluster(), agentPool()]), []);
    });

    it("passes pools that leave enableNodePublicIP unset (Azure's default is off)", async () => {
        assert.deepStrictEqual(await messages(policy, clusterWith(c => { for (const p of c.agentPoolProfiles) delete p.enableNodePublicIP; })), []);
        assert.deepStrictEqual(await messages(policy, agentPoolWith(p => { delete p.enableNodePublicIP; })), []);
    });

    it("fires on a cluster pool with public node IPs, naming the pool and its path", async () => {
        assert.deepStrictEqual(await messages(policy, contract.bad), ['ManagedCluster "prod-aks": node pool "user" sets agentPoolProfiles[1].enableNodePublicIP to true; set it to false.']);
    });

    it("fires on a separate AgentPool with public node IPs", async () => {
        assert.deepStrictEqual(await messages(policy, agentPoolWith(p => { p.enableNodePublicIP = true; })), ['AgentPool "apps-pool": node pool "apps" sets enableNodePublicIP to true; set it to false.']);
    });

    it("fires when enableNodePublicIP is the string \"true\" in any case (ARM JSON), and passes \"false\"", async () => {
        assert.deepStrictEqual(await messages(policy, clusterWith(c => { c.agentPoolProfiles[1].enableNodePublicIP = "True"; })), ['ManagedCluster "prod-aks": node pool "user" sets agentPoolProfiles[1].enableNodePublicIP to true; set it to false.']);
        assert.deepStrictEqual(await messages(policy, agentPoolWith(p => { p.enableNodePublicIP = "true"; })), ['AgentPool "apps-pool": node pool "apps" sets enableNodePublicIP to true; set it to false.']);
        assert.deepStrictEqual(await messages(policy, agentPoolWith(p => { p.enableNodePublicIP = "false"; })), []);
    });

    it("defers an unknown pool and still reports a known one beside it", async () => {
        const m = await messages(policy, clusterWith(c => { c.agentPoolProfiles[0] = UNKNOWN_STRING; c.agentPoolProfiles[1].enableNodePublicIP = true; }));
        assert.strictEqual(m.length, 1);
        assert.deepStrictEqual(await messages(policy, clusterWith(c => { c.agentPoolProfiles[0].enableNodePublicIP = UNKNOWN_STRING; })), []);
        assert.deepStrictEqual(await messages(policy, clusterWith(c => { c.agentPoolProfiles = UNKNOWN_STRING; })), []);
    });

    it("matches versioned ManagedCluster and AgentPool tokens", async () => {
        assert.strictEqual((await messages(policy, clusterWith(c => { c.agentPoolProfiles[0].enableNodePublicIP = true; }, { token: CLUSTER_VERSIONED }))).length, 1);
        assert.strictEqual((await messages(policy, agentPoolWith(p => { p.enableNodePublicIP = true; }, { token: AGENT_POOL_VERSIONED }))).length, 1);
    });

    it("exempts an AgentPool by its Pulumi name or by cluster/pool", async () => {
        const bad = agentPoolWith(p => { p.enableNodePublicIP = true; });
        assert.deepStrictEqual(await messages(policy, bad, { excludeResources: ["apps-pool"] }), []);
        assert.deepStrictEqual(await messages(policy, bad, { excludeResources: ["prod-aks/*"] }), []);
        assert.strictEqual((await messages(policy, bad, { excludeResources: ["prod-aks"] })).length, 1);
    });
});
