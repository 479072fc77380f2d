// azure-front-door-waf
// Internet traffic that reaches the cluster through Azure Front Door is filtered by a Web
// Application Firewall in Prevention mode:
// - Front Door Standard/Premium (stack): every azure-native:cdn:AFDEndpoint (an endpoint exists
//   only in a `*_AzureFrontDoor` profile) is listed, by ARM id in
//   parameters.associations[].domains[].id or by dependency while the id is unknown, in a
//   cdn:SecurityPolicy of parameters.type WebApplicationFirewall with a parameters.wafPolicy.
// - classic Front Door (azure-native:frontdoor:FrontDoor): every frontendEndpoints[] entry has a
//   webApplicationFirewallPolicyLink.id.
// - every Front Door WAF policy (azure-native:frontdoor:Policy): policySettings.enabledState is
//   Enabled (Azure's default when unset) and policySettings.mode is Prevention (unset is reported:
//   Detection only logs). Enums compare case-insensitively.
// Custom domains (cdn:AFDCustomDomain) are not judged: a route serves them through an endpoint.
// The classic @pulumi/azure twins are judged and linked alike, with each other and with
// azure-native ones: azure:cdn/frontdoorEndpoint:FrontdoorEndpoint (in the profile its
// cdnFrontdoorProfileId names), listed by id in securityPolicies.firewall.association.domains[].cdnFrontdoorDomainId
// of an azure:cdn/frontdoorSecurityPolicy:FrontdoorSecurityPolicy whose firewall block names a
// cdnFrontdoorFirewallPolicyId; and azure:cdn/frontdoorFirewallPolicy:FrontdoorFirewallPolicy
// (enabled, default true; mode, required). A FrontdoorProfile declares nothing to judge, as an
// azure-native cdn:Profile does not: endpoints name their profile themselves.
import { azureResourcePolicy, judgeWafPolicySettings, resourceAndStackPolicy } from "../lib/azure-resource";
import { CLASSIC, classicTypeName } from "../lib/azure-classic";
import { linkByArmId, linkByDependencies, StackResource, stackResources, StackTarget, stackTargets, written } from "../lib/azure-stack";
import { PolicyMetadata, stackPolicy } from "../lib/policy";
import { allOf, anyOf, get, Maybe, sameIgnoringCase, Unknown, UNKNOWN } from "../lib/values";

const info: PolicyMetadata = {
    name: "azure-front-door-waf",
    practice: "11.1",
    description: "Azure Front Door must filter traffic with a Web Application Firewall in Prevention mode: a WAF security policy on every Standard/Premium endpoint, a WAF policy link on every classic frontend endpoint.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: "Create a Front Door WAF policy (azure-native:frontdoor:Policy) with policySettings { enabledState: \"Enabled\", mode: \"Prevention\" } and managed rules; associate it with every endpoint through an azure-native:cdn:SecurityPolicy (parameters { type: \"WebApplicationFirewall\", wafPolicy: { id }, associations: [{ domains: [{ id: endpoint.id }], patternsToMatch: [\"/*\"] }] }), or, for classic Front Door, set frontendEndpoints[].webApplicationFirewallPolicyLink.id. With classic @pulumi/azure: a cdn.FrontdoorFirewallPolicy (enabled: true, mode: \"Prevention\") named in a cdn.FrontdoorSecurityPolicy's securityPolicies.firewall.cdnFrontdoorFirewallPolicyId, its association.domains[].cdnFrontdoorDomainId listing every endpoint.",
};

const AFD_ENDPOINT_ID = /^\/subscriptions\/[^/]+\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Cdn\/profiles\/([^/]+)\/afdEndpoints\/([^/]+)\/?$/i;

const hasId = (ref: unknown): Maybe => {
    const id = get(ref, "id");
    return ref === UNKNOWN || id === UNKNOWN ? UNKNOWN : typeof id === "string" && id !== "";
};

const resourceRule = azureResourcePolicy(info, [["frontdoor", "Policy", "policyName"], ["frontdoor", "FrontDoor", "frontDoorName"]], (r, _cfg, report) => {
    if (r.kind === "Policy") {
        judgeWafPolicySettings(r.props, r.fields, "enabledState", "the Front Door endpoints using this policy are unfiltered", ", so the policy may only detect attacks", report);
        return;
    }
    const endpoints = get(r.props, "frontendEndpoints");
    if (!Array.isArray(endpoints)) return; // unknown, or none declared (Azure requires one)
    endpoints.forEach((_, i) => {
        const endpoint = get(endpoints, i);
        if (endpoint === UNKNOWN) return;
        if (hasId(get(endpoint, "webApplicationFirewallPolicyLink")) === false) {
            report(`frontendEndpoints[${i}] has no webApplicationFirewallPolicyLink.id, so its traffic bypasses any WAF; link a Front Door WAF policy in Prevention mode.`);
        }
    });
});

/** Whether a security policy is a WAF policy with a wafPolicy: yes, no, or not known yet. */
function isWaf(sp: StackResource): Maybe {
    const params = get(sp.props, "parameters");
    if (params === UNKNOWN) return UNKNOWN;
    const type = get(params, "type");
    return allOf(type === UNKNOWN ? UNKNOWN : sameIgnoringCase(type, "WebApplicationFirewall"), hasId(get(params, "wafPolicy")));
}

/** Whether a security policy's associations list the endpoint among their domains. */
function covers(sp: StackResource, e: StackResource & StackTarget): Maybe {
    const associations = get(sp.props, "parameters", "associations");
    const byDependency = (): Maybe => (linkByDependencies(sp.resource, written(sp, "parameters.associations"), e) === false ? false : UNKNOWN);
    if (associations === UNKNOWN) return byDependency();
    if (!Array.isArray(associations)) return false;
    const profile = get(e.props, "profileName");
    const names: (string | undefined | Unknown)[] = [profile === UNKNOWN ? UNKNOWN : typeof profile === "string" ? profile : undefined, e.azureName];
    return anyOf(...associations.flatMap((_, i): Maybe[] => {
        const domains = get(associations, i, "domains");
        if (domains === UNKNOWN) return [byDependency()];
        if (!Array.isArray(domains)) return [];
        return domains.map((__, j) => linkByArmId(sp, "parameters.associations", get(domains, j, "id"), e, AFD_ENDPOINT_ID, names));
    }));
}

const stackRule = stackPolicy(info, false, ["azure-native:cdn:SecurityPolicy", CLASSIC.frontDoorSecurityPolicy, "azure-native:cdn:AFDEndpoint", CLASSIC.frontDoorEndpoint], (resources, cfg, report) => {
    const securityPolicies = stackResources(resources, "cdn", "SecurityPolicy", cfg, "securityPolicyName");
    for (const e of stackTargets(resources, "cdn", "AFDEndpoint", "endpointName", cfg)) {
        if (anyOf(...securityPolicies.map(sp => allOf(isWaf(sp), covers(sp, e)))) !== false) continue;
        const label = `${classicTypeName(e.resource.type)} "${e.resource.name}"`;
        report(e.resource.type === CLASSIC.frontDoorEndpoint
            ? `${label}: no ${CLASSIC.frontDoorSecurityPolicy} with a securityPolicies.firewall.cdnFrontdoorFirewallPolicyId lists this endpoint in securityPolicies.firewall.association.domains[].cdnFrontdoorDomainId, so its traffic reaches the origin unfiltered; associate a Front Door firewall policy in Prevention mode with the endpoint.`
            : `${label}: no cdn:SecurityPolicy of type WebApplicationFirewall with a wafPolicy lists this endpoint in parameters.associations[].domains, so its traffic reaches the origin unfiltered; associate a Front Door WAF policy in Prevention mode with the endpoint.`, e.resource.urn);
    }
});

export const frontDoorWaf = resourceAndStackPolicy(resourceRule, stackRule);
