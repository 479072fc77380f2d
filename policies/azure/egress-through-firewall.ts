// aks-egress-through-firewall
// A cluster sends its egress through a route the platform controls: networkProfile.outboundType is
// one of allowedOutboundTypes (default userDefinedRouting, i.e. a route table to a firewall).
// Unset is AKS's default loadBalancer. Compared case-insensitively, as AKS does.
import { clusterPolicy, enumIn } from "../lib/azure";
import { get, show, UNKNOWN } from "../lib/values";

export const egressThroughFirewall = clusterPolicy({
    name: "aks-egress-through-firewall",
    practice: "11.2",
    description: "AKS clusters should send egress through a controlled route (networkProfile.outboundType in allowedOutboundTypes).",
    enforcementLevel: "advisory",
    severity: "medium",
    remediationSteps: "Set networkProfile.outboundType: \"userDefinedRouting\" with a route table that sends 0.0.0.0/0 to Azure Firewall or a network virtual appliance.",
    config: {
        allowedOutboundTypes: {
            type: "array", items: { type: "string" }, default: ["userDefinedRouting"],
            description: "Accepted networkProfile.outboundType values (loadBalancer, userDefinedRouting, managedNATGateway, userAssignedNATGateway, none), any case.",
        },
    },
}, (cluster, cfg, report) => {
    const v = get(cluster.props, "networkProfile", "outboundType");
    if (v === UNKNOWN) return;
    const allowed = Array.isArray(cfg.allowedOutboundTypes) ? cfg.allowedOutboundTypes : [];
    const effective = v === undefined || v === null ? "loadBalancer" : v;
    if (enumIn(effective, allowed)) return;
    const target = allowed.length === 0 ? "an allowed type (allowedOutboundTypes is empty)" : allowed.length === 1 ? allowed[0] : `one of ${allowed.join(", ")}`;
    const field = cluster.fields("networkProfile.outboundType").name;
    const fix = `set it to ${target} and route egress through a firewall.`;
    if (effective !== v) report(`does not set ${field} (AKS uses loadBalancer); ${fix}`);
    else report(`sets ${field} to ${typeof v === "string" ? "a type not in allowedOutboundTypes" : show(v)}; ${fix}`);
});
