import * as assert from "assert";
import { UNKNOWN_STRING } from "../../../harness";
import { classicAppGatewayWith, classicWafPolicyWith } from "../../support/azure-classic";
import { messages, mutate, PolicyContract } from "../../support/util";

const policy = "azure-app-gateway-waf";
const gateway = (props: Record<string, unknown>, type = "azure-native:network:ApplicationGateway") =>
    ({ type, name: "agw", props: { resourceGroupName: "rg", ...props } });
const wafV2 = { name: "WAF_v2", tier: "WAF_v2", capacity: 2 };
const wafConfig = { enabled: true, firewallMode: "Prevention", ruleSetType: "OWASP", ruleSetVersion: "3.2" };
const wafPolicy = (policySettings?: Record<string, unknown>) =>
    ({ type: "azure-native:network:WebApplicationFirewallPolicy", name: "waf", props: { resourceGroupName: "rg", managedRules: { managedRuleSets: [{ ruleSetType: "OWASP", ruleSetVersion: "3.2" }] }, ...(policySettings ? { policySettings } : {}) } });

export const contract: PolicyContract = {
    policy,
    bad: [gateway({ sku: wafV2, webApplicationFirewallConfiguration: { ...wafConfig, firewallMode: "Detection" } })],
    target: 0,
    field: ["webApplicationFirewallConfiguration", "firewallMode"],
};

describe(policy, () => {
    it("passes WAF_v2 with a WAF policy reference", async () => {
        assert.deepStrictEqual(await messages(policy, gateway({ sku: wafV2, firewallPolicy: { id: "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies/waf" } })), []);
    });

    it("passes WAF_v2 with the WAF configuration enabled in Prevention mode (any case)", async () => {
        assert.deepStrictEqual(await messages(policy, gateway({ sku: wafV2, webApplicationFirewallConfiguration: wafConfig })), []);
        assert.deepStrictEqual(await messages(policy, gateway({ sku: { name: "waf_v2", tier: "waf_v2" }, webApplicationFirewallConfiguration: { ...wafConfig, firewallMode: "prevention" } })), []);
    });

    it("fires on a Standard_v2 gateway without WAF, naming both gaps", async () => {
        assert.deepStrictEqual(await messages(policy, gateway({ sku: { name: "Standard_v2", tier: "Standard_v2" } })), [
            'ApplicationGateway "agw": sku.tier is not WAF_v2, so no Web Application Firewall can run; set sku.name and sku.tier to WAF_v2.',
            'ApplicationGateway "agw": references no WAF policy (firewallPolicy.id) and has no webApplicationFirewallConfiguration; attach a WAF policy (firewallPolicy.id) in Prevention mode.',
        ]);
    });

    it("fires on the retired WAF (v1) tier even with a WAF configuration", async () => {
        assert.deepStrictEqual(await messages(policy, gateway({ sku: { name: "WAF_Medium", tier: "WAF" }, webApplicationFirewallConfiguration: wafConfig })),
            ['ApplicationGateway "agw": sku.tier is not WAF_v2, so no Web Application Firewall can run; set sku.name and sku.tier to WAF_v2.']);
    });

    it("fires when the WAF configuration is in Detection mode or disabled, without echoing the mode", async () => {
        const m = await messages(policy, gateway({ sku: wafV2, webApplicationFirewallConfiguration: { ...wafConfig, enabled: false, firewallMode: "Detection" } }));
        assert.deepStrictEqual(m, [
            'ApplicationGateway "agw": webApplicationFirewallConfiguration.enabled is not true; set it to true (or attach a WAF policy with firewallPolicy.id).',
            'ApplicationGateway "agw": webApplicationFirewallConfiguration.firewallMode is not Prevention, so attacks are only logged; set it to Prevention.',
        ]);
    });

    it("fires when no sku is set", async () => {
        assert.deepStrictEqual(await messages(policy, gateway({ firewallPolicy: { id: "/x" } })),
            ['ApplicationGateway "agw": does not set sku.tier; set sku.name and sku.tier to WAF_v2.']);
    });

    it("defers unknown values and still reports a known gap beside them", async () => {
        assert.deepStrictEqual(await messages(policy, gateway({ sku: wafV2, firewallPolicy: { id: UNKNOWN_STRING } })), []);
        assert.deepStrictEqual(await messages(policy, gateway({ sku: UNKNOWN_STRING, webApplicationFirewallConfiguration: UNKNOWN_STRING })), []);
        const m = await messages(policy, gateway({ sku: UNKNOWN_STRING, webApplicationFirewallConfiguration: { ...wafConfig, firewallMode: "Detection", enabled: UNKNOWN_STRING } }));
        assert.strictEqual(m.length, 1);
        assert.match(m[0], /firewallMode is not Prevention/);
    });

    it("judges a WAF policy: enabled and in Prevention mode", async () => {
        assert.deepStrictEqual(await messages(policy, wafPolicy({ state: "Enabled", mode: "Prevention" })), []);
        assert.deepStrictEqual(await messages(policy, wafPolicy({ state: "Disabled", mode: "Detection" })), [
            'WebApplicationFirewallPolicy "waf": policySettings.state is not Enabled, so the gateways using this policy are unprotected; set it to Enabled.',
            'WebApplicationFirewallPolicy "waf": policySettings.mode is not Prevention, so attacks are only logged; set it to Prevention.',
        ]);
    });

    it("reads an unset WAF policy mode as Azure's default, Detection", async () => {
        assert.deepStrictEqual(await messages(policy, wafPolicy()),
            ['WebApplicationFirewallPolicy "waf": policySettings.mode is unset (Azure\'s default, Detection, only logs attacks); set it to Prevention.']);
        assert.deepStrictEqual(await messages(policy, wafPolicy({ mode: UNKNOWN_STRING, state: UNKNOWN_STRING })), []);
    });

    it("matches versioned tokens", async () => {
        const bad = gateway({ sku: { name: "Standard_v2", tier: "Standard_v2" }, firewallPolicy: { id: "/x" } });
        for (const type of ["azure-native:network/v20240501:ApplicationGateway", "azure-native:network/v20230201:ApplicationGateway"]) {
            assert.strictEqual((await messages(policy, mutate(bad, b => { b.type = type; }))).length, 1, type);
        }
        assert.strictEqual((await messages(policy, mutate(wafPolicy({ state: "Disabled", mode: "Prevention" }), w => { w.type = "azure-native:network/v20240501:WebApplicationFirewallPolicy"; }))).length, 1);
    });

    it("honours excludeResources", async () => {
        assert.deepStrictEqual(await messages(policy, gateway({ sku: { tier: "Standard_v2" } }), { excludeResources: ["agw"] }), []);
    });
});

// The classic @pulumi/azure twins (6.40.0): ApplicationGateway (firewallPolicyId, wafConfiguration)
// and waf Policy (policySettings { enabled, mode }; mode defaults to Prevention once the block is declared).
describe(`${policy} (classic @pulumi/azure)`, () => {
    const detection = { enabled: true, firewallMode: "Detection", ruleSetType: "OWASP", ruleSetVersion: "3.2" };

    it("passes the hardened classic gateway (WAF_v2 with firewallPolicyId) and WAF policy", async () => {
        assert.deepStrictEqual(await messages(policy, [classicAppGatewayWith(), classicWafPolicyWith()]), []);
        assert.deepStrictEqual(await messages(policy, classicAppGatewayWith(g => { delete g.firewallPolicyId; g.wafConfiguration = { ...detection, firewallMode: "Prevention" }; })), []);
    });

    it("fires on a Standard_v2 gateway with no WAF policy linked, naming firewallPolicyId and wafConfiguration", async () => {
        assert.deepStrictEqual(await messages(policy, classicAppGatewayWith(g => { g.sku = { name: "Standard_v2", tier: "Standard_v2", capacity: 2 }; delete g.firewallPolicyId; })), [
            'ApplicationGateway "prod-agw": sku.tier is not WAF_v2, so no Web Application Firewall can run; set sku.name and sku.tier to WAF_v2.',
            'ApplicationGateway "prod-agw": references no WAF policy (firewallPolicyId) and has no wafConfiguration; attach a WAF policy (firewallPolicyId) in Prevention mode.',
        ]);
    });

    it("fires on a wafConfiguration in Detection mode or disabled, naming the classic block", async () => {
        assert.deepStrictEqual(await messages(policy, classicAppGatewayWith(g => { delete g.firewallPolicyId; g.wafConfiguration = { ...detection, enabled: false }; })), [
            'ApplicationGateway "prod-agw": wafConfiguration.enabled is not true; set it to true (or attach a WAF policy with firewallPolicyId).',
            'ApplicationGateway "prod-agw": wafConfiguration.firewallMode is not Prevention, so attacks are only logged; set it to Prevention.',
        ]);
    });

    it("defers while firewallPolicyId or wafConfiguration is unknown", async () => {
        assert.deepStrictEqual(await messages(policy, classicAppGatewayWith(g => { g.firewallPolicyId = UNKNOWN_STRING; })), []);
        assert.deepStrictEqual(await messages(policy, classicAppGatewayWith(g => { delete g.firewallPolicyId; g.wafConfiguration = UNKNOWN_STRING; })), []);
    });

    it("judges a classic WAF policy: policySettings.enabled false and Detection mode fire in classic terms", async () => {
        assert.deepStrictEqual(await messages(policy, classicWafPolicyWith(w => { w.policySettings = { enabled: false, mode: "Detection" }; })), [
            'Policy "prod-agw-waf": policySettings.enabled is false, so the gateways using this policy are unprotected; set it to true.',
            'Policy "prod-agw-waf": policySettings.mode is not Prevention, so attacks are only logged; set it to Prevention.',
        ]);
        assert.deepStrictEqual(await messages(policy, classicWafPolicyWith(w => { w.policySettings = { enabled: UNKNOWN_STRING, mode: UNKNOWN_STRING }; })), []);
        assert.deepStrictEqual(await messages(policy, classicWafPolicyWith(w => { w.policySettings = UNKNOWN_STRING; })), []);
    });

    it("reads a declared policySettings without mode as the provider's default, Prevention, and no block as Azure's default", async () => {
        assert.deepStrictEqual(await messages(policy, classicWafPolicyWith(w => { w.policySettings = { enabled: true }; })), []);
        assert.deepStrictEqual(await messages(policy, classicWafPolicyWith(w => { delete w.policySettings; })),
            ['Policy "prod-agw-waf": policySettings.mode is unset (Azure\'s default, Detection, only logs attacks); set it to Prevention.']);
    });

    it("honours excludeResources by Pulumi or Azure name", async () => {
        const bad = classicWafPolicyWith(w => { w.policySettings.mode = "Detection"; }, { name: "waf" });
        assert.strictEqual((await messages(policy, bad)).length, 1);
        assert.deepStrictEqual(await messages(policy, bad, { excludeResources: ["prod-agw-waf"] }), []);
    });
});
