// aks-network-policy-enabled
// A cluster enforces Kubernetes NetworkPolicies: networkProfile.networkPolicy is azure, calico or
// cilium (compared case-insensitively, as AKS does). Unset, "" and "none" enforce nothing.
import { clusterPolicy, enumIn } from "../lib/azure";
import { get, show, UNKNOWN } from "../lib/values";

const ENGINES = ["azure", "calico", "cilium"];

export const networkPolicyEnabled = clusterPolicy({
    name: "aks-network-policy-enabled",
    practice: "6.2",
    description: "AKS clusters must run a network policy engine (azure, calico or cilium) so that NetworkPolicies are enforced.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: "Set networkProfile.networkPolicy to \"cilium\" (with networkDataplane: \"cilium\"), \"azure\" or \"calico\" on the ManagedCluster.",
}, (cluster, _cfg, report) => {
    const v = get(cluster.props, "networkProfile", "networkPolicy");
    if (v === UNKNOWN || enumIn(v, ENGINES)) return;
    const field = cluster.fields("networkProfile.networkPolicy").name;
    const fix = `set it to one of ${ENGINES.join(", ")} so that NetworkPolicies are enforced.`;
    if (v === undefined || v === null || v === "") report(`does not set ${field}; ${fix}`);
    else report(`sets ${field} to ${typeof v === "string" ? "no supported engine" : show(v)}; ${fix}`);
});
