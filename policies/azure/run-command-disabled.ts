// aks-run-command-disabled
// A cluster disables Run Command (apiServerAccessProfile.disableRunCommand: true), which would
// otherwise let Azure users run kubectl in the cluster around the private API server.
import { clusterNotOn, clusterPolicy } from "../lib/azure";

export const runCommandDisabled = clusterPolicy({
    name: "aks-run-command-disabled",
    practice: "10",
    description: "AKS clusters should disable Run Command, which bypasses the API server's network restrictions.",
    enforcementLevel: "advisory",
    severity: "medium",
    remediationSteps: "Set apiServerAccessProfile.disableRunCommand: true on the ManagedCluster.",
}, (cluster, _cfg, report) => {
    const why = clusterNotOn(cluster, ["apiServerAccessProfile", "disableRunCommand"]);
    if (why) report(`${why}.`);
});
