// How a rule becomes a Pulumi policy: metadata (severity, practice tag, framework, README link),
// config schema with the common exemption keys, and the walk from a resource to the views a rule
// judges. A policy file states the rule; everything else is here.
import type {
    EnforcementLevel, PolicyResource, ReportViolation, ResourceValidationArgs,
    ResourceValidationPolicy, Severity, StackValidationPolicy,
} from "@pulumi/policy";
import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { effectiveNamespace, K8sObject, k8sObjects, landingNamespace, ProviderRef } from "./k8s";
import { cloneProps } from "./remediate";
import { KindGroups } from "./tokens";
import { Obj, rawProps, UNKNOWN } from "./values";
import { PodView, podViews } from "./workload";

/** Where the README with one section per policy lives; each policy's `url` points at its section. */
export const DOCS_URL = "https://github.com/aks-guard/aks-guard/blob/main/README.md";

/** The twelve practices of "Best practices to harden your AKS environment", plus extras. */
export const PRACTICES = {
    "1": "Harden the application",
    "2": "Harden container images",
    "3": "Scan images; use trusted and fresh images",
    "4": "Harden Kubernetes deployments",
    "5": "Set memory requests and limits",
    "6.1": "Namespace isolation: RBAC",
    "6.2": "Namespace isolation: network policies and node-pool segregation",
    "7": "Layer-7 protection: service mesh or Dapr with mTLS",
    "8": "Azure Policy (Gatekeeper, audit then deny, allowed registries)",
    "9": "Microsoft Defender for Containers",
    "10": "Private API server",
    "11.1": "Cluster boundaries: ingress",
    "11.2": "Cluster boundaries: egress",
    "12": "Consistency across clusters",
    "extra": "Additional AKS hardening",
} as const;
export type Practice = keyof typeof PRACTICES;

export interface PolicyInfo {
    name: string;
    practice: Practice;
    description: string;
    enforcementLevel: Extract<EnforcementLevel, "mandatory" | "advisory">;
    severity: Severity;
    remediationSteps: string;
    /** The policy's own config keys, each with its default. */
    config?: Record<string, PolicyConfigJSONSchema>;
}

/** The keys every policy takes; Kubernetes policies also take excludeNamespaces. */
export interface CommonConfig {
    excludeResources: string[];
    excludeNamespaces: string[];
}

const stringList = (description: string): PolicyConfigJSONSchema =>
    ({ type: "array", items: { type: "string" }, default: [], description });

const EXCLUDE_RESOURCES = stringList("Globs on the Pulumi resource name or on namespace/name that this policy does not judge.");
const EXCLUDE_NAMESPACES = stringList("Namespaces (globs) whose resources this policy does not judge.");

export type AksGuardPolicy = (ResourceValidationPolicy | StackValidationPolicy) & { practice: Practice };

/** The Pulumi policy object with the common metadata and config schema. */
export function withMetadata<T extends object>(info: PolicyInfo, kubernetes: boolean, body: T): T & AksGuardPolicy {
    const properties: Record<string, PolicyConfigJSONSchema> = { ...info.config, excludeResources: EXCLUDE_RESOURCES };
    if (kubernetes) properties.excludeNamespaces = EXCLUDE_NAMESPACES;
    const major = info.practice.split(".")[0];
    const tags = [`practice-${major}`, kubernetes ? "kubernetes" : "azure"];
    if (info.practice !== major) tags.splice(1, 0, `practice-${info.practice}`);
    return {
        name: info.name,
        description: info.description,
        enforcementLevel: info.enforcementLevel,
        severity: info.severity,
        remediationSteps: info.remediationSteps,
        url: `${DOCS_URL}#${info.name}`,
        tags,
        framework: {
            name: "AKS hardening practices",
            version: "1",
            reference: `practice ${info.practice}`,
            specification: PRACTICES[info.practice],
        },
        configSchema: { properties },
        practice: info.practice,
        ...body,
    } as T & AksGuardPolicy;
}

/** The policy's config: schema defaults overlaid with what the engine configured. */
export function configOf<C>(info: PolicyInfo, args: { getConfig<T extends object>(): T }): C & CommonConfig {
    const out: Record<string, unknown> = { excludeResources: [], excludeNamespaces: [] };
    for (const [k, schema] of Object.entries(info.config ?? {})) out[k] = schema.default;
    for (const [k, v] of Object.entries(args.getConfig<Obj>() ?? {})) if (v !== undefined && v !== null) out[k] = v;
    return out as C & CommonConfig;
}

/**
 * Shell-style glob (`*`, `?`) over the whole value, in at most pattern × value steps: patterns
 * come from config but values from resources, so no RegExp that could backtrack exponentially.
 */
export function globMatch(pattern: string, value: string): boolean {
    let p = 0, v = 0, star = -1, resume = 0;
    while (v < value.length) {
        if (p < pattern.length && (pattern[p] === "?" || pattern[p] === value[v])) { p++; v++; }
        else if (p < pattern.length && pattern[p] === "*") { star = p++; resume = v; }
        else if (star >= 0) { p = star + 1; v = ++resume; }
        else return false;
    }
    while (p < pattern.length && pattern[p] === "*") p++;
    return p === pattern.length;
}

export function matchesAny(patterns: unknown, value: string): boolean {
    return Array.isArray(patterns) && patterns.some(p => typeof p === "string" && globMatch(p, value));
}

/** excludeResources: the Pulumi resource name, or `namespace/name` where the object lands. */
export function excludedResource(cfg: CommonConfig, resourceName: string, o: K8sObject, provider: ProviderRef | undefined): boolean {
    if (matchesAny(cfg.excludeResources, resourceName)) return true;
    const ns = effectiveNamespace(o, provider);
    return ns !== UNKNOWN && matchesAny(cfg.excludeResources, `${ns}/${o.name}`);
}

/**
 * True when config exempts the object: by its Pulumi name or its `namespace/name`, and by its
 * namespace, where the object lands (its own, else its provider's; see effectiveNamespace). A
 * namespace computed during preview cannot be matched yet: when namespaces are exempted it is
 * deferred (skipped) until `pulumi up`. A namespace that comes from an explicit provider's
 * kubeconfig context is never visible, so no namespace exemption applies to it.
 */
function isExempt(cfg: CommonConfig, resourceName: string, o: K8sObject, provider: ProviderRef | undefined): boolean {
    if (excludedResource(cfg, resourceName, o, provider)) return true;
    if (!Array.isArray(cfg.excludeNamespaces) || cfg.excludeNamespaces.length === 0) return false;
    const ns = landingNamespace(o, provider);
    return ns === UNKNOWN || (ns !== undefined && matchesAny(cfg.excludeNamespaces, ns));
}

export type Report = (message: string) => void;
type Views<V> = (type: string, props: Obj, resourceName: string) => V[];

/**
 * A safe automatic fix: changes the view's objects in place (they belong to a copy of the
 * resource's properties) and returns true when it changed anything.
 */
export type Fix<V, C> = (view: V, cfg: C & CommonConfig) => boolean;

/**
 * A policy judging Kubernetes objects one at a time: `check` sees each view with the config;
 * `fix`, when given, makes the policy remediable.
 */
export function k8sPolicy<C, V extends K8sObject>(
    info: PolicyInfo,
    views: Views<V>,
    check: (view: V, cfg: C & CommonConfig, report: Report, args: ResourceValidationArgs) => void,
    fix?: Fix<V, C>,
): ResourceValidationPolicy & AksGuardPolicy {
    const body: Pick<ResourceValidationPolicy, "validateResource" | "remediateResource"> = {
        validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
            const vs = views(args.type, rawProps(args.props), args.name);
            if (vs.length === 0) return;
            const cfg = configOf<C>(info, args);
            for (const v of vs) {
                if (isExempt(cfg, args.name, v, args.provider)) continue;
                check(v, cfg, message => reportViolation(`${v.label}: ${message}`), args);
            }
        },
    };
    if (fix) {
        body.remediateResource = (args: ResourceValidationArgs) => {
            const props = cloneProps(rawProps(args.props));
            if (!props) return undefined;
            const vs = views(args.type, props, args.name);
            if (vs.length === 0) return undefined;
            const cfg = configOf<C>(info, args);
            let changed = false;
            for (const v of vs) if (!isExempt(cfg, args.name, v, args.provider)) changed = fix(v, cfg) || changed;
            return changed ? props : undefined;
        };
    }
    return withMetadata(info, true, body);
}

/** A rule over the pod of every workload kind; `fix` makes it remediable. */
export function workloadPolicy<C = {}>(
    info: PolicyInfo,
    check: (pod: PodView, cfg: C & CommonConfig, report: Report) => void,
    fix?: Fix<PodView, C>,
): ResourceValidationPolicy & AksGuardPolicy {
    return k8sPolicy(info, podViews, check, fix);
}

/** A rule over Kubernetes objects of the given kinds (any version, Patch and List too). */
export function objectPolicy<C = {}>(
    info: PolicyInfo,
    kinds: KindGroups,
    check: (o: K8sObject, cfg: C & CommonConfig, report: Report, args: ResourceValidationArgs) => void,
): ResourceValidationPolicy & AksGuardPolicy {
    return k8sPolicy(info, (type, props, name) => k8sObjects(type, props, name, kinds), check);
}

/** A rule over the whole stack, as AnalyzeStack presents it. */
export function stackPolicy<C = {}>(
    info: PolicyInfo,
    kubernetes: boolean,
    check: (resources: PolicyResource[], cfg: C & CommonConfig, report: ReportViolation) => void,
): StackValidationPolicy & AksGuardPolicy {
    return withMetadata(info, kubernetes, {
        validateStack: (args: { resources: PolicyResource[]; getConfig<T extends object>(): T }, report: ReportViolation) => {
            const cfg = configOf<C>(info, args);
            const judged = args.resources.filter(r => !matchesAny(cfg.excludeResources, r.name));
            check(judged, cfg, report);
        },
    });
}

/** True when the policy offers an automatic fix (the SPEC's R). */
export function remediable(p: AksGuardPolicy): boolean {
    return typeof (p as ResourceValidationPolicy).remediateResource === "function";
}
