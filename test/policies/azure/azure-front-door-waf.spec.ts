import * as assert from "assert";
import { UNKNOWN_STRING } from "../../../harness";
import {
    classicFrontDoorEndpointId, classicFrontDoorEndpointWith, classicFrontDoorFirewallPolicyWith, classicFrontDoorProfileWith, classicFrontDoorSecurityPolicyWith,
} from "../../support/azure-classic";
import { dependingOn, propertyDependingOn } from "../../support/azure-stack";
import { messages, PolicyContract } from "../../support/util";

const policy = "azure-front-door-waf";
const SUB = "/subscriptions/00000000-0000-0000-0000-000000000000";
const WAF_POLICY_ID = `${SUB}/resourceGroups/edge-rg/providers/Microsoft.Network/FrontDoorWebApplicationFirewallPolicies/edgewaf`;

const wafPolicy = (policySettings: unknown, type = "azure-native:frontdoor:Policy", name = "edge-waf") =>
    ({ type, name, props: { resourceGroupName: "edge-rg", policyName: "edgewaf", sku: { name: "Premium_AzureFrontDoor" }, policySettings } });
const profile = (type = "azure-native:cdn:Profile") =>
    ({ type, name: "edge", props: { resourceGroupName: "edge-rg", profileName: "edge-fd", location: "Global", sku: { name: "Premium_AzureFrontDoor" } } });
const endpoint = (name: string, props: Record<string, unknown> = {}, type = "azure-native:cdn:AFDEndpoint") =>
    ({ type, name, props: { resourceGroupName: "edge-rg", profileName: "edge-fd", endpointName: `${name}-ep`, location: "Global", enabledState: "Enabled", ...props } });
const endpointId = (name: string, group = "edge-rg", prof = "edge-fd") => `${SUB}/resourceGroups/${group}/providers/Microsoft.Cdn/profiles/${prof}/afdEndpoints/${name}-ep`;
const securityPolicy = (domains: unknown[], extra: Record<string, unknown> = {}, type = "azure-native:cdn:SecurityPolicy") => ({
    type, name: "edge-waf-assoc",
    props: {
        resourceGroupName: "edge-rg", profileName: "edge-fd", securityPolicyName: "waf",
        parameters: { type: "WebApplicationFirewall", wafPolicy: { id: WAF_POLICY_ID }, associations: [{ domains: domains.map(id => ({ id })), patternsToMatch: ["/*"] }], ...extra },
    },
});
const classic = (frontendEndpoints: unknown, type = "azure-native:frontdoor:FrontDoor") =>
    ({ type, name: "classic-fd", props: { resourceGroupName: "edge-rg", frontDoorName: "classic", enabledState: "Enabled", frontendEndpoints } });
const uncovered = (name: string) => `AFDEndpoint "${name}": no cdn:SecurityPolicy of type WebApplicationFirewall with a wafPolicy lists this endpoint in parameters.associations[].domains, so its traffic reaches the origin unfiltered; associate a Front Door WAF policy in Prevention mode with the endpoint.`;
const DETECTION = 'Policy "edge-waf": policySettings.mode is not Prevention, so attacks are only logged; set it to Prevention.';

export const contract: PolicyContract = {
    policy,
    bad: [wafPolicy({ enabledState: "Enabled", mode: "Detection" })],
    target: 0,
    field: ["policySettings", "mode"],
};

describe(policy, () => {
    describe("Front Door WAF policies (frontdoor:Policy)", () => {
        it("passes an enabled policy in Prevention mode (enums in any case) and an unset enabledState (Azure's default, Enabled)", async () => {
            assert.deepStrictEqual(await messages(policy, wafPolicy({ enabledState: "Enabled", mode: "Prevention" })), []);
            assert.deepStrictEqual(await messages(policy, wafPolicy({ enabledState: "enabled", mode: "prevention" })), []);
            assert.deepStrictEqual(await messages(policy, wafPolicy({ mode: "Prevention" })), []);
        });

        it("fires on Detection mode, an unset mode and a disabled policy, naming the field", async () => {
            assert.deepStrictEqual(await messages(policy, wafPolicy({ enabledState: "Enabled", mode: "Detection" })), [DETECTION]);
            assert.deepStrictEqual(await messages(policy, wafPolicy(undefined)), ['Policy "edge-waf": policySettings.mode is unset, so the policy may only detect attacks; set it to Prevention.']);
            assert.deepStrictEqual(await messages(policy, wafPolicy({ enabledState: "Disabled", mode: "Prevention" })), [
                'Policy "edge-waf": policySettings.enabledState is not Enabled, so the Front Door endpoints using this policy are unfiltered; set it to Enabled.',
            ]);
        });

        it("reports a known Detection mode even when enabledState is unknown, and defers an unknown mode", async () => {
            assert.deepStrictEqual(await messages(policy, wafPolicy({ enabledState: UNKNOWN_STRING, mode: "Detection" })), [DETECTION]);
            assert.deepStrictEqual(await messages(policy, wafPolicy({ enabledState: "Enabled", mode: UNKNOWN_STRING })), []);
            assert.deepStrictEqual(await messages(policy, wafPolicy(UNKNOWN_STRING)), []);
        });

        it("matches versioned tokens and honours excludeResources by Pulumi or Azure name", async () => {
            assert.deepStrictEqual(await messages(policy, wafPolicy({ mode: "Detection" }, "azure-native:frontdoor/v20250301:Policy")), [DETECTION]);
            assert.deepStrictEqual(await messages(policy, wafPolicy({ mode: "Detection" }), { excludeResources: ["edgewaf"] }), []);
        });
    });

    describe("classic Front Door (frontdoor:FrontDoor)", () => {
        it("passes when every frontend endpoint links a WAF policy", async () => {
            assert.deepStrictEqual(await messages(policy, classic([{ name: "www", hostName: "classic.azurefd.net", webApplicationFirewallPolicyLink: { id: WAF_POLICY_ID } }])), []);
        });

        it("fires on each frontend endpoint without a WAF policy link, by position", async () => {
            assert.deepStrictEqual(await messages(policy, classic([
                { name: "www", webApplicationFirewallPolicyLink: { id: WAF_POLICY_ID } },
                { name: "api" },
                { name: "legacy", webApplicationFirewallPolicyLink: { id: "" } },
            ])), [
                'FrontDoor "classic-fd": frontendEndpoints[1] has no webApplicationFirewallPolicyLink.id, so its traffic bypasses any WAF; link a Front Door WAF policy in Prevention mode.',
                'FrontDoor "classic-fd": frontendEndpoints[2] has no webApplicationFirewallPolicyLink.id, so its traffic bypasses any WAF; link a Front Door WAF policy in Prevention mode.',
            ]);
        });

        it("defers unknown endpoints or links, and gives clean verdicts on malformed lists", async () => {
            assert.deepStrictEqual(await messages(policy, classic(UNKNOWN_STRING)), []);
            assert.deepStrictEqual(await messages(policy, classic([UNKNOWN_STRING, { name: "a", webApplicationFirewallPolicyLink: UNKNOWN_STRING }, { name: "b", webApplicationFirewallPolicyLink: { id: UNKNOWN_STRING } }])), []);
            assert.deepStrictEqual(await messages(policy, classic("not-a-list")), []);
            assert.strictEqual((await messages(policy, classic([null, 42]))).length, 2);
        });
    });

    describe("Front Door Standard/Premium (stack: AFDEndpoint and SecurityPolicy)", () => {
        it("passes endpoints listed by id in a WAF security policy (type in any case)", async () => {
            assert.deepStrictEqual(await messages(policy, [profile(), endpoint("web"), endpoint("api"), securityPolicy([endpointId("web"), endpointId("api")])]), []);
            assert.deepStrictEqual(await messages(policy, [profile(), endpoint("web"), securityPolicy([endpointId("web").toUpperCase()], { type: "webapplicationfirewall" })]), []);
        });

        it("passes an endpoint named by its id output, and one the security policy depends on while the domains are unknown", async () => {
            const web = endpoint("web", { id: `${SUB}/x/web` });
            assert.deepStrictEqual(await messages(policy, [profile(), web, securityPolicy([`${SUB}/x/web`])]), []);
            const api = endpoint("api");
            assert.deepStrictEqual(await messages(policy, [profile(), api, dependingOn(securityPolicy([UNKNOWN_STRING]), api)]), []);
        });

        it("fires on an endpoint that no security policy lists, naming it", async () => {
            assert.deepStrictEqual(await messages(policy, [profile(), endpoint("web")]), [uncovered("web")]);
            assert.deepStrictEqual(await messages(policy, [profile(), endpoint("web"), endpoint("api"), securityPolicy([endpointId("web")])]), [uncovered("api")]);
        });

        it("does not count another profile's or resource group's endpoint, a security policy without wafPolicy, or a non-WAF type", async () => {
            const web = endpoint("web");
            assert.deepStrictEqual(await messages(policy, [web, securityPolicy([endpointId("web", "edge-rg", "other-fd")])]), [uncovered("web")]);
            assert.deepStrictEqual(await messages(policy, [web, securityPolicy([endpointId("web", "other-rg")])]), [uncovered("web")]);
            assert.deepStrictEqual(await messages(policy, [web, securityPolicy([endpointId("web")], { wafPolicy: undefined })]), [uncovered("web")]);
            assert.deepStrictEqual(await messages(policy, [web, securityPolicy([endpointId("web")], { type: "Other" })]), [uncovered("web")]);
            assert.deepStrictEqual(await messages(policy, [web, securityPolicy(["/not/an/endpoint/id"])]), [uncovered("web")]);
        });

        it("defers while the association, type, wafPolicy or the endpoint's name is unknown", async () => {
            const web = endpoint("web");
            assert.deepStrictEqual(await messages(policy, [web, securityPolicy([UNKNOWN_STRING])]), []);
            assert.deepStrictEqual(await messages(policy, [web, securityPolicy([endpointId("web")], { type: UNKNOWN_STRING })]), []);
            assert.deepStrictEqual(await messages(policy, [web, securityPolicy([endpointId("web")], { wafPolicy: UNKNOWN_STRING })]), []);
            assert.deepStrictEqual(await messages(policy, [web, securityPolicy([endpointId("web")], { associations: UNKNOWN_STRING })]), []);
            assert.deepStrictEqual(await messages(policy, [endpoint("web", { endpointName: UNKNOWN_STRING }), securityPolicy([endpointId("web")])]), []);
        });

        it("still reports an endpoint when the unknown association depends on another endpoint only", async () => {
            const web = endpoint("web");
            const api = endpoint("api");
            assert.deepStrictEqual(await messages(policy, [web, api, dependingOn(securityPolicy([UNKNOWN_STRING]), api)]), [uncovered("web")]);
        });

        it("matches versioned tokens and honours excludeResources by Pulumi or Azure name", async () => {
            const web = endpoint("web", {}, "azure-native:cdn/v20240901:AFDEndpoint");
            assert.deepStrictEqual(await messages(policy, [web]), [uncovered("web")]);
            assert.deepStrictEqual(await messages(policy, [web, securityPolicy([endpointId("web")], {}, "azure-native:cdn/v20250415:SecurityPolicy")]), []);
            assert.deepStrictEqual(await messages(policy, [web], { excludeResources: ["web"] }), []);
            assert.deepStrictEqual(await messages(policy, [web], { excludeResources: ["web-ep"] }), []);
        });
    });

    // Checkov ARM fixtures (bridgecrewio/checkov @ 03d5fdad8d6154b1565799a7b1fb8070c158866f,
    // tests/arm/checks/resource/), converted as /work/shared/corpus's README describes: the ARM
    // `properties` flattened to the top level (and, as azure-native does, each frontendEndpoints[]
    // entry's `properties`), `[parameters(...)]` expressions kept as strings, `sku` kept; the
    // frontDoors sub-resources the policy does not read (backendPools, routingRules, ...) are left out.
    describe("checkov ARM fixtures", () => {
        it("CKV_AZURE_121 example_AzureFrontDoorEnablesWAF/fail.json (upstream FAILED): a frontend endpoint without a WAF link fires", async () => {
            const fail = classic([{ name: "[variables('frontEndEndpointName')]", hostName: "[format('{0}.azurefd.net', parameters('frontDoorName'))]", sessionAffinityEnabledState: "Disabled" }]);
            assert.strictEqual((await messages(policy, fail)).length, 1);
        });

        it("CKV_AZURE_121 example_AzureFrontDoorEnablesWAF/pass.json (upstream PASSED): a linked frontend endpoint passes", async () => {
            const pass = classic([{ name: "[variables('frontEndEndpointName')]", hostName: "[format('{0}.azurefd.net', parameters('frontDoorName'))]", webApplicationFirewallPolicyLink: { id: "anythingyoulike" }, sessionAffinityEnabledState: "Disabled" }]);
            assert.deepStrictEqual(await messages(policy, pass), []);
        });

        const managedRules = { managedRuleSets: [
            { ruleSetType: "Microsoft_DefaultRuleSet", ruleSetVersion: "2.0", ruleSetAction: "Block", exclusions: [], ruleGroupOverrides: [] },
            { ruleSetType: "Microsoft_BotManagerRuleSet", ruleSetVersion: "1.0", ruleSetAction: "Block", exclusions: [], ruleGroupOverrides: [] },
        ] };
        const armPolicy = (name: string, policySettings: unknown) =>
            ({ type: "azure-native:frontdoor:Policy", name, props: { sku: { name: "Premium_AzureFrontDoor" }, managedRules, policySettings } });

        it("CKV_AZURE_123 example_FrontdoorUseWAFMode-FAILED.json (upstream FAILED): a disabled policy fires", async () => {
            assert.deepStrictEqual(await messages(policy, armPolicy("fail", { enabledState: "Disabled", mode: "Prevention" })), [
                'Policy "fail": policySettings.enabledState is not Enabled, so the Front Door endpoints using this policy are unfiltered; set it to Enabled.',
            ]);
        });

        it("CKV_AZURE_123 example_FrontdoorUseWAFMode-PASSED.json (upstream PASSED): enabled in Prevention mode passes", async () => {
            assert.deepStrictEqual(await messages(policy, armPolicy("pass", { enabledState: "Enabled", mode: "Prevention" })), []);
        });
    });
});

// The classic @pulumi/azure twins (6.40.0): FrontdoorFirewallPolicy (enabled, mode), FrontdoorEndpoint
// (cdnFrontdoorProfileId) and FrontdoorSecurityPolicy (securityPolicies.firewall { cdnFrontdoorFirewallPolicyId,
// association { domains [{ cdnFrontdoorDomainId }] } }).
describe(`${policy} (classic @pulumi/azure)`, () => {
    const web = classicFrontDoorEndpointWith();
    const api = classicFrontDoorEndpointWith(e => { e.name = "prod-api"; }, { name: "prod-api" });
    const coveringOnly = (...ids: unknown[]) => classicFrontDoorSecurityPolicyWith(sp => {
        sp.securityPolicies.firewall.association.domains = ids.map(cdnFrontdoorDomainId => ({ cdnFrontdoorDomainId }));
    });
    const classicUncovered = (name: string) => `FrontdoorEndpoint "${name}": no azure:cdn/frontdoorSecurityPolicy:FrontdoorSecurityPolicy with a securityPolicies.firewall.cdnFrontdoorFirewallPolicyId lists this endpoint in securityPolicies.firewall.association.domains[].cdnFrontdoorDomainId, so its traffic reaches the origin unfiltered; associate a Front Door firewall policy in Prevention mode with the endpoint.`;

    it("judges a classic firewall policy: enabled false and Detection mode fire in classic terms", async () => {
        assert.deepStrictEqual(await messages(policy, classicFrontDoorFirewallPolicyWith()), []);
        assert.deepStrictEqual(await messages(policy, classicFrontDoorFirewallPolicyWith(p => { delete p.enabled; })), [], "enabled defaults to true");
        assert.deepStrictEqual(await messages(policy, classicFrontDoorFirewallPolicyWith(p => { p.enabled = false; p.mode = "Detection"; })), [
            'FrontdoorFirewallPolicy "prodfdwaf": enabled is false, so the Front Door endpoints using this policy are unfiltered; set it to true.',
            'FrontdoorFirewallPolicy "prodfdwaf": mode is not Prevention, so attacks are only logged; set it to Prevention.',
        ]);
        assert.deepStrictEqual(await messages(policy, classicFrontDoorFirewallPolicyWith(p => { p.mode = UNKNOWN_STRING; })), []);
    });

    it("passes the hardened classic stack and fires on an endpoint that no security policy lists", async () => {
        assert.deepStrictEqual(await messages(policy, [classicFrontDoorProfileWith(), web, classicFrontDoorSecurityPolicyWith(), classicFrontDoorFirewallPolicyWith()]), []);
        assert.deepStrictEqual(await messages(policy, [web]), [classicUncovered("prod-web")]);
        assert.deepStrictEqual(await messages(policy, [web, api, classicFrontDoorSecurityPolicyWith()]), [classicUncovered("prod-api")]);
        assert.deepStrictEqual(await messages(policy, [web, api, coveringOnly(classicFrontDoorEndpointId(), classicFrontDoorEndpointId("prod-api"))]), []);
    });

    it("does not count a security policy without a firewall block or firewall policy id, or another profile's endpoint", async () => {
        assert.deepStrictEqual(await messages(policy, [web, classicFrontDoorSecurityPolicyWith(sp => { delete sp.securityPolicies.firewall.cdnFrontdoorFirewallPolicyId; })]), [classicUncovered("prod-web")]);
        assert.deepStrictEqual(await messages(policy, [web, classicFrontDoorSecurityPolicyWith(sp => { delete sp.securityPolicies; })]), [classicUncovered("prod-web")]);
        assert.deepStrictEqual(await messages(policy, [web, coveringOnly(classicFrontDoorEndpointId().replace("profiles/prod-fd", "profiles/other-fd"))]), [classicUncovered("prod-web")]);
    });

    it("links by dependency while ids are unknown during preview, deferring rather than passing when it cannot tell", async () => {
        assert.deepStrictEqual(await messages(policy, [web, dependingOn(coveringOnly(UNKNOWN_STRING), web)]), [], "depends on the endpoint");
        assert.deepStrictEqual(await messages(policy, [web, propertyDependingOn(coveringOnly(UNKNOWN_STRING), "securityPolicies", web)]), [], "securityPolicies depends on the endpoint");
        assert.deepStrictEqual(await messages(policy, [web, api, dependingOn(coveringOnly(UNKNOWN_STRING), api)]), [classicUncovered("prod-web")], "depends on another endpoint only");
        assert.deepStrictEqual(await messages(policy, [web, coveringOnly(UNKNOWN_STRING)]), [], "no dependency to tell: defers");
        assert.deepStrictEqual(await messages(policy, [web, classicFrontDoorSecurityPolicyWith(sp => { sp.securityPolicies = UNKNOWN_STRING; })]), []);
        const unknownProfile = classicFrontDoorEndpointWith(e => { e.cdnFrontdoorProfileId = UNKNOWN_STRING; });
        assert.deepStrictEqual(await messages(policy, [unknownProfile, classicFrontDoorSecurityPolicyWith()]), [], "the endpoint's profile is not known yet");
    });

    it("honours excludeResources by Pulumi or Azure name", async () => {
        assert.deepStrictEqual(await messages(policy, [web], { excludeResources: ["prod-web"] }), []);
        assert.deepStrictEqual(await messages(policy, [classicFrontDoorEndpointWith(e => { e.name = "azure-web"; })], { excludeResources: ["azure-web"] }), []);
    });
});
