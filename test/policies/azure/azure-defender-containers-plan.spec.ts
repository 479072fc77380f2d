import * as assert from "assert";
import { UNKNOWN_STRING } from "../../../harness";
import { classicSubscriptionPricingWith } from "../../support/azure-classic";
import { messages, PolicyContract } from "../../support/util";

const policy = "azure-defender-containers-plan";
const pricing = (props: Record<string, unknown>, opts: { type?: string; name?: string } = {}) =>
    ({ type: opts.type ?? "azure-native:security:Pricing", name: opts.name ?? "defender-containers", props: { scopeId: "/subscriptions/0000", ...props } });

export const contract: PolicyContract = {
    policy,
    bad: [pricing({ pricingName: "Containers", pricingTier: "Free" })],
    target: 0,
    field: ["pricingTier"],
};

describe(policy, () => {
    it("fires when the Containers plan is on the Free tier, without echoing the value", async () => {
        assert.deepStrictEqual(await messages(policy, pricing({ pricingName: "Containers", pricingTier: "Free" })),
            ['Pricing "defender-containers": pricingTier of the Containers plan is not Standard; set it to Standard to turn Defender for Containers on.']);
    });

    it("passes the Standard tier, compared case-insensitively, on the plan name in any case", async () => {
        assert.deepStrictEqual(await messages(policy, pricing({ pricingName: "Containers", pricingTier: "Standard" })), []);
        assert.deepStrictEqual(await messages(policy, pricing({ pricingName: "containers", pricingTier: "standard" })), []);
        assert.strictEqual((await messages(policy, pricing({ pricingName: "CONTAINERS", pricingTier: "free" }))).length, 1);
    });

    it("fires when the Containers plan leaves pricingTier unset", async () => {
        assert.deepStrictEqual(await messages(policy, pricing({ pricingName: "Containers" })),
            ['Pricing "defender-containers": the Containers plan does not set pricingTier; set it to Standard.']);
    });

    it("finds the plan by its name output, else by the Pulumi resource name", async () => {
        assert.strictEqual((await messages(policy, pricing({ name: "Containers", pricingTier: "Free" }))).length, 1);
        assert.strictEqual((await messages(policy, pricing({ pricingTier: "Free" }, { name: "Containers" }))).length, 1);
    });

    it("does not judge other Defender plans", async () => {
        for (const pricingName of ["VirtualMachines", "KeyVaults", "StorageAccounts"]) {
            assert.deepStrictEqual(await messages(policy, pricing({ pricingName, pricingTier: "Free" })), [], pricingName);
        }
    });

    it("defers an unknown tier or an unknown plan name", async () => {
        assert.deepStrictEqual(await messages(policy, pricing({ pricingName: "Containers", pricingTier: UNKNOWN_STRING })), []);
        assert.deepStrictEqual(await messages(policy, pricing({ pricingName: UNKNOWN_STRING, pricingTier: "Free" })), []);
    });

    it("still fires when an unrelated field is unknown", async () => {
        assert.strictEqual((await messages(policy, pricing({ pricingName: "Containers", pricingTier: "Free", subPlan: UNKNOWN_STRING }))).length, 1);
    });

    it("does not require a Pricing in the stack (the plan is subscription-wide)", async () => {
        const cluster = { type: "azure-native:containerservice:ManagedCluster", name: "aks", props: { resourceGroupName: "rg" } };
        assert.deepStrictEqual(await messages(policy, [cluster]), []);
    });

    it("matches versioned Pricing tokens", async () => {
        for (const type of ["azure-native:security/v20240101:Pricing", "azure-native:security/v20230101:Pricing"]) {
            assert.strictEqual((await messages(policy, pricing({ pricingName: "Containers", pricingTier: "Free" }, { type }))).length, 1, type);
        }
    });

    it("honours excludeResources", async () => {
        assert.deepStrictEqual(await messages(policy, pricing({ pricingName: "Containers", pricingTier: "Free" }), { excludeResources: ["defender-*"] }), []);
    });

    // The classic @pulumi/azure 6.40.0 SubscriptionPricing: resourceType (default VirtualMachines) and tier (Free or Standard).
    describe("classic SubscriptionPricing", () => {
        const classic = classicSubscriptionPricingWith;
        it("passes the Containers plan on the Standard tier, in any case", async () => {
            assert.deepStrictEqual(await messages(policy, classic()), []);
            assert.deepStrictEqual(await messages(policy, classic(p => { p.resourceType = "containers"; p.tier = "standard"; })), []);
        });

        it("fires on the Free tier naming tier, and on an unset tier", async () => {
            assert.deepStrictEqual(await messages(policy, classic(p => { p.tier = "Free"; })),
                ['SubscriptionPricing "defender-containers": tier of the Containers plan is not Standard; set it to Standard to turn Defender for Containers on.']);
            assert.strictEqual((await messages(policy, classic(p => { p.resourceType = "CONTAINERS"; p.tier = "free"; }))).length, 1);
            assert.deepStrictEqual(await messages(policy, classic(p => { delete p.tier; })),
                ['SubscriptionPricing "defender-containers": the Containers plan does not set tier; set it to Standard.']);
        });

        it("does not judge other plans, nor an unset resourceType (the VirtualMachines plan), whatever the resource is called", async () => {
            for (const resourceType of ["VirtualMachines", "KeyVaults", "KubernetesService"]) {
                assert.deepStrictEqual(await messages(policy, classic(p => { p.resourceType = resourceType; p.tier = "Free"; })), [], resourceType);
            }
            assert.deepStrictEqual(await messages(policy, classic(p => { delete p.resourceType; p.tier = "Free"; }, { name: "Containers" })), []);
        });

        it("defers an unknown tier or resourceType and still fires when only the extensions are unknown", async () => {
            assert.deepStrictEqual(await messages(policy, classic(p => { p.tier = UNKNOWN_STRING; })), []);
            assert.deepStrictEqual(await messages(policy, classic(p => { p.resourceType = UNKNOWN_STRING; p.tier = "Free"; })), []);
            assert.strictEqual((await messages(policy, classic(p => { p.tier = "Free"; p.extensions = UNKNOWN_STRING; p.subplan = UNKNOWN_STRING; }))).length, 1);
        });

        it("honours excludeResources", async () => {
            assert.deepStrictEqual(await messages(policy, classic(p => { p.tier = "Free"; }), { excludeResources: ["defender-*"] }), []);
        });
    });
});
