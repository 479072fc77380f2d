// aks-image-cleaner-enabled
// A cluster runs Image Cleaner (securityProfile.imageCleaner.enabled: true), which removes unused,
// possibly vulnerable images from its nodes.
import { clusterNotOn, clusterPolicy } from "../lib/azure";

export const imageCleanerEnabled = clusterPolicy({
    name: "aks-image-cleaner-enabled",
    practice: "3",
    description: "AKS clusters must enable Image Cleaner to remove stale, vulnerable images from nodes.",
    enforcementLevel: "advisory",
    severity: "low",
    remediationSteps: "Set securityProfile.imageCleaner.enabled: true (and an intervalHours such as 24) on the ManagedCluster.",
}, (cluster, _cfg, report) => {
    const why = clusterNotOn(cluster, ["securityProfile", "imageCleaner", "enabled"]);
    if (why) report(`${why} to remove unused images from the nodes.`);
});
