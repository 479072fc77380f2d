// aks-workload-identity
// A cluster issues OIDC tokens (oidcIssuerProfile.enabled: true) and runs Microsoft Entra
// Workload ID (securityProfile.workloadIdentity.enabled: true), so pods use federated identities
// instead of stored secrets.
import { clusterNotOn, clusterPolicy } from "../lib/azure";

export const workloadIdentity = clusterPolicy({
    name: "aks-workload-identity",
    practice: "6.1",
    description: "AKS clusters should enable the OIDC issuer and Workload Identity so pods authenticate without stored credentials.",
    enforcementLevel: "advisory",
    severity: "medium",
    remediationSteps: "Set oidcIssuerProfile.enabled: true and securityProfile.workloadIdentity.enabled: true on the ManagedCluster.",
}, (cluster, _cfg, report) => {
    for (const path of [["oidcIssuerProfile", "enabled"], ["securityProfile", "workloadIdentity", "enabled"]]) {
        const why = clusterNotOn(cluster, path);
        if (why) report(`${why}.`);
    }
});
