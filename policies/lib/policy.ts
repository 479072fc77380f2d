// How a rule becomes a Pulumi policy: metadata (severity, practice tag, framework, README link),
// config schema with the common exemption keys, and the walk from a resource to the views a rule
// judges. A policy file states the rule; everything else is here.
import type {
    EnforcementLevel, PolicyResource, ReportViolation, ResourceValidationArgs,
    ResourceValidationPolicy, Severity, StackValidationPolicy,
} from "@pulumi/policy";
import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { K8sObject, k8sObjects, qualifiedName } from "./k8s";
import { cloneProps } from "./remediate";
import { KindGroups } from "./types";
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

/** Shell-style glob (`*`, `?`) → anchored RegExp. */
const globCache = new Map<string, RegExp>();
export function glob(pattern: string): RegExp {
    let re = globCache.get(pattern);
    if (!re) {
        const body = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
        re = new RegExp(`^${body}$`);
        globCache.set(pattern, re);
    }
    return re;
}

export function matchesAny(patterns: unknown, value: string): boolean {
    return Array.isArray(patterns) && patterns.some(p => typeof p === "string" && glob(p).test(value));
}

/**
 * True when config exempts the object. A computed namespace cannot be matched yet: when
 * namespaces are exempted it is deferred (skipped) rather than reported during preview.
 */
function isExempt(cfg: CommonConfig, resourceName: string, o: K8sObject): boolean {
    if (matchesAny(cfg.excludeResources, resourceName) || matchesAny(cfg.excludeResources, qualifiedName(o))) return true;
    if (!Array.isArray(cfg.excludeNamespaces) || cfg.excludeNamespaces.length === 0) return false;
    if (o.namespace === UNKNOWN) return true;
    return matchesAny(cfg.excludeNamespaces, o.namespace ?? "default");
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
                if (isExempt(cfg, args.name, v)) continue;
                check(v, cfg, message => reportViolation(`${v.label}: ${message}`), args);
            }
        },
    };
    if (fix) {
        body.remediateResource = (args: ResourceValidationArgs) => {
            const props = cloneProps(rawProps(args.props));
            const vs = views(args.type, props, args.name);
            if (vs.length === 0) return undefined;
            const cfg = configOf<C>(info, args);
            let changed = false;
            for (const v of vs) if (!isExempt(cfg, args.name, v)) changed = fix(v, cfg) || changed;
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
