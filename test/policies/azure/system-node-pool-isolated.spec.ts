import * as assert from "assert";
import { UNKNOWN_STRING } from "../../../harness";
import { AGENT_POOL_VERSIONED, agentPool, agentPoolWith, CLUSTER_VERSIONED, clusterWith, hardenedCluster, hardenedPoolProfile } from "../../support/azure";
import { messages, PolicyContract } from "../../support/util";

const policy = "aks-system-node-pool-isolated";
const untainted = (label: string, field: string, now = "lacks the taint in its") =>
    `${label} is a System pool and ${now} ${field}; add "CriticalAddonsOnly=true:NoSchedule" so that only system pods run there.`;
const noUser = 'ManagedCluster "prod-aks": has no node pool with mode User, neither in agentPoolProfiles nor as an AgentPool of the stack; add a User pool for application workloads so that they stay off the System pool.';

export const contract: PolicyContract = {
    policy,
    bad: [clusterWith(c => { c.agentPoolProfiles[0].nodeTaints = ["CriticalAddonsOnly=true:PreferNoSchedule"]; })],
    target: 0,
    field: ["agentPoolProfiles", 0, "nodeTaints", 0],
};

describe(policy, () => {
    it("passes the hardened cluster (tainted System pool, one User pool) and a User AgentPool", async () => {
        assert.deepStrictEqual(await messages(policy, [hardenedCluster(), agentPool()]), []);
    });

    it("fires when the System pool lacks the CriticalAddonsOnly taint", async () => {
        assert.deepStrictEqual(await messages(policy, contract.bad), [`ManagedCluster "prod-aks": ${untainted('node pool "system"', "agentPoolProfiles[0].nodeTaints")}`]);
        assert.deepStrictEqual(await messages(policy, clusterWith(c => { delete c.agentPoolProfiles[0].nodeTaints; })), [
            `ManagedCluster "prod-aks": ${untainted('node pool "system"', "agentPoolProfiles[0].nodeTaints", "has no")}`,
        ]);
    });

    it("accepts the taint among others, and the stricter NoExecute effect; mode compares in any case", async () => {
        assert.deepStrictEqual(await messages(policy, clusterWith(c => { c.agentPoolProfiles[0].nodeTaints = ["team=platform:NoSchedule", "CriticalAddonsOnly=true:NoSchedule"]; })), []);
        assert.deepStrictEqual(await messages(policy, clusterWith(c => { c.agentPoolProfiles[0].nodeTaints = ["CriticalAddonsOnly=true:NoExecute"]; })), []);
        assert.deepStrictEqual(await messages(policy, clusterWith(c => { c.agentPoolProfiles[0].mode = "system"; c.agentPoolProfiles[1].mode = "user"; })), []);
    });

    it("fires when no pool has mode User", async () => {
        assert.deepStrictEqual(await messages(policy, clusterWith(c => { c.agentPoolProfiles = [hardenedPoolProfile("system", "System")]; })), [noUser]);
    });

    it("counts a cluster pool without a mode as System", async () => {
        assert.deepStrictEqual(await messages(policy, clusterWith(c => { c.agentPoolProfiles = [{ name: "default", count: 3 }]; })), [
            `ManagedCluster "prod-aks": ${untainted('node pool "default"', "agentPoolProfiles[0].nodeTaints", "has no")}`,
            noUser,
        ]);
    });

    it("judges a separate System AgentPool for the taint; an AgentPool without a mode is a User pool", async () => {
        assert.deepStrictEqual(await messages(policy, agentPoolWith(p => { p.mode = "System"; })), [`AgentPool "apps-pool": ${untainted('node pool "apps"', "nodeTaints", "has no")}`]);
        assert.deepStrictEqual(await messages(policy, agentPoolWith(p => { p.mode = "System"; p.nodeTaints = ["CriticalAddonsOnly=true:NoSchedule"]; })), []);
        assert.deepStrictEqual(await messages(policy, agentPoolWith(p => { delete p.mode; })), []);
    });

    it("finds the User pool among the stack's AgentPools of that cluster", async () => {
        const systemOnly = clusterWith(c => { c.agentPoolProfiles = [hardenedPoolProfile("system", "System")]; });
        assert.deepStrictEqual(await messages(policy, [systemOnly, agentPool()]), []);
        assert.deepStrictEqual(await messages(policy, [systemOnly, agentPoolWith(p => { p.resourceName = "other-aks"; })]), [noUser]);
        assert.deepStrictEqual(await messages(policy, [systemOnly, agentPoolWith(p => { p.mode = "System"; p.nodeTaints = ["CriticalAddonsOnly=true:NoSchedule"]; })]), [noUser]);
        assert.deepStrictEqual(await messages(policy, [systemOnly, agentPoolWith(p => { p.resourceName = UNKNOWN_STRING; })]), [], "a pool whose cluster is not known yet defers");
        assert.deepStrictEqual(await messages(policy, [systemOnly], { excludeResources: ["prod-aks"] }), []);
    });

    it("defers unknown pools, modes and taints and still reports a known untainted System pool", async () => {
        assert.deepStrictEqual(await messages(policy, clusterWith(c => { c.agentPoolProfiles = UNKNOWN_STRING; })), []);
        assert.deepStrictEqual(await messages(policy, clusterWith(c => { c.agentPoolProfiles[1].mode = UNKNOWN_STRING; c.agentPoolProfiles[0].nodeTaints = [UNKNOWN_STRING]; })), []);
        assert.deepStrictEqual(await messages(policy, clusterWith(c => { c.agentPoolProfiles[1] = UNKNOWN_STRING; c.agentPoolProfiles[0].nodeTaints = []; })), [
            `ManagedCluster "prod-aks": ${untainted('node pool "system"', "agentPoolProfiles[0].nodeTaints")}`,
        ]);
    });

    it("matches versioned ManagedCluster and AgentPool tokens", async () => {
        assert.strictEqual((await messages(policy, clusterWith(c => { c.agentPoolProfiles[0].nodeTaints = []; }, { token: CLUSTER_VERSIONED }))).length, 1);
        assert.strictEqual((await messages(policy, agentPoolWith(p => { p.mode = "System"; }, { token: AGENT_POOL_VERSIONED }))).length, 1);
    });
});
