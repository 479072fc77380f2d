// The AKS view: a ManagedCluster (any API version of azure-native) and its node pools, whether
// declared inside the cluster (`agentPoolProfiles`) or as separate `AgentPool` resources, so that
// a rule is written once over a cluster or over a node pool.
import type { ReportViolation, ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { azureLanding, isExempt } from "./exemptions";
import { AksGuardPolicy, Config, ConfigSchema, configOf, PolicyMetadata, Report, withMetadata } from "./policy";
import { isAzureType } from "./tokens";
import { get, isObj, isTrue, Obj, rawProps, sameIgnoringCase, show, str, Unknown, UNKNOWN } from "./values";

/** `azure-native:containerservice[/vYYYYMMDD[preview]]:ManagedCluster`. */
export function isManagedCluster(type: string): boolean {
    return isAzureType(type, "containerservice", "ManagedCluster");
}

/** `azure-native:containerservice[/vYYYYMMDD[preview]]:AgentPool`. */
export function isAgentPool(type: string): boolean {
    return isAzureType(type, "containerservice", "AgentPool");
}

/** The type name of an azure-native token (`...:ManagedCluster` → `ManagedCluster`). */
function typeName(type: string): string {
    return type.slice(type.lastIndexOf(":") + 1);
}

export interface ClusterView {
    /** The cluster's properties (top level, as azure-native flattens the ARM `properties`). */
    props: Obj;
    /** The Pulumi resource name. */
    name: string;
    /** `ManagedCluster "name"`: how messages name the cluster. */
    label: string;
    /** The node pools declared in `agentPoolProfiles` (unknown items are left out). */
    pools: NodePoolView[];
    /** True when `agentPoolProfiles`, or one of its items, is unknown: the pool list is not complete yet. */
    poolsUnknown: boolean;
}

export interface NodePoolView {
    /** The pool's properties: an `agentPoolProfiles` item, or the AgentPool resource's properties. */
    pool: Obj;
    /** Path of the pool in the resource's properties: `agentPoolProfiles[0].`, or "" for an AgentPool resource. */
    path: string;
    /** The pool's name (`name`, or `agentPoolName` for an AgentPool resource), or its position. */
    name: string;
    /** `node pool "system"`: how messages name the pool (fields are named with `path`). */
    label: string;
    /** True for a separate `AgentPool` resource. */
    separate: boolean;
}

/** The cluster view of a ManagedCluster resource; undefined for any other type. */
export function clusterView(type: string, props: Obj, resourceName: string): ClusterView | undefined {
    if (!isManagedCluster(type)) return undefined;
    const profiles = get(props, "agentPoolProfiles");
    const pools: NodePoolView[] = [];
    let poolsUnknown = profiles === UNKNOWN;
    if (Array.isArray(profiles)) {
        profiles.forEach((item, i) => {
            const p = get(item);
            if (p === UNKNOWN) poolsUnknown = true;
            if (!isObj(p)) return;
            const name = str(p, "name") ?? `#${i}`;
            pools.push({ pool: p, path: `agentPoolProfiles[${i}].`, name, label: `node pool "${name}"`, separate: false });
        });
    }
    return { props, name: resourceName, label: `${typeName(type)} "${resourceName}"`, pools, poolsUnknown };
}

/** The node pool view of an AgentPool resource; undefined for any other type. */
export function agentPoolView(type: string, props: Obj, resourceName: string): NodePoolView | undefined {
    if (!isAgentPool(type)) return undefined;
    const name = str(props, "agentPoolName") ?? str(props, "name") ?? resourceName;
    return { pool: props, path: "", name, label: `node pool "${name}"`, separate: true };
}

/** The node pools a resource declares: a cluster's `agentPoolProfiles`, or the AgentPool itself. */
export function nodePoolViews(type: string, props: Obj, resourceName: string): NodePoolView[] {
    const pool = agentPoolView(type, props, resourceName);
    if (pool) return [pool];
    return clusterView(type, props, resourceName)?.pools ?? [];
}

// ---- AKS value semantics ----------------------------------------------------------------

/**
 * True when `v` is one of `allowed`, compared as AKS compares enums: ignoring case (`Azure`/`azure`,
 * `UserDefinedRouting`/`userDefinedRouting`).
 */
export function enumIn(v: unknown, allowed: readonly unknown[]): boolean {
    return allowed.some(a => typeof a === "string" && sameIgnoringCase(v, a));
}

/**
 * The value under a map key compared case-insensitively (AKS map keys such as
 * `addonProfiles.azurepolicy` / `azurePolicy`): UNKNOWN when the map is unknown, undefined when
 * absent. Where several spellings are present, an enabled one (`enabled: true`) wins; otherwise
 * an unknown one (or one whose `enabled` is unknown) makes the lookup UNKNOWN, else the first is taken.
 */
export function getKeyCI(map: unknown, key: string): { key: string; value: unknown } | Unknown | undefined {
    const m = get(map);
    if (m === UNKNOWN) return UNKNOWN;
    if (!isObj(m)) return undefined;
    const hits = Object.keys(m).filter(k => sameIgnoringCase(k, key)).map(k => ({ key: k, value: get(m, k) }));
    if (hits.length === 0) return undefined;
    const enabled = hits.find(h => isTrue(get(h.value, "enabled")));
    if (enabled) return enabled;
    return hits.some(h => h.value === UNKNOWN || get(h.value, "enabled") === UNKNOWN) ? UNKNOWN : hits[0];
}

/** An add-on profile by name, in any case (`azurepolicy`, `azurePolicy`, `AzurePolicy`). */
export function addonProfile(cluster: ClusterView, addon: string): { key: string; value: unknown } | Unknown | undefined {
    return getKeyCI(get(cluster.props, "addonProfiles"), addon);
}

/**
 * Why a setting that must be `true` is not, as a message fragment naming the field
 * (`does not set securityProfile.imageCleaner.enabled`), or undefined when it is true or unknown.
 * The string "true" (any case, as ARM JSON may carry it) counts as true; any other wrong-typed value
 * is not true, so it is reported.
 */
export function notTrue(o: unknown, path: string[], prefix = ""): string | undefined {
    const v = get(o, ...path);
    if (isTrue(v) || v === UNKNOWN) return undefined;
    const field = prefix + path.join(".");
    return v === undefined || v === null ? `does not set ${field}` : `sets ${field} to ${show(v)}`;
}

// ---- Policies ---------------------------------------------------------------------------

export interface AksChecks<S extends ConfigSchema> {
    /** Judges each ManagedCluster. */
    cluster?: (cluster: ClusterView, cfg: Config<S>, report: Report) => void;
    /** Judges each node pool: every `agentPoolProfiles` item of a cluster, and every AgentPool resource. */
    nodePool?: (pool: NodePoolView, cfg: Config<S>, report: Report) => void;
}

/**
 * A rule over AKS clusters and/or node pools, in every API version. Messages are prefixed with
 * the resource (`ManagedCluster "prod"`, `AgentPool "user"`); node pool checks name the pool.
 */
export function aksPolicy<S extends ConfigSchema = {}>(info: PolicyMetadata<S>, checks: AksChecks<S>): ResourceValidationPolicy & AksGuardPolicy {
    return withMetadata(info, false, {
        validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
            const cluster = isManagedCluster(args.type);
            if (!cluster && !(checks.nodePool && isAgentPool(args.type))) return;
            const props = rawProps(args.props);
            const cfg = configOf(info, args);
            if (isExempt(cfg, azureLanding(args.name, args.type, props))) return;
            const report: Report = message => reportViolation(`${typeName(args.type)} "${args.name}": ${message}`);
            if (cluster) {
                const view = clusterView(args.type, props, args.name)!;
                checks.cluster?.(view, cfg, report);
                if (checks.nodePool) for (const p of view.pools) checks.nodePool(p, cfg, report);
            } else {
                checks.nodePool!(agentPoolView(args.type, props, args.name)!, cfg, report);
            }
        },
        judges: (type: string) => isManagedCluster(type) || (!!checks.nodePool && isAgentPool(type)),
    });
}

/** A rule over each ManagedCluster (any API version). */
export function clusterPolicy<S extends ConfigSchema = {}>(info: PolicyMetadata<S>, check: NonNullable<AksChecks<S>["cluster"]>): ResourceValidationPolicy & AksGuardPolicy {
    return aksPolicy(info, { cluster: check });
}

/** A rule over each node pool: inside a ManagedCluster's `agentPoolProfiles` and as a separate AgentPool. */
export function nodePoolPolicy<S extends ConfigSchema = {}>(info: PolicyMetadata<S>, check: NonNullable<AksChecks<S>["nodePool"]>): ResourceValidationPolicy & AksGuardPolicy {
    return aksPolicy(info, { nodePool: check });
}

