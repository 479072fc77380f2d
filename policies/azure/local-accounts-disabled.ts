// aks-local-accounts-disabled
// A cluster has no local accounts (disableLocalAccounts: true): every user signs in through
// Microsoft Entra ID, and the static cluster-admin credential cannot be fetched.
import { clusterNotOn, clusterPolicy } from "../lib/azure";

export const localAccountsDisabled = clusterPolicy({
    name: "aks-local-accounts-disabled",
    practice: "6.1",
    description: "AKS clusters must disable local accounts so that every identity comes from Microsoft Entra ID.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: "Set disableLocalAccounts: true on the ManagedCluster (it needs Entra ID integration, aadProfile.managed: true).",
}, (cluster, _cfg, report) => {
    const why = clusterNotOn(cluster, ["disableLocalAccounts"]);
    if (why) report(`${why} so that the local cluster-admin credential cannot be used.`);
});
