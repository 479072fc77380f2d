// aks-entra-id-integration
// A cluster authenticates users with Microsoft Entra ID (aadProfile.managed: true) and authorizes
// them with Azure RBAC (aadProfile.enableAzureRBAC: true).
import { clusterNotOn, clusterPolicy } from "../lib/azure";
import { get } from "../lib/values";

export const entraIdIntegration = clusterPolicy({
    name: "aks-entra-id-integration",
    practice: "6.1",
    description: "AKS clusters must use managed Microsoft Entra ID integration with Azure RBAC for Kubernetes authorization.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: "Set aadProfile: { managed: true, enableAzureRBAC: true } (with adminGroupObjectIDs or Azure role assignments) on the ManagedCluster.",
}, (cluster, _cfg, report) => {
    const aad = get(cluster.props, "aadProfile");
    if ((aad === undefined || aad === null) && !cluster.classic) {
        report("has no aadProfile; set aadProfile.managed and aadProfile.enableAzureRBAC to true.");
        return;
    }
    for (const field of ["managed", "enableAzureRBAC"]) {
        const why = clusterNotOn(cluster, ["aadProfile", field]);
        if (why) report(`${why}.`);
        // A classic cluster without the block: one finding, whose fix names azureRbacEnabled too.
        if (why && aad === undefined) return;
    }
});
