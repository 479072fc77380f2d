// How a rule becomes a Pulumi policy: metadata (severity, practice tag, framework, docs link),
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
import { policyUrl } from "./links";
import { cloneProps, setIn } from "./remediate";
import { kindFilter, KindGroups, matchesPattern, TypeFilter, TypePattern } from "./tokens";
import { Obj, rawProps, readingUnknowns, UNKNOWN, UnknownRead, unknownFields } from "./values";
import { PodView, podViews, WORKLOAD_KINDS } from "./workload";

export { DOCS_URL, policyUrl, REPOSITORY_URL } from "./links";

/** The twelve practices of "Best practices to harden your AKS environment", plus extras. */
export const PRACTICES = {
    "1": "Harden the application",
    "2": "Harden container images",
    "3": "Scan images; use trusted and fresh images",
    "4": "Harden Kubernetes deployments",
    "5": "Set memory requests and limits",
    "6": "Namespace isolation: node-pool segregation, with Azure networking (NSGs) controlling traffic",
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

/** excludeResources as each kind of policy reads it (SPEC, round 3: exemptions match what the platform team owns). */
const EXCLUDE_RESOURCES = {
    kubernetes: stringList("Globs of objects this policy does not judge: namespace/name where a namespaced object lands, the name of a cluster-scoped one (never a Pulumi resource name)."),
    azure: stringList("Globs of resources this policy does not judge, on the Pulumi resource name or the Azure name."),
};

/** The keys every policy's config has, with their defaults (only Kubernetes policies declare excludeNamespaces). */
const COMMON_SCHEMA = {
    excludeResources: EXCLUDE_RESOURCES.azure,
    excludeNamespaces: stringList("Namespaces (globs) whose resources this policy does not judge."),
};

export type AksGuardPolicy = (ResourceValidationPolicy | StackValidationPolicy) & {
    practice: Practice;
    /** The types a resource policy judges (see TypeFilter); absent: it may judge any type. */
    judges?: TypeFilter;
    /** The types a stack policy (or a policy's stack part) reads from the stack, as declared. */
    reads?: readonly TypePattern[];
    /**
     * The not-applicable reason its validateResource gives a type outside `judges`, so that an
     * evaluator that skips the call (harness/inprocess.ts) reports what the engine would; absent: none.
     */
    outside?: (type: string) => string;
};

/** Every type a policy judges or reads, as declared (what `aks-guard list --types` shows). */
export function judgedTypes(p: AksGuardPolicy): TypePattern[] {
    return [...new Set([...(p.judges?.types ?? []), ...(p.reads ?? [])])];
}

/** What a name's prefix says the policy judges, as a display name starts. */
const SUBJECTS: Record<string, string> = { k8s: "Kubernetes", aks: "AKS", acr: "Container registry", azure: "Azure" };
/** Words of policy names that are written otherwise in prose. */
const WORDS: Record<string, string> = {
    rbac: "RBAC", tls: "TLS", mtls: "mTLS", waf: "WAF", api: "API", apim: "API Management", nsg: "NSG", cpu: "CPU",
    kms: "KMS", ssh: "SSH", ip: "IP", ips: "IPs", id: "ID", etcd: "etcd", entra: "Entra", defender: "Defender",
    nginx: "NGINX", helm: "Helm", arc: "Arc", istio: "Istio", azure: "Azure", kubernetes: "Kubernetes", addon: "add-on",
};

/**
 * The display name Pulumi Cloud shows for a policy, derived from its (public, unchanging) name:
 * `k8s-no-host-namespaces` is "Kubernetes: no host namespaces", `aks-private-api-server` "AKS: private API server".
 */
export function displayNameOf(name: string): string {
    const [prefix, ...rest] = name.split("-");
    const subject = SUBJECTS[prefix];
    const words = (subject ? rest : [prefix, ...rest]).map(w => WORDS[w] ?? w);
    const text = words.join(" ").replace(/\bnon root\b/g, "non-root").replace(/\bread only\b/g, "read-only")
        .replace(/\bfront door\b/g, "Front Door").replace(/\bAzure policy\b/g, "Azure Policy");
    return subject ? `${subject}: ${text}` : text.charAt(0).toUpperCase() + text.slice(1);
}

/** The Pulumi policy object with the common metadata and config schema. */
export function withMetadata<T extends object>(info: PolicyMetadata<ConfigSchema>, kubernetes: boolean, body: T): T & AksGuardPolicy {
    const properties: Record<string, PolicyConfigJSONSchema> = { ...info.config, excludeResources: EXCLUDE_RESOURCES[kubernetes ? "kubernetes" : "azure"] };
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
        displayName: displayNameOf(info.name),
        url: policyUrl(info.name),
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
/** A resource's views; `judges`, when set, is the TypeFilter outside which it returns none. */
type Views<V> = ((type: string, props: Obj, resourceName: string) => V[]) & { judges?: TypeFilter };

/** `views`, declared to return none for types outside `judges`. */
export function viewsOf<V>(judges: TypeFilter, views: (type: string, props: Obj, resourceName: string) => V[]): Views<V> {
    return Object.assign((type: string, props: Obj, resourceName: string) => views(type, props, resourceName), { judges });
}

export interface PolicyOptions {
    /**
     * The policy offers an automatic fix (the SPEC's R): remediation runs the check on a copy of
     * the resource's properties and applies exactly the fixes of the findings it reports.
     */
    remediable?: boolean;
}

/**
 * The findings of `check` over the views of one resource that config does not exempt, and, when
 * config exempted every view, the key that did (so the engine can report the policy not applicable).
 */
function findings<S extends ConfigSchema, V extends K8sObject>(
    views: V[], cfg: Config<S>, args: ResourceValidationArgs,
    check: (view: V, cfg: Config<S>, report: Report, args: ResourceValidationArgs) => void,
): { found: Finding[]; exemptedBy?: string; unknowns: UnknownRead[] } {
    const found: Finding[] = [];
    const unknowns: UnknownRead[] = [];
    const exempting = exemptsAny(cfg);
    let judged = 0;
    let exemptedBy: string | undefined;
    for (const v of views) {
        if (exempting) {
            const landing = k8sLanding(v, args.provider);
            if (isExempt(cfg, landing)) {
                exemptedBy ??= exemptingKey(cfg, landing);
                continue;
            }
        }
        judged++;
        const { reads } = readingUnknowns(() => check(v, cfg, (message, fix) => found.push({ message: `${v.label}: ${message}`, fix }), args));
        unknowns.push(...reads);
    }
    return judged === 0 && exemptedBy ? { found, exemptedBy, unknowns } : { found, unknowns };
}

/**
 * Answers not applicable (`args.notApplicable`, which throws). Its error is built without a stack
 * trace: the SDK keeps only the reason, and capturing the stack of an exception thrown ~50 times per
 * resource (every Azure policy on a Kubernetes object, and the reverse) cost more than the rules.
 */
export function notApplicable(args: { notApplicable(reason?: string): never }, reason: string): never {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
        return args.notApplicable(reason);
    } finally {
        Error.stackTraceLimit = limit;
    }
}

/**
 * Each validateResource that outsideIs put the type check in front of, to the function it wraps
 * (test/types.spec.ts runs those on the types outside `judges`: they must not judge them either).
 */
export const unguarded = new WeakMap<object, (args: ResourceValidationArgs, reportViolation: ReportViolation) => void | Promise<void>>();

/**
 * Sets what the policy answers outside its `judges` (`outside`), and has its validateResource
 * answer that first, before any property is read, the decision kept per type token: a pack of 61
 * resource policies sees every resource, and most of them judge none of its kind. Its
 * remediateResource, if any, returns nothing there, as before, without copying the properties.
 */
export function outsideIs<P extends ResourceValidationPolicy & AksGuardPolicy>(policy: P, outside: (type: string) => string): P {
    policy.outside = outside;
    const { judges, validateResource: validate, remediateResource: remediate } = policy;
    if (!judges) return policy;
    const outsideReasons = new Map<string, string | null>();
    const outsideReason = (type: string): string | null => {
        let reason = outsideReasons.get(type);
        if (reason === undefined) {
            reason = judges(type) ? null : outside(type);
            if (outsideReasons.size < 1000) outsideReasons.set(type, reason);
        }
        return reason;
    };
    if (typeof validate === "function") {
        policy.validateResource = (args, reportViolation) => {
            const reason = outsideReason(args.type);
            return reason === null ? validate(args, reportViolation) : notApplicable(args, reason);
        };
        unguarded.set(policy.validateResource, validate);
    }
    if (remediate) policy.remediateResource = args => (outsideReason(args.type) === null ? remediate(args) : undefined);
    return policy;
}

/** The not-applicable reason of a resource policy for a type it does not judge. */
export const notAKindReason = (policy: string, type: string): string => `${type} is not a kind ${policy} judges`;

/** The not-applicable reason of a stack policy for a stack without a resource of a kind it reads. */
export const stackNotAKindReason = (policy: string): string => `the stack declares no resource of a kind ${policy} judges`;

/** The not-applicable reason of a resource policy for a resource its config exempts (`key`: excludeResources, excludeNamespaces...). */
export const exemptedReason = (policy: string, key: string): string => `exempted by ${policy}'s ${key} in the policy pack config`;

/** What every not-applicable reason of a check deferred on an unknown value says (the command line counts them by it). */
export const UNKNOWN_DURING_PREVIEW = "unknown during preview";

/** True for a not-applicable reason that says a check waited for an unknown value (not a kind it skips, not an exemption alone). */
export const deferredOnUnknown = (reason: string): boolean => reason.includes(UNKNOWN_DURING_PREVIEW);

/**
 * Why a policy that reported nothing could not judge a resource yet: the fields whose unknown
 * values its checks deferred on (`spec.template.spec.hostNetwork is unknown during preview`).
 */
export function unknownReason(reads: readonly UnknownRead[], args: Pick<ResourceValidationArgs, "props" | "provider">, viewProps?: Obj): string {
    const roots = [{ root: rawProps(args.props), prefix: "" }];
    if (viewProps) roots.push({ root: viewProps, prefix: "" });
    if (args.provider) roots.push({ root: rawProps(args.provider.props), prefix: "the provider's " });
    const fields = unknownFields(reads, roots);
    if (fields.length === 0) return `a value it needs is ${UNKNOWN_DURING_PREVIEW}`;
    const named = fields.slice(0, 3);
    const more = fields.length - named.length;
    const list = more > 0 ? `${named.join(", ")} and ${more} more field${more === 1 ? "" : "s"}`
        : named.length === 1 ? named[0] : `${named.slice(0, -1).join(", ")} and ${named[named.length - 1]}`;
    return `${list} ${fields.length === 1 ? "is" : "are"} ${UNKNOWN_DURING_PREVIEW}`;
}

/**
 * Runs a resource policy's checks and reports what they found. A policy that found nothing but
 * deferred a check on a preview unknown did not judge the resource: it answers not applicable,
 * naming the field. Never after a finding: @pulumi/policy would count the resource both failed
 * and not applicable (notApplicable throws, and the SDK keeps the violations already reported).
 */
export function judgeResource(
    args: ResourceValidationArgs, reportViolation: ReportViolation,
    run: (report: (message: string) => void) => void, viewProps?: Obj,
): void {
    const messages: string[] = [];
    const { reads } = readingUnknowns(() => run(message => messages.push(message)));
    for (const m of messages) reportViolation(m);
    if (messages.length === 0 && reads.length > 0) notApplicable(args, unknownReason(reads, args, viewProps));
}

/**
 * Which common key exempts what lands at `landing` (isExempt asked with that key alone), as the
 * not-applicable reason says it; a namespace still unknown is exempt only until it is known.
 */
function exemptingKey(cfg: CommonConfig, landing: ReturnType<typeof k8sLanding>): string {
    if (isExempt({ ...cfg, excludeNamespaces: [] }, landing)) return "excludeResources";
    return landing.namespace === UNKNOWN ? `excludeNamespaces (the namespace is ${UNKNOWN_DURING_PREVIEW}, so it cannot be matched yet)` : "excludeNamespaces";
}

/** A policy judging Kubernetes objects one at a time: `check` sees each view with the config. */
export function k8sPolicy<S extends ConfigSchema, V extends K8sObject>(
    info: PolicyMetadata<S>,
    views: Views<V>,
    check: (view: V, cfg: Config<S>, report: Report, args: ResourceValidationArgs) => void,
    options: PolicyOptions = {},
): ResourceValidationPolicy & AksGuardPolicy {
    const notAKind = (type: string) => notAKindReason(info.name, type);
    const body: Pick<ResourceValidationPolicy, "validateResource" | "remediateResource"> = {
        validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
            const { result: vs, reads: viewReads } = readingUnknowns(() => views(args.type, rawProps(args.props), args.name));
            // Not applicable is what Pulumi's policy summaries count apart from passed (AnalyzeResponse.not_applicable).
            if (vs.length === 0) {
                // A kind it judges whose object or pod spec is unknown (`spec.template.spec`) has no view yet.
                return notApplicable(args, viewReads.length > 0 ? unknownReason(viewReads, args) : notAKind(args.type));
            }
            const { found, exemptedBy, unknowns } = findings(vs, configOf(info, args), args, check);
            for (const f of found) reportViolation(f.message);
            if (exemptedBy) notApplicable(args, exemptedReason(info.name, exemptedBy));
            else if (found.length === 0 && unknowns.length > 0) notApplicable(args, unknownReason(unknowns, args));
        },
    };
    if (options.remediable) {
        body.remediateResource = (args: ResourceValidationArgs) => {
            const props = cloneProps(rawProps(args.props));
            if (!props) return undefined;
            const vs = views(args.type, props, args.name);
            if (vs.length === 0) return undefined;
            let changed = false;
            for (const { fix } of findings(vs, configOf(info, args), args, check).found) {
                if (fix) changed = setIn(fix.target, fix.path, fix.value) || changed;
            }
            return changed ? props : undefined;
        };
    }
    const policy = withMetadata(info, true, body);
    if (views.judges) policy.judges = views.judges;
    return outsideIs(policy, notAKind);
}

/** A rule over the pod of every workload kind. */
export function workloadPolicy<S extends ConfigSchema = {}>(
    info: PolicyMetadata<S>,
    check: (pod: PodView, cfg: Config<S>, report: Report) => void,
    options?: PolicyOptions,
): ResourceValidationPolicy & AksGuardPolicy {
    return k8sPolicy(info, viewsOf(kindFilter(WORKLOAD_KINDS), podViews), check, options);
}

/** A rule over Kubernetes objects of the given kinds (any version, Patch and List too). */
export function objectPolicy<S extends ConfigSchema = {}>(
    info: PolicyMetadata<S>,
    kinds: KindGroups,
    check: (o: K8sObject, cfg: Config<S>, report: Report, args: ResourceValidationArgs) => void,
): ResourceValidationPolicy & AksGuardPolicy {
    return k8sPolicy(info, viewsOf(kindFilter(kinds), (type, props, name) => k8sObjects(type, props, name, kinds)), check);
}

/**
 * A rule over the whole stack, as AnalyzeStack presents it. The check sees every resource: the
 * stack views it uses (stackNamespaces, stackClusters, stackResources) apply the exemptions, each
 * object once, where it lands.
 */
export function stackPolicy<S extends ConfigSchema = {}>(
    info: PolicyMetadata<S>,
    kubernetes: boolean,
    reads: readonly TypePattern[],
    check: (resources: PolicyResource[], cfg: Config<S>, report: ReportViolation) => void,
): StackValidationPolicy & AksGuardPolicy {
    return withMetadata(info, kubernetes, {
        validateStack: (args: { resources: PolicyResource[]; getConfig<T extends object>(): T; notApplicable?(reason?: string): never }, report: ReportViolation) => {
            let reported = false;
            check(args.resources, configOf(info, args), (message, urn) => { reported = true; report(message, urn); });
            // A stack with nothing of the kinds it reads was not judged: Pulumi's summaries count it apart from passed.
            if (!reported && args.notApplicable && !args.resources.some(r => reads.some(pattern => matchesPattern(r.type, pattern)))) {
                args.notApplicable(stackNotAKindReason(info.name));
            }
        },
        reads,
    });
}

/**
 * A resource policy that also judges the whole stack (AnalyzeStack), for what one resource cannot
 * show, such as the rules of the role a binding names. Both parts share metadata and config.
 */
export function withStackPart<S extends ConfigSchema = {}>(
    policy: ResourceValidationPolicy & AksGuardPolicy,
    info: PolicyMetadata<S>,
    reads: readonly TypePattern[],
    check: (resources: PolicyResource[], cfg: Config<S>, report: ReportViolation) => void,
): ResourceValidationPolicy & StackValidationPolicy & AksGuardPolicy {
    return { ...policy, validateStack: stackPolicy(info, true, reads, check).validateStack, reads };
}

/** True when the policy offers an automatic fix (the SPEC's R). */
export function remediable(p: AksGuardPolicy): boolean {
    return typeof (p as ResourceValidationPolicy).remediateResource === "function";
}

export type { CommonConfig } from "./exemptions";
