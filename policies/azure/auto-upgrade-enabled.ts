// aks-auto-upgrade-enabled
// A cluster upgrades itself: autoUpgradeProfile.upgradeChannel is set and not none (unset is AKS's
// default none) nor node-image (it upgrades node images only, never Kubernetes itself; node images
// are nodeOSUpgradeChannel's job), and autoUpgradeProfile.nodeOSUpgradeChannel is not None or Unmanaged (unset is
// AKS's default NodeImage). Channels compare case-insensitively, as AKS does.
import { clusterPolicy, enumIn } from "../lib/azure";
import { get, sameIgnoringCase, show, UNKNOWN } from "../lib/values";

export const autoUpgradeEnabled = clusterPolicy({
    name: "aks-auto-upgrade-enabled",
    practice: "12",
    description: "AKS clusters should use an automatic upgrade channel for Kubernetes and for the node OS image.",
    enforcementLevel: "advisory",
    severity: "medium",
    remediationSteps: "Set autoUpgradeProfile: { upgradeChannel: \"patch\" (or \"stable\"), nodeOSUpgradeChannel: \"NodeImage\" (or \"SecurityPatch\") } and a maintenance window on the ManagedCluster.",
}, (cluster, _cfg, report) => {
    const channel = get(cluster.props, "autoUpgradeProfile", "upgradeChannel");
    const field = cluster.fields("autoUpgradeProfile.upgradeChannel").name;
    if (channel === undefined || channel === null) report(`does not set ${field} (AKS's default is none); set it to patch, stable or rapid.`);
    else if (sameIgnoringCase(channel, "node-image")) report(`sets ${field} to the channel that upgrades only node images, never Kubernetes itself; set it to patch, stable or rapid, and leave node images to autoUpgradeProfile.nodeOSUpgradeChannel.`);
    else if (channel !== UNKNOWN && (typeof channel !== "string" || sameIgnoringCase(channel, "none") || channel.trim() === "")) {
        const what = typeof channel !== "string" ? show(channel) : channel.trim() === "" ? "an empty string" : "the channel that turns automatic upgrades off";
        report(`sets ${field} to ${what}; set it to patch, stable or rapid.`);
    }
    const nodeOS = get(cluster.props, "autoUpgradeProfile", "nodeOSUpgradeChannel");
    if (enumIn(nodeOS, ["None", "Unmanaged"])) {
        report(`sets ${cluster.fields("autoUpgradeProfile.nodeOSUpgradeChannel").name} to a channel that does not patch the node OS; set it to NodeImage or SecurityPatch.`);
    }
});
