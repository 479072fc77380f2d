// acr-network-restricted. Cases from their sources:
// - Azure Policy built-in "Container registries should not allow unrestricted network access"
//   (d0793b48-0edc-4296-a390-4c75d1bdfd71, v2.0.0, Azure/azure-policy
//   built-in-policies/policyDefinitions/Container Registry/ACR_NetworkRulesExist_AuditDeny.json):
//   non-compliant when networkRuleSet.defaultAction is missing or Allow AND publicNetworkAccess is
//   missing or Enabled; either Deny or Disabled is compliant.
// - Azure Policy built-in "Container registries should have exports disabled"
//   (524b0254-c285-4903-bee6-bb8126cde579, v1.0.0, ACR_ExportPolicy_AuditDeny.json):
//   policies.exportPolicy.status must be disabled, which Azure allows only with publicNetworkAccess
//   Disabled. SPEC narrows it to registries whose public access is off (the other half is the rule above).
// - Checkov CKV_AZURE_139 "Ensure ACR set to disable public networking" (ARM check reads
//   properties/publicNetworkAccess; its Terraform fixtures: public_network_access_enabled = false
//   passes, true fails, unset fails because the default is true).
// - @pulumi/azure 6.40.0 RegistryArgs docs: publicNetworkAccessEnabled and exportPolicyEnabled default to true.
import * as assert from "assert";
import { UNKNOWN_STRING } from "../../../harness";
import { classicRegistryWith } from "../../support/azure-classic";
import { messages, PolicyContract } from "../../support/util";

const policy = "acr-network-restricted";
const registry = (props: Record<string, unknown>, type = "azure-native:containerregistry:Registry") =>
    ({ type, name: "acr", props: { registryName: "prodacr", resourceGroupName: "rg", sku: { name: "Premium" }, ...props } });
const closed = { publicNetworkAccess: "Disabled", policies: { exportPolicy: { status: "disabled" } } };

const OPEN = 'Registry "acr": accepts connections from every network (publicNetworkAccess leaves the public endpoint on and networkRuleSet.defaultAction is not Deny); '
    + "set publicNetworkAccess to Disabled and pull through a private endpoint, or set networkRuleSet.defaultAction to Deny with ipRules for the networks that pull (Premium SKU).";

export const contract: PolicyContract = {
    policy,
    bad: [registry({ publicNetworkAccess: "Enabled" })],
    target: 0,
    field: ["publicNetworkAccess"],
};

describe(policy, () => {
    it("fires on a registry open to every network: public access Enabled or unset, no Deny rule set (Azure Policy d0793b48, CKV_AZURE_139)", async () => {
        assert.deepStrictEqual(await messages(policy, registry({ publicNetworkAccess: "Enabled" })), [OPEN]);
        assert.deepStrictEqual(await messages(policy, registry({})), [OPEN], "unset is Azure's default, Enabled");
        assert.deepStrictEqual(await messages(policy, registry({ networkRuleSet: { defaultAction: "Allow" } })), [OPEN]);
        assert.deepStrictEqual(await messages(policy, registry({ publicNetworkAccess: "Enabled", networkRuleSet: { defaultAction: "Allow", ipRules: [{ action: "Allow", iPAddressOrRange: "203.0.113.0/24" }] } })), [OPEN],
            "ip rules under an Allow default restrict nothing");
    });

    it("passes a firewall that denies by default, with public access on (the exports rule then does not apply)", async () => {
        assert.deepStrictEqual(await messages(policy, registry({ networkRuleSet: { defaultAction: "Deny", ipRules: [{ action: "Allow", iPAddressOrRange: "203.0.113.0/24" }] } })), []);
        assert.deepStrictEqual(await messages(policy, registry({ publicNetworkAccess: "Enabled", networkRuleSet: { defaultAction: "deny" } })), [], "enums compare ignoring case");
    });

    it("passes public access Disabled with exports disabled (Azure Policy 524b0254)", async () => {
        assert.deepStrictEqual(await messages(policy, registry(closed)), []);
        assert.deepStrictEqual(await messages(policy, registry({ publicNetworkAccess: "disabled", policies: { exportPolicy: { status: "Disabled" } } })), []);
    });

    it("fires when public access is off but exports stay enabled, or are left at Azure's default", async () => {
        assert.deepStrictEqual(await messages(policy, registry({ publicNetworkAccess: "Disabled" })), [
            'Registry "acr": has its public endpoint off but leaves policies.exportPolicy.status at Azure\'s default (enabled), so az acr import and acr transfer can still move its artifacts out; set it to disabled.',
        ]);
        assert.deepStrictEqual(await messages(policy, registry({ publicNetworkAccess: "Disabled", policies: { exportPolicy: { status: "enabled" } } })), [
            'Registry "acr": has its public endpoint off but does not set policies.exportPolicy.status to disabled, so az acr import and acr transfer can still move its artifacts out; set it to disabled.',
        ]);
        assert.strictEqual((await messages(policy, registry({ publicNetworkAccess: "Disabled", policies: { retentionPolicy: { status: "enabled" } } }))).length, 1, "another policy block says nothing of exports");
    });

    it("defers what is unknown and still reports what is known", async () => {
        assert.deepStrictEqual(await messages(policy, registry({ publicNetworkAccess: UNKNOWN_STRING })), []);
        assert.deepStrictEqual(await messages(policy, registry({ networkRuleSet: UNKNOWN_STRING })), []);
        assert.deepStrictEqual(await messages(policy, registry({ publicNetworkAccess: "Disabled", policies: UNKNOWN_STRING })), []);
        assert.deepStrictEqual(await messages(policy, registry({ publicNetworkAccess: UNKNOWN_STRING, networkRuleSet: { defaultAction: "Deny" } })), [], "denied by default whatever public access turns out to be");
        assert.deepStrictEqual(await messages(policy, registry({ publicNetworkAccess: "Enabled", policies: UNKNOWN_STRING })), [OPEN]);
    });

    it("judges the classic @pulumi/azure Registry, naming its fields", async () => {
        assert.deepStrictEqual(await messages(policy, classicRegistryWith()), []);
        assert.deepStrictEqual(await messages(policy, classicRegistryWith(r => { delete r.publicNetworkAccessEnabled; })), [
            'Registry "prod-acr": accepts connections from every network (publicNetworkAccessEnabled leaves the public endpoint on and networkRuleSet.defaultAction is not Deny); '
            + "set publicNetworkAccessEnabled to false and pull through a private endpoint, or set networkRuleSet.defaultAction to Deny with ipRules for the networks that pull (Premium SKU).",
        ]);
        assert.deepStrictEqual(await messages(policy, classicRegistryWith(r => { r.publicNetworkAccessEnabled = true; r.networkRuleSet = { defaultAction: "Deny" }; })), []);
        assert.deepStrictEqual(await messages(policy, classicRegistryWith(r => { delete r.exportPolicyEnabled; })), [
            'Registry "prod-acr": has its public endpoint off but leaves exportPolicyEnabled at Azure\'s default (enabled), so az acr import and acr transfer can still move its artifacts out; set it to false.',
        ]);
        assert.strictEqual((await messages(policy, classicRegistryWith(r => { r.exportPolicyEnabled = true; }))).length, 1);
    });

    it("matches every API version of the registry type and ignores other types", async () => {
        for (const type of ["azure-native:containerregistry/v20230701:Registry", "azure-native:containerregistry/v20250501preview:Registry"]) {
            assert.strictEqual((await messages(policy, registry({}, type))).length, 1, type);
        }
        assert.deepStrictEqual(await messages(policy, registry({}, "azure-native:containerregistry:Webhook")), []);
    });

    it("honours excludeResources by the Pulumi name and the Azure name", async () => {
        assert.deepStrictEqual(await messages(policy, registry({}), { excludeResources: ["ac*"] }), []);
        assert.deepStrictEqual(await messages(policy, registry({}), { excludeResources: ["prodacr"] }), []);
    });
});
