// acr-network-restricted
// A container registry is not open to every network: its public endpoint is off
// (publicNetworkAccess: Disabled, reached through a private endpoint), or its firewall denies by
// default (networkRuleSet.defaultAction: Deny, with ipRules for the networks that pull). A
// registry whose public endpoint is off also disables exports (policies.exportPolicy.status:
// disabled), or `az acr import` / `acr transfer` still move its artifacts out; a missing
// exportPolicy is Azure's default, enabled. As Azure Policy's "Container registries should not
// allow unrestricted network access" and "Container registries should have exports disabled".
// The classic @pulumi/azure Registry writes these as publicNetworkAccessEnabled (default true),
// networkRuleSet.defaultAction and exportPolicyEnabled (default true). Network rules, private
// endpoints and export policies need the Premium SKU, so a Basic or Standard registry fails.
import { AzureResource, azureResourcePolicy } from "../lib/azure-resource";
import { Report } from "../lib/policy";
import { get, Maybe, sameIgnoringCase, UNKNOWN } from "../lib/values";

/** Whether `v` is the enum value `want` (as Azure compares enums: ignoring case); UNKNOWN while unknown. */
function is(v: unknown, want: string): Maybe {
    return v === UNKNOWN ? UNKNOWN : sameIgnoringCase(v, want);
}

function judge(acr: AzureResource, report: Report): void {
    const pna = acr.fields("publicNetworkAccess").name;
    const action = acr.fields("networkRuleSet.defaultAction").name;
    const publicOff = is(get(acr.props, "publicNetworkAccess"), "Disabled");
    const denies = is(get(acr.props, "networkRuleSet", "defaultAction"), "Deny");
    if (publicOff === false && denies === false) {
        report(`accepts connections from every network (${pna} leaves the public endpoint on and ${action} is not Deny); `
            + `set ${pna} to ${acr.classic ? "false" : "Disabled"} and pull through a private endpoint, or set ${action} to Deny with ipRules for the networks that pull (Premium SKU).`);
    }
    if (publicOff !== true) return;
    const exportField = acr.fields("policies.exportPolicy.status").name;
    const status = get(acr.props, "policies", "exportPolicy", "status");
    if (is(status, "disabled") === false) {
        const why = status === undefined || status === null ? `leaves ${exportField} at Azure's default (enabled)` : `does not set ${exportField} to ${acr.classic ? "false" : "disabled"}`;
        report(`has its public endpoint off but ${why}, so az acr import and acr transfer can still move its artifacts out; set it to ${acr.classic ? "false" : "disabled"}.`);
    }
}

export const acrNetworkRestricted = azureResourcePolicy({
    name: "acr-network-restricted",
    practice: "3",
    description: "Container registries should not be reachable from every network: public access off (or a firewall that denies by default), and exports disabled once public access is off.",
    enforcementLevel: "advisory",
    severity: "medium",
    remediationSteps: "Set publicNetworkAccess: \"Disabled\" on the registry (Premium SKU) and pull through a private endpoint, or set networkRuleSet.defaultAction: \"Deny\" with ipRules for the networks that pull; with public access off, also set policies.exportPolicy.status: \"disabled\" (classic @pulumi/azure: publicNetworkAccessEnabled: false, networkRuleSet.defaultAction: \"Deny\", exportPolicyEnabled: false).",
}, [["containerregistry", "Registry", "registryName"]], (acr, _cfg, report) => judge(acr, report));
