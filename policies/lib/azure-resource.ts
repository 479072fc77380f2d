// The Azure resource view for policies on one azure-native resource that is not a cluster
// (container registries, Defender pricings, application gateways, WAF policies): the type matched
// in every API version, the resource's raw properties, and how messages name it.
import type { ReportViolation, ResourceValidationArgs, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { azureLanding, isExempt } from "./exemptions";
import { AksGuardPolicy, Config, ConfigSchema, configOf, PolicyMetadata, Report, withMetadata } from "./policy";
import { isAzureType } from "./tokens";
import { get, Obj, rawProps, sameIgnoringCase, str, UNKNOWN } from "./values";

/**
 * An azure-native type: `["containerregistry", "Registry", "registryName"]` is
 * `azure-native:containerregistry:Registry` in any version, whose Azure name is in `registryName`.
 */
export type AzureType = readonly [module: string, type: string, nameProperty?: string];

export interface AzureResource {
    /** The matched type name (`Registry`). */
    kind: string;
    /** The Pulumi resource name. */
    name: string;
    /** The property that holds the Azure name, when the type has one. */
    nameProperty?: string;
    /** The Azure name (the type's name property), when known. */
    azureName?: string;
    props: Obj;
    /** `Registry "acr"`: how messages name the resource. */
    label: string;
}

/** The resource seen through `types`, or undefined when its type is none of them. */
export function azureResource(type: string, props: Obj, name: string, types: readonly AzureType[]): AzureResource | undefined {
    const t = types.find(([module, kind]) => isAzureType(type, module, kind));
    if (!t) return undefined;
    const azureName = t[2] === undefined ? undefined : str(props, t[2]);
    return { kind: t[1], name, nameProperty: t[2], azureName, props, label: `${t[1]} "${name}"` };
}

/**
 * A rule over single azure-native resources of the given types (default token and every
 * versioned one). Exempted by `excludeResources` on the Pulumi resource name or the Azure name.
 */
export function azureResourcePolicy<S extends ConfigSchema = {}>(
    info: PolicyMetadata<S>,
    types: readonly AzureType[],
    check: (r: AzureResource, cfg: Config<S>, report: Report) => void,
): ResourceValidationPolicy & AksGuardPolicy {
    return withMetadata(info, false, {
        validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
            const props = rawProps(args.props);
            const r = azureResource(args.type, props, args.name, types);
            if (!r) return;
            const cfg = configOf(info, args);
            if (isExempt(cfg, azureLanding(args.name, args.type, props, r.nameProperty))) return;
            check(r, cfg, message => reportViolation(`${r.label}: ${message}`));
        },
        judges: (type: string) => types.some(([module, kind]) => isAzureType(type, module, kind)),
    });
}

export { isFalse, isTrue } from "./values";

/**
 * One policy that judges single resources (Analyze) and the whole stack (AnalyzeStack): the
 * engine runs validateResource for each resource and validateStack once, under one name and level.
 */
export function resourceAndStackPolicy(
    resource: ResourceValidationPolicy & AksGuardPolicy,
    stack: StackValidationPolicy & AksGuardPolicy,
): ResourceValidationPolicy & StackValidationPolicy & AksGuardPolicy {
    return { ...resource, validateStack: stack.validateStack };
}

/**
 * A WAF policy's `policySettings`, as Application Gateway and Front Door WAF policies share them:
 * its state (`stateField`) is Enabled and its mode Prevention (unset or Detection only logs).
 * `guarded` names what goes unfiltered when it is off; `unsetMode` follows "is unset" and says what that means.
 */
export function judgeWafPolicySettings(props: Obj, stateField: string, guarded: string, unsetMode: string, report: Report): void {
    const state = get(props, "policySettings", stateField);
    if (state !== UNKNOWN && state !== undefined && state !== null && !sameIgnoringCase(state, "Enabled")) {
        report(`policySettings.${stateField} is not Enabled, so ${guarded}; set it to Enabled.`);
    }
    const mode = get(props, "policySettings", "mode");
    if (mode === undefined || mode === null) {
        report(`policySettings.mode is unset${unsetMode}; set it to Prevention.`);
    } else if (mode !== UNKNOWN && !sameIgnoringCase(mode, "Prevention")) {
        report("policySettings.mode is not Prevention, so attacks are only logged; set it to Prevention.");
    }
}
