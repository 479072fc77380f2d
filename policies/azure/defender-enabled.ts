// aks-defender-enabled
// A cluster runs the Microsoft Defender for Containers sensor
// (securityProfile.defender.securityMonitoring.enabled: true) and sends its data to a Log
// Analytics workspace (securityProfile.defender.logAnalyticsWorkspaceResourceId).
import { clusterNotOn, clusterPolicy } from "../lib/azure";
import { get, show, UNKNOWN } from "../lib/values";

export const defenderEnabled = clusterPolicy({
    name: "aks-defender-enabled",
    practice: "9",
    description: "AKS clusters must run the Microsoft Defender for Containers sensor with a Log Analytics workspace.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: "Set securityProfile.defender: { securityMonitoring: { enabled: true }, logAnalyticsWorkspaceResourceId: <workspace id> } on the ManagedCluster.",
}, (cluster, _cfg, report) => {
    const defender = get(cluster.props, "securityProfile", "defender");
    if (defender === UNKNOWN) return;
    const why = clusterNotOn(cluster, ["securityProfile", "defender", "securityMonitoring", "enabled"]);
    if (why) report(`${why}.`);
    // A classic cluster declares the sensor by the microsoftDefender block, whose workspace is required.
    if (why && cluster.classic) return;
    const workspace = get(defender, "logAnalyticsWorkspaceResourceId");
    if (workspace === UNKNOWN || (typeof workspace === "string" && workspace.trim() !== "")) return;
    const field = cluster.fields("securityProfile.defender.logAnalyticsWorkspaceResourceId").name;
    report(workspace === undefined || workspace === null || workspace === ""
        ? `does not set ${field}; set it to the resource id of the Log Analytics workspace that receives Defender data.`
        : `sets ${field} to ${show(workspace)}; set it to the resource id of a Log Analytics workspace.`);
});
