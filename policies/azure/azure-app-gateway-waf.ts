// azure-app-gateway-waf
// An Application Gateway in front of a cluster filters traffic with a Web Application Firewall:
// its sku.tier (else sku.name) is WAF_v2, and it either references a WAF policy (firewallPolicy.id)
// or has webApplicationFirewallConfiguration enabled in Prevention mode. The referenced WAF policy
// (azure-native:network:WebApplicationFirewallPolicy) is judged as a resource of its own: its
// policySettings.state is Enabled (Azure's default when unset) and policySettings.mode is
// Prevention (unset means Azure's default, Detection, which only logs). Enums compare
// case-insensitively.
// The classic @pulumi/azure twins are judged alike: azure:network/applicationGateway:ApplicationGateway
// (sku { name, tier }, the WAF policy by firewallPolicyId, or wafConfiguration { enabled,
// firewallMode }) and azure:waf/policy:Policy (policySettings { enabled, mode }: enabled defaults
// to true and, once the block is declared, mode to Prevention).
import { azureResourcePolicy, judgeWafPolicySettings } from "../lib/azure-resource";
import { get, isTrue, obj, sameIgnoringCase, str, UNKNOWN } from "../lib/values";

export const appGatewayWaf = azureResourcePolicy({
    name: "azure-app-gateway-waf",
    practice: "11.1",
    description: "Application Gateways must run a Web Application Firewall: the WAF_v2 tier with an enabled WAF policy or WAF configuration in Prevention mode.",
    enforcementLevel: "advisory",
    severity: "high",
    remediationSteps: "Use sku { name: \"WAF_v2\", tier: \"WAF_v2\" }, attach a WebApplicationFirewallPolicy (firewallPolicy.id) whose policySettings are { state: \"Enabled\", mode: \"Prevention\" }, or set webApplicationFirewallConfiguration { enabled: true, firewallMode: \"Prevention\" } (classic @pulumi/azure: firewallPolicyId, or wafConfiguration; a waf.Policy with policySettings { enabled: true, mode: \"Prevention\" }).",
}, [["network", "ApplicationGateway", "applicationGatewayName"], ["network", "WebApplicationFirewallPolicy", "policyName"]], (r, _cfg, report) => {
    if (r.kind === "WebApplicationFirewallPolicy") {
        judgeWafPolicySettings(r.props, r.fields, "state", "the gateways using this policy are unprotected", " (Azure's default, Detection, only logs attacks)", report);
        return;
    }

    const sku = get(r.props, "sku");
    const tier = sku === UNKNOWN ? UNKNOWN : get(sku, "tier") ?? get(sku, "name");
    const [skuName, skuTier] = [r.fields("sku.name").name, r.fields("sku.tier").name];
    if (tier !== UNKNOWN && !sameIgnoringCase(tier, "WAF_v2")) {
        report(tier === undefined || tier === null
            ? `does not set ${skuTier}; set ${skuName} and ${skuTier} to WAF_v2.`
            : `${skuTier} is not WAF_v2, so no Web Application Firewall can run; set ${skuName} and ${skuTier} to WAF_v2.`);
    }

    const policy = get(r.props, "firewallPolicy");
    const policyId = get(policy, "id");
    if (policy === UNKNOWN || policyId === UNKNOWN || (typeof policyId === "string" && policyId !== "")) return;
    const waf = get(r.props, "webApplicationFirewallConfiguration");
    if (waf === UNKNOWN) return;
    const [policyField, wafField] = [r.fields("firewallPolicy.id").name, r.fields("webApplicationFirewallConfiguration").name];
    if (obj(r.props, "webApplicationFirewallConfiguration") === undefined) {
        report(`references no WAF policy (${policyField}) and has no ${wafField}; attach a WAF policy (${policyField}) in Prevention mode.`);
        return;
    }
    const enabled = get(waf, "enabled");
    if (enabled !== UNKNOWN && !isTrue(enabled)) {
        report(`${wafField}.enabled is not true; set it to true (or attach a WAF policy with ${policyField}).`);
    }
    const mode = get(waf, "firewallMode");
    if (mode !== UNKNOWN && !sameIgnoringCase(mode, "Prevention")) {
        report(str(waf, "firewallMode") === undefined
            ? `${wafField} does not set firewallMode; set it to Prevention.`
            : `${wafField}.firewallMode is not Prevention, so attacks are only logged; set it to Prevention.`);
    }
});
