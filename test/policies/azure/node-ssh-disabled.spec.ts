// aks-node-ssh-disabled. Cases from their sources:
// - Azure Policy built-in "Azure Kubernetes Clusters should disable SSH"
//   (28257686-e9db-403e-b9e2-a5eecbe03da9, v1.0.0, Azure/azure-policy
//   built-in-policies/policyDefinitions/Kubernetes/AKS_DisableSSH_Audit.json): non-compliant when
//   any agentPoolProfiles[*].securityProfile.sshAccess is missing or equals localuser (ARM compares
//   ignoring case). The pack also judges separate AgentPool resources (SPEC), which it does not.
// - AKS API (azure-native 3.28.0 AgentPoolSSHAccess; "Manage SSH for secure access to AKS nodes",
//   aka.ms/aks/disablessh): LocalUser (default), Disabled, and EntraId (newer API versions).
// - @pulumi/azure 6.40.0: no node pool input for SSH access; linuxProfile.sshKey is the admin key
//   installed on every node.
import * as assert from "assert";
import { UNKNOWN_STRING } from "../../../harness";
import { AGENT_POOL_VERSIONED, agentPool, agentPoolWith, CLUSTER_PREVIEW, CLUSTER_VERSIONED, clusterWith, hardenedCluster } from "../../support/azure";
import { classicClusterWith, classicNodePoolWith } from "../../support/azure-classic";
import { messages, PolicyContract } from "../../support/util";

const policy = "aks-node-ssh-disabled";
const FIX = "set it to Disabled (or EntraId).";

export const contract: PolicyContract = {
    policy,
    bad: [clusterWith(c => { c.agentPoolProfiles[1].securityProfile.sshAccess = "LocalUser"; })],
    target: 0,
    field: ["agentPoolProfiles", 1, "securityProfile", "sshAccess"],
};

describe(policy, () => {
    it("passes the hardened cluster and pool (sshAccess Disabled), and EntraId", async () => {
        assert.deepStrictEqual(await messages(policy, [hardenedCluster(), agentPool()]), []);
        assert.deepStrictEqual(await messages(policy, clusterWith(c => { for (const p of c.agentPoolProfiles) p.securityProfile.sshAccess = "EntraId"; })), []);
        assert.deepStrictEqual(await messages(policy, agentPoolWith(p => { p.securityProfile.sshAccess = "disabled"; })), [], "enums compare ignoring case");
    });

    it("fires on each cluster pool that allows local-user SSH, or leaves AKS's default (Azure Policy 28257686)", async () => {
        assert.deepStrictEqual(await messages(policy, contract.bad), [`ManagedCluster "prod-aks": node pool "user" sets agentPoolProfiles[1].securityProfile.sshAccess to allow SSH logins as a local user; ${FIX}`]);
        assert.deepStrictEqual(await messages(policy, clusterWith(c => { for (const p of c.agentPoolProfiles) delete p.securityProfile; })), [
            `ManagedCluster "prod-aks": node pool "system" does not set agentPoolProfiles[0].securityProfile.sshAccess, so it keeps AKS's default (LocalUser: SSH logins with the cluster's key); ${FIX}`,
            `ManagedCluster "prod-aks": node pool "user" does not set agentPoolProfiles[1].securityProfile.sshAccess, so it keeps AKS's default (LocalUser: SSH logins with the cluster's key); ${FIX}`,
        ]);
        assert.deepStrictEqual(await messages(policy, clusterWith(c => { c.agentPoolProfiles[0].securityProfile.sshAccess = "localuser"; })), [
            `ManagedCluster "prod-aks": node pool "system" sets agentPoolProfiles[0].securityProfile.sshAccess to allow SSH logins as a local user; ${FIX}`,
        ]);
        assert.deepStrictEqual(await messages(policy, clusterWith(c => { c.agentPoolProfiles[0].securityProfile.sshAccess = "Off"; })), [
            `ManagedCluster "prod-aks": node pool "system" sets agentPoolProfiles[0].securityProfile.sshAccess to a value other than Disabled or EntraId; ${FIX}`,
        ]);
    });

    it("fires on a separate AgentPool (which the Azure Policy definition does not see)", async () => {
        assert.deepStrictEqual(await messages(policy, agentPoolWith(p => { delete p.securityProfile.sshAccess; })), [
            `AgentPool "apps-pool": node pool "apps" does not set securityProfile.sshAccess, so it keeps AKS's default (LocalUser: SSH logins with the cluster's key); ${FIX}`,
        ]);
    });

    it("defers an unknown value and still reports a known one beside it", async () => {
        assert.deepStrictEqual(await messages(policy, clusterWith(c => { c.agentPoolProfiles[0].securityProfile = UNKNOWN_STRING; c.agentPoolProfiles[1].securityProfile.sshAccess = "LocalUser"; })), [
            `ManagedCluster "prod-aks": node pool "user" sets agentPoolProfiles[1].securityProfile.sshAccess to allow SSH logins as a local user; ${FIX}`,
        ]);
        assert.deepStrictEqual(await messages(policy, agentPoolWith(p => { p.securityProfile.sshAccess = UNKNOWN_STRING; })), []);
    });

    it("matches versioned and preview tokens", async () => {
        assert.strictEqual((await messages(policy, clusterWith(c => { delete c.agentPoolProfiles[0].securityProfile; }, { token: CLUSTER_PREVIEW }))).length, 1);
        assert.strictEqual((await messages(policy, clusterWith(c => { delete c.agentPoolProfiles[0].securityProfile; }, { token: CLUSTER_VERSIONED }))).length, 1);
        assert.strictEqual((await messages(policy, agentPoolWith(p => { delete p.securityProfile; }, { token: AGENT_POOL_VERSIONED }))).length, 1);
    });

    it("classic @pulumi/azure: a cluster that installs an SSH key fails once; without linuxProfile its pools pass", async () => {
        assert.deepStrictEqual(await messages(policy, [classicClusterWith(), classicNodePoolWith()]), []);
        const keyed = classicClusterWith(c => { c.linuxProfile = { adminUsername: "azureuser", sshKey: { keyData: "ssh-rsa AAAAB3NzaC1yc2E example" } }; });
        const ms = await messages(policy, [keyed, classicNodePoolWith()]);
        assert.deepStrictEqual(ms, ['KubernetesCluster "prod-aks": declares linuxProfile.sshKey, so every node pool accepts SSH logins as a local user with that key, and the classic provider cannot set securityProfile.sshAccess to Disabled; '
            + "remove linuxProfile so that no key is installed (or declare the cluster with azure-native and disable SSH per pool)."]);
        assert.ok(!ms[0].includes("AAAAB3"), "never repeats the key");
        assert.deepStrictEqual(await messages(policy, classicClusterWith(c => { c.linuxProfile = { adminUsername: "azureuser", sshKey: UNKNOWN_STRING }; })), []);
    });

    it("honours excludeResources", async () => {
        assert.deepStrictEqual(await messages(policy, contract.bad, { excludeResources: ["prod-*"] }), []);
    });
});
