// azure-defender-containers-plan
// A Defender for Cloud pricing for the Containers plan (azure-native:security:Pricing whose
// pricingName, else name, is "Containers", any case) has pricingTier Standard (any case): Free
// turns off runtime threat detection, vulnerability assessment and the Defender sensor.
// The classic @pulumi/azure azure:securitycenter/subscriptionPricing:SubscriptionPricing is judged
// alike: its plan is resourceType (which defaults to VirtualMachines, so an unset one is not the
// Containers plan) and its tier is tier (Free or Standard).
// A resource policy, not a stack requirement: the plan is a subscription-wide setting usually
// owned by a platform or landing-zone stack, so a cluster stack without a Pricing is not reported;
// every Containers Pricing that a stack does declare is judged. aks-defender-enabled checks the
// cluster side (the Defender profile with its workspace).
import { azureResourcePolicy } from "../lib/azure-resource";
import { get, sameIgnoringCase, UNKNOWN } from "../lib/values";

export const defenderContainersPlan = azureResourcePolicy({
    name: "azure-defender-containers-plan",
    practice: "9",
    description: "The Microsoft Defender for Containers plan must be on the Standard tier wherever a stack declares it.",
    enforcementLevel: "advisory",
    severity: "medium",
    remediationSteps: "Set pricingTier: \"Standard\" on the Containers pricing (azure-native:security:Pricing, pricingName \"Containers\") of the subscription that hosts the clusters (classic @pulumi/azure: tier: \"Standard\" on the SubscriptionPricing with resourceType \"Containers\").",
}, [["security", "Pricing", "pricingName"]], (pricing, _cfg, report) => {
    // The plan is named by pricingName (input), else by the name output, else by the Pulumi name.
    const named = get(pricing.props, "pricingName") ?? get(pricing.props, "name") ?? pricing.name;
    if (named === UNKNOWN || !sameIgnoringCase(named, "Containers")) return;
    const tier = get(pricing.props, "pricingTier");
    if (tier === UNKNOWN || sameIgnoringCase(tier, "Standard")) return;
    const field = pricing.fields("pricingTier").name;
    report(tier === undefined || tier === null
        ? `the Containers plan does not set ${field}; set it to Standard.`
        : `${field} of the Containers plan is not Standard; set it to Standard to turn Defender for Containers on.`);
});
