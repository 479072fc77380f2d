// How a rule becomes a Pulumi policy: metadata (severity, practice tag, framework, README link),
// config schema with the common exemption keys, the walk from a resource to the views a rule
// judges, and remediation by the fixes of the findings the rule reports. A policy file states
// the rule; everything else is here.
import type {
    EnforcementLevel, PolicyResource, ReportViolation, ResourceValidationArgs,
    ResourceValidationPolicy, Severity, StackValidationPolicy,
} from "@pulumi/policy";
import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { CommonConfig, exemptsAny, isExempt, k8sLanding } from "./exemptions";
import { K8sObject, k8sObjects } from "./k8s";
import { cloneProps, setIn } from "./remediate";
import { KindGroups } from "./tokens";
import { Obj, rawProps } from "./values";
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

/** A policy's own config keys, each with its JSON schema and default: the one declaration of its config. */
export type ConfigSchema = Record<string, PolicyConfigJSONSchema>;

/** The value type a config key's schema declares. */
type ValueOf<S> =
    S extends { type: "integer" | "number" } ? number :
    S extends { type: "boolean" } ? boolean :
    S extends { type: "string" } ? string :
    S extends { type: "array"; items: infer I } ? ValueOf<I>[] :
    unknown;

/** The config type a schema declares: a key with a default always has a value, any other may be missing. */
export type ConfigOf<S> =
    { [K in keyof S as S[K] extends { default: unknown } ? K : never]: ValueOf<S[K]> } &
    { [K in keyof S as S[K] extends { default: unknown } ? never : K]?: ValueOf<S[K]> };

/** What a policy file declares beside its rule: name, practice, severity, remediation and its config schema. */
export interface PolicyMetadata<S extends ConfigSchema = {}> {
    name: string;
    practice: Practice;
    description: string;
    enforcementLevel: Extract<EnforcementLevel, "mandatory" | "advisory">;
    severity: Severity;
    remediationSteps: string;
    /** The policy's own config keys, each with its default. */
    config?: S;
}

/** The config a check sees: the policy's own keys and the common exemption keys. */
export type Config<S extends ConfigSchema> = ConfigOf<S> & CommonConfig;

const stringList = (description: string): PolicyConfigJSONSchema =>
    ({ type: "array", items: { type: "string" }, default: [], description });

/** The schema of the keys every policy takes (excludeNamespaces for Kubernetes policies only). */
const COMMON_SCHEMA = {
    excludeResources: stringList("Globs on the Pulumi resource name or on namespace/name that this policy does not judge."),
    excludeNamespaces: stringList("Namespaces (globs) whose resources this policy does not judge."),
};

export type AksGuardPolicy = (ResourceValidationPolicy | StackValidationPolicy) & { practice: Practice };

/** The Pulumi policy object with the common metadata and config schema. */
export function withMetadata<T extends object>(info: PolicyMetadata<ConfigSchema>, kubernetes: boolean, body: T): T & AksGuardPolicy {
    const properties: Record<string, PolicyConfigJSONSchema> = { ...info.config, excludeResources: COMMON_SCHEMA.excludeResources };
    if (kubernetes) properties.excludeNamespaces = COMMON_SCHEMA.excludeNamespaces;
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

/** The policy's config: the schema defaults (its own keys and the common ones) overlaid with what the engine configured. */
export function configOf<S extends ConfigSchema>(info: PolicyMetadata<S>, args: { getConfig<T extends object>(): T }): Config<S> {
    const out: Record<string, unknown> = {};
    for (const [k, schema] of Object.entries({ ...COMMON_SCHEMA, ...info.config })) out[k] = freshDefault(schema.default);
    for (const [k, v] of Object.entries(args.getConfig<Obj>() ?? {})) if (v !== undefined && v !== null) out[k] = v;
    return out as Config<S>;
}

/** A default as a fresh value, so that no check can change the schema's own. */
const freshDefault = (v: unknown): unknown => Array.isArray(v) ? [...v] : v;

/**
 * A safe automatic fix that goes with a finding: set `path` under `target` to `value`. `target`
 * is an object of the view the check judged (a container, a pod spec), so it belongs to the
 * properties the check saw; remediation runs the check on a copy and applies these (see setIn).
 */
export interface Fix {
    target: Obj;
    path: string[];
    value: unknown;
}

/** What a check reports: one line naming the field, what is wrong and how to fix it, with its fix where one is safe. */
export interface Finding {
    message: string;
    fix?: Fix;
}

export type Report = (message: string, fix?: Fix) => void;
type Views<V> = (type: string, props: Obj, resourceName: string) => V[];

export interface PolicyOptions {
    /**
     * The policy offers an automatic fix (the SPEC's R): remediation runs the check on a copy of
     * the resource's properties and applies exactly the fixes of the findings it reports.
     */
    remediable?: boolean;
}

/** The findings of `check` over the views of one resource that config does not exempt. */
function findings<S extends ConfigSchema, V extends K8sObject>(
    views: V[], cfg: Config<S>, args: ResourceValidationArgs,
    check: (view: V, cfg: Config<S>, report: Report, args: ResourceValidationArgs) => void,
): Finding[] {
    const out: Finding[] = [];
    const exempting = exemptsAny(cfg);
    for (const v of views) {
        if (exempting && isExempt(cfg, k8sLanding(args.name, v, args.provider))) continue;
        check(v, cfg, (message, fix) => out.push({ message: `${v.label}: ${message}`, fix }), args);
    }
    return out;
}

/** A policy judging Kubernetes objects one at a time: `check` sees each view with the config. */
export function k8sPolicy<S extends ConfigSchema, V extends K8sObject>(
    info: PolicyMetadata<S>,
    views: Views<V>,
    check: (view: V, cfg: Config<S>, report: Report, args: ResourceValidationArgs) => void,
    options: PolicyOptions = {},
): ResourceValidationPolicy & AksGuardPolicy {
    const body: Pick<ResourceValidationPolicy, "validateResource" | "remediateResource"> = {
        validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
            const vs = views(args.type, rawProps(args.props), args.name);
            if (vs.length === 0) return;
            for (const f of findings(vs, configOf(info, args), args, check)) reportViolation(f.message);
        },
    };
    if (options.remediable) {
        body.remediateResource = (args: ResourceValidationArgs) => {
            const props = cloneProps(rawProps(args.props));
            if (!props) return undefined;
            const vs = views(args.type, props, args.name);
            if (vs.length === 0) return undefined;
            let changed = false;
            for (const { fix } of findings(vs, configOf(info, args), args, check)) {
                if (fix) changed = setIn(fix.target, fix.path, fix.value) || changed;
            }
            return changed ? props : undefined;
        };
    }
    return withMetadata(info, true, body);
}

/** A rule over the pod of every workload kind. */
export function workloadPolicy<S extends ConfigSchema = {}>(
    info: PolicyMetadata<S>,
    check: (pod: PodView, cfg: Config<S>, report: Report) => void,
    options?: PolicyOptions,
): ResourceValidationPolicy & AksGuardPolicy {
    return k8sPolicy(info, podViews, check, options);
}

/** A rule over Kubernetes objects of the given kinds (any version, Patch and List too). */
export function objectPolicy<S extends ConfigSchema = {}>(
    info: PolicyMetadata<S>,
    kinds: KindGroups,
    check: (o: K8sObject, cfg: Config<S>, report: Report, args: ResourceValidationArgs) => void,
): ResourceValidationPolicy & AksGuardPolicy {
    return k8sPolicy(info, (type, props, name) => k8sObjects(type, props, name, kinds), check);
}

/**
 * A rule over the whole stack, as AnalyzeStack presents it. The check sees every resource: the
 * stack views it uses (stackNamespaces, stackClusters, stackResources) apply the exemptions, each
 * object once, where it lands.
 */
export function stackPolicy<S extends ConfigSchema = {}>(
    info: PolicyMetadata<S>,
    kubernetes: boolean,
    check: (resources: PolicyResource[], cfg: Config<S>, report: ReportViolation) => void,
): StackValidationPolicy & AksGuardPolicy {
    return withMetadata(info, kubernetes, {
        validateStack: (args: { resources: PolicyResource[]; getConfig<T extends object>(): T }, report: ReportViolation) => {
            check(args.resources, configOf(info, args), report);
        },
    });
}

/** True when the policy offers an automatic fix (the SPEC's R). */
export function remediable(p: AksGuardPolicy): boolean {
    return typeof (p as ResourceValidationPolicy).remediateResource === "function";
}

export type { CommonConfig } from "./exemptions";
