// aks-azure-policy-addon
// A cluster runs the Azure Policy add-on (addonProfiles.azurepolicy.enabled: true; the map key
// in any case, as AKS reads it), so Gatekeeper enforces the organisation's policy assignments.
import { addonProfile, clusterPolicy, notTrue } from "../lib/azure";
import { UNKNOWN } from "../lib/values";

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
    if (addon === undefined) {
        report("does not set addonProfiles.azurepolicy; set addonProfiles.azurepolicy.enabled to true.");
        return;
    }
    const why = notTrue(addon.value, ["enabled"], `addonProfiles.${addon.key}.`);
    if (why) report(`${why}; set it to true.`);
});
