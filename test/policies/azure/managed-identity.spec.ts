// aks-managed-identity. Cases from their sources:
// - Azure Policy built-in "Azure Kubernetes Service Clusters should use managed identities"
//   (da6e2401-19da-4532-9141-fb8fbde08431, v1.0.0, Azure/azure-policy
//   built-in-policies/policyDefinitions/Kubernetes/AKS_MSI_Audit.json): non-compliant when
//   servicePrincipalProfile exists and its clientId is not "msi".
// - PSRule Azure.AKS.ManagedIdentity (Azure/PSRule.Rules.Azure docs): passes identity.type
//   SystemAssigned or UserAssigned. SPEC asks for both halves.
// - AKS API (azure-native 3.28.0 ResourceIdentityType): SystemAssigned, UserAssigned, None.
// - @pulumi/azure 6.40.0 KubernetesClusterArgs: identity { type } or servicePrincipal { clientId, clientSecret }.
import * as assert from "assert";
import { UNKNOWN_STRING } from "../../../harness";
import { CLUSTER_PREVIEW, clusterWith, hardenedCluster } from "../../support/azure";
import { classicClusterWith } from "../../support/azure-classic";
import { messages, PolicyContract } from "../../support/util";

const policy = "aks-managed-identity";
const SP_ID = "22222222-2222-2222-2222-222222222222";
const withSp = (c: any) => { delete c.identity; c.servicePrincipalProfile = { clientId: SP_ID, secret: "s3cr3t-value" }; };
const FIX = "set identity.type to SystemAssigned (or UserAssigned with the identity's id).";

export const contract: PolicyContract = {
    policy,
    bad: [clusterWith(withSp)],
    target: 0,
    field: ["servicePrincipalProfile", "clientId"],
};

describe(policy, () => {
    it("passes a system- or user-assigned identity", async () => {
        assert.deepStrictEqual(await messages(policy, hardenedCluster()), []);
        assert.deepStrictEqual(await messages(policy, clusterWith(c => { c.identity = { type: "UserAssigned", userAssignedIdentities: ["/subscriptions/0000/resourceGroups/prod-rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/aks"] }; })), []);
        assert.deepStrictEqual(await messages(policy, clusterWith(c => { c.identity = { type: "systemassigned" }; })), [], "enums compare ignoring case");
    });

    it("fires on a service principal, never repeating its id or secret (Azure Policy da6e2401)", async () => {
        const ms = await messages(policy, contract.bad);
        assert.deepStrictEqual(ms, [`ManagedCluster "prod-aks": authenticates to Azure as the service principal in servicePrincipalProfile.clientId, whose client secret expires and can leak; remove servicePrincipalProfile and ${FIX}`]);
        assert.ok(!ms[0].includes(SP_ID) && !ms[0].includes("s3cr3t"));
        assert.strictEqual((await messages(policy, clusterWith(c => { c.servicePrincipalProfile = { clientId: SP_ID, secret: "x" }; }))).length, 1, "a service principal beside an identity block still fires");
    });

    it("passes clientId msi, the value by which AKS means its managed identity", async () => {
        assert.deepStrictEqual(await messages(policy, clusterWith(c => { c.servicePrincipalProfile = { clientId: "msi" }; })), []);
        assert.deepStrictEqual(await messages(policy, clusterWith(c => { delete c.identity; c.servicePrincipalProfile = { clientId: "MSI" }; })), []);
    });

    it("fires on a cluster with no identity type, or type None", async () => {
        assert.deepStrictEqual(await messages(policy, clusterWith(c => { delete c.identity; })), [`ManagedCluster "prod-aks": does not set identity.type, so the cluster has no managed identity to reach Azure with; ${FIX}`]);
        assert.deepStrictEqual(await messages(policy, clusterWith(c => { c.identity = { type: "None" }; })), [`ManagedCluster "prod-aks": sets identity.type to a type that is not a managed identity, so the cluster has no managed identity to reach Azure with; ${FIX}`]);
    });

    it("defers unknown values", async () => {
        assert.deepStrictEqual(await messages(policy, clusterWith(c => { c.identity = UNKNOWN_STRING; })), []);
        assert.deepStrictEqual(await messages(policy, clusterWith(c => { delete c.identity; c.servicePrincipalProfile = { clientId: UNKNOWN_STRING, secret: UNKNOWN_STRING }; })), []);
        assert.strictEqual((await messages(policy, clusterWith(c => { withSp(c); c.identity = UNKNOWN_STRING; }))).length, 1, "a known service principal fires beside an unknown identity");
    });

    it("matches a preview token", async () => {
        assert.strictEqual((await messages(policy, clusterWith(withSp, { token: CLUSTER_PREVIEW }))).length, 1);
    });

    it("judges the classic @pulumi/azure KubernetesCluster, naming servicePrincipal as written", async () => {
        assert.deepStrictEqual(await messages(policy, classicClusterWith()), []);
        assert.deepStrictEqual(await messages(policy, classicClusterWith(c => { delete c.identity; c.servicePrincipal = { clientId: SP_ID, clientSecret: "s3cr3t-value" }; })), [
            `KubernetesCluster "prod-aks": authenticates to Azure as the service principal in servicePrincipal.clientId, whose client secret expires and can leak; remove servicePrincipal and ${FIX}`,
        ]);
    });

    it("honours excludeResources", async () => {
        assert.deepStrictEqual(await messages(policy, contract.bad, { excludeResources: ["prod-aks"] }), []);
    });
});
