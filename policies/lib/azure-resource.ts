// The Azure resource view for policies on one resource that is not a cluster (container
// registries, Defender pricings, application gateways, WAF policies): the azure-native type
// matched in every API version, or its classic `@pulumi/azure` twin adapted to the azure-native
// shape (azure-classic.ts, for the kinds it maps), the properties, and how messages name it.
import type { ReportViolation, ResourceValidationArgs, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { azureLanding, isExempt } from "./exemptions";
import { AksGuardPolicy, Config, ConfigSchema, configOf, exemptedReason, judgeResource, notAKindReason, notApplicable, outsideIs, PolicyMetadata, Report, withMetadata } from "./policy";
import { classicTwinOf, classicTwinTokens, classicTypeName } from "./azure-classic";
import { FieldNames, nativeFields } from "./azure-view";
import { declaredFilter, isAzureType, TypePattern } from "./tokens";
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
    /** The properties in the neutral (azure-native) shape. */
    props: Obj;
    /** How the user wrote each field of `props` (messages name that). */
    fields: FieldNames;
    /** `Registry "acr"`: how messages name the resource. */
    label: string;
    /** True for a classic `@pulumi/azure` twin (its fields were adapted). */
    classic: boolean;
}

/** The resource seen through `types`, or undefined when its type is none of them. */
export function azureResource(type: string, raw: Obj, name: string, types: readonly AzureType[]): AzureResource | undefined {
    const native = types.find(([module, kind]) => isAzureType(type, module, kind));
    const t = native ?? types.find(([module, kind]) => classicTwinOf(module, kind, type));
    if (!t) return undefined;
    const { props, fields } = native ? { props: raw, fields: nativeFields } : classicTwinOf(t[0], t[1], type)!.adapt(raw);
    const azureName = t[2] === undefined ? undefined : str(props, t[2]);
    return { kind: t[1], name, nameProperty: t[2], azureName, props, fields, label: `${classicTypeName(type)} "${name}"`, classic: !native };
}

/** True when `type` is one of `types` (any API version) or the classic twin of one. */
export function judgesAzureType(type: string, types: readonly AzureType[]): boolean {
    return types.some(([module, kind]) => isAzureType(type, module, kind) || classicTwinOf(module, kind, type) !== undefined);
}

/** The declared patterns of `types`: each azure-native type (any API version) and its classic twins. */
export function azureTypePatterns(types: readonly AzureType[]): TypePattern[] {
    return types.flatMap(([module, kind]) => [`azure-native:${module}:${kind}`, ...classicTwinTokens(module, kind)]);
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
    const notAKind = (type: string) => notAKindReason(info.name, type);
    const policy = withMetadata(info, false, {
        validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
            const props = rawProps(args.props);
            const r = azureResource(args.type, props, args.name, types);
            if (!r) return notApplicable(args, notAKind(args.type));
            const cfg = configOf(info, args);
            if (isExempt(cfg, azureLanding(args.name, args.type, r.props, r.nameProperty))) return notApplicable(args, exemptedReason(info.name, "excludeResources"));
            judgeResource(args, reportViolation, report => check(r, cfg, message => report(`${r.label}: ${message}`)), r.props);
        },
        judges: declaredFilter(azureTypePatterns(types), type => judgesAzureType(type, types)),
    });
    return outsideIs(policy, notAKind);
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
    return { ...resource, validateStack: stack.validateStack, reads: stack.reads };
}

/**
 * A WAF policy's `policySettings`, as Application Gateway and Front Door WAF policies share them:
 * its state (`stateField`) is Enabled and its mode Prevention (unset or Detection only logs).
 * `guarded` names what goes unfiltered when it is off; `unsetMode` follows "is unset" and says what that means.
 * Messages name the fields as `fields` says they were written (a classic boolean `enabled`, whose
 * mapping carries its fix, is reported as false).
 */
export function judgeWafPolicySettings(props: Obj, fields: FieldNames, stateField: string, guarded: string, unsetMode: string, report: Report): void {
    const state = get(props, "policySettings", stateField);
    if (state !== UNKNOWN && state !== undefined && state !== null && !sameIgnoringCase(state, "Enabled")) {
        const src = fields(`policySettings.${stateField}`);
        report(src.fix === undefined
            ? `${src.name} is not Enabled, so ${guarded}; set it to Enabled.`
            : `${src.name} is false, so ${guarded}; ${src.fix}.`);
    }
    const mode = get(props, "policySettings", "mode");
    const modeName = fields("policySettings.mode").name;
    if (mode === undefined || mode === null) {
        report(`${modeName} is unset${unsetMode}; set it to Prevention.`);
    } else if (mode !== UNKNOWN && !sameIgnoringCase(mode, "Prevention")) {
        report(`${modeName} is not Prevention, so attacks are only logged; set it to Prevention.`);
    }
}
