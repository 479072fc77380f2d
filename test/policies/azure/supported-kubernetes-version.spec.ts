import * as assert from "assert";
import { UNKNOWN_STRING } from "../../../harness";
import { AGENT_POOL_VERSIONED, agentPool, agentPoolWith, CLUSTER_VERSIONED, clusterWith, hardenedCluster } from "../../support/azure";
import { messages, PolicyContract } from "../../support/util";

const policy = "aks-supported-kubernetes-version";
const old = (field: string, min = "1.33") => `${field} is older than the minimum ${min} (by major.minor); upgrade to ${min} or later.`;

export const contract: PolicyContract = {
    policy,
    bad: [clusterWith(c => { c.kubernetesVersion = "1.29.4"; })],
    target: 0,
    field: ["kubernetesVersion"],
};

describe(policy, () => {
    it("passes the hardened cluster and pool (1.33.2)", async () => {
        assert.deepStrictEqual(await messages(policy, [hardenedCluster(), agentPool()]), []);
    });

    it("compares by major.minor: 1.33 and 1.33.0 pass, 1.32.9 fails, 1.100 passes", async () => {
        for (const v of ["1.33", "1.33.0", "1.34.1", "1.100.0", "2.0"]) {
            assert.deepStrictEqual(await messages(policy, clusterWith(c => { c.kubernetesVersion = v; })), [], v);
        }
        assert.deepStrictEqual(await messages(policy, clusterWith(c => { c.kubernetesVersion = "1.32.9"; })), [`ManagedCluster "prod-aks": ${old("kubernetesVersion")}`]);
    });

    it("passes an unset version (AKS picks a supported default; pools follow the control plane)", async () => {
        assert.deepStrictEqual(await messages(policy, clusterWith(c => { delete c.kubernetesVersion; for (const p of c.agentPoolProfiles) delete p.orchestratorVersion; })), []);
    });

    it("fires on an old node pool orchestratorVersion, in the cluster and as an AgentPool", async () => {
        assert.deepStrictEqual(await messages(policy, clusterWith(c => { c.agentPoolProfiles[1].orchestratorVersion = "1.31.3"; })), [
            `ManagedCluster "prod-aks": node pool "user": ${old("agentPoolProfiles[1].orchestratorVersion")}`,
        ]);
        assert.deepStrictEqual(await messages(policy, agentPoolWith(p => { p.orchestratorVersion = "1.30"; })), [
            `AgentPool "apps-pool": node pool "apps": ${old("orchestratorVersion")}`,
        ]);
    });

    it("reports a malformed version without repeating it", async () => {
        assert.deepStrictEqual(await messages(policy, clusterWith(c => { c.kubernetesVersion = "[parameters('kubernetesVersion')]"; })), [
            'ManagedCluster "prod-aks": kubernetesVersion is not a Kubernetes version (major.minor[.patch]); set a version of 1.33 or later.',
        ]);
        assert.deepStrictEqual(await messages(policy, clusterWith(c => { c.kubernetesVersion = 1.33; })), [
            'ManagedCluster "prod-aks": kubernetesVersion is 1.33; set a version of 1.33 or later.',
        ]);
    });

    it("follows minimumVersion", async () => {
        const bad = clusterWith(c => { c.kubernetesVersion = "1.33.2"; });
        assert.deepStrictEqual(await messages(policy, bad, { minimumVersion: "1.34" }), [`ManagedCluster "prod-aks": ${old("kubernetesVersion", "1.34")}`].concat(
            ["system", "user"].map((n, i) => `ManagedCluster "prod-aks": node pool "${n}": ${old(`agentPoolProfiles[${i}].orchestratorVersion`, "1.34")}`)));
        assert.deepStrictEqual(await messages(policy, contract.bad, { minimumVersion: "1.29" }), []);
    });

    it("defers an unknown version and still reports a known one beside it", async () => {
        assert.deepStrictEqual(await messages(policy, clusterWith(c => { c.kubernetesVersion = UNKNOWN_STRING; c.agentPoolProfiles[0].orchestratorVersion = "1.28"; })), [
            `ManagedCluster "prod-aks": node pool "system": ${old("agentPoolProfiles[0].orchestratorVersion")}`,
        ]);
        assert.deepStrictEqual(await messages(policy, agentPoolWith(p => { p.orchestratorVersion = UNKNOWN_STRING; })), []);
    });

    it("matches versioned ManagedCluster and AgentPool tokens", async () => {
        assert.strictEqual((await messages(policy, clusterWith(c => { c.kubernetesVersion = "1.27"; }, { token: CLUSTER_VERSIONED }))).length, 1);
        assert.strictEqual((await messages(policy, agentPoolWith(p => { p.orchestratorVersion = "1.27"; }, { token: AGENT_POOL_VERSIONED }))).length, 1);
    });
});
