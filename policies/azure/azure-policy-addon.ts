// aks-azure-policy-addon
// A cluster runs the Azure Policy add-on (addonProfiles.azurepolicy.enabled: true; the map key
// in any case, as AKS reads it), so Gatekeeper enforces the organisation's policy assignments.
import { addonProfile, clusterPolicy } from "../lib/azure";
import { notOn } from "../lib/azure-view";
import { get, UNKNOWN } from "../lib/values";

export const azurePolicyAddon = clusterPolicy({
    name: "aks-azure-policy-addon",
    practice: "8",
    description: "AKS clusters must enable the Azure Policy add-on (Gatekeeper) so that policy assignments are enforced in the cluster.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: "Set addonProfiles: { azurepolicy: { enabled: true } } on the ManagedCluster and assign the Kubernetes policy initiatives (audit first, then deny).",
}, (cluster, _cfg, report) => {
    const addon = addonProfile(cluster, "azurepolicy");
    if (addon === UNKNOWN) return;
    if (addon === undefined && !cluster.classic) {
        report("does not set addonProfiles.azurepolicy; set addonProfiles.azurepolicy.enabled to true.");
        return;
    }
    // azure-native spells the add-on key in any case; the classic provider has one field (azurePolicyEnabled).
    const field = cluster.classic ? cluster.fields("addonProfiles.azurepolicy.enabled") : { name: `addonProfiles.${addon!.key}.enabled` };
    const why = notOn({ enabled: addon?.value === undefined ? undefined : get(addon.value, "enabled") }, ["enabled"], () => field);
    if (why) report(`${why}.`);
});
