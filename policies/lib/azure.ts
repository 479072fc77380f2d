// The AKS view: a cluster and its node pools, whether declared inside the cluster or as separate
// node pool resources, so that a rule is written once over a cluster or over a node pool, for
// every provider: an azure-native ManagedCluster (any API version, `agentPoolProfiles`) and
// AgentPool, and a classic `@pulumi/azure` KubernetesCluster (`defaultNodePool`) and
// KubernetesClusterNodePool, adapted to the azure-native shape (azure-classic.ts).
import type { ReportViolation, ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { azureLanding, isExempt } from "./exemptions";
import { AksGuardPolicy, Config, ConfigSchema, configOf, exemptedReason, judgeResource, notAKindReason, notApplicable, outsideIs, PolicyMetadata, Report, withMetadata } from "./policy";
import { CLASSIC, classicCluster, classicDefaultPool, classicNodePool, classicTypeName } from "./azure-classic";
import { FieldNames, FieldSource, nativeFields, notOn } from "./azure-view";
import { declaredFilter, isAzureType, TypePattern } from "./tokens";
import { get, isObj, isTrue, Obj, rawProps, sameIgnoringCase, str, Unknown, UNKNOWN } from "./values";

/** `azure-native:containerservice[/vYYYYMMDD[preview]]:ManagedCluster`, or the classic KubernetesCluster. */
export function isManagedCluster(type: string): boolean {
    return isAzureType(type, "containerservice", "ManagedCluster") || type === CLASSIC.cluster;
}

/** `azure-native:containerservice[/vYYYYMMDD[preview]]:AgentPool`, or the classic KubernetesClusterNodePool. */
export function isAgentPool(type: string): boolean {
    return isAzureType(type, "containerservice", "AgentPool") || type === CLASSIC.nodePool;
}

/** The azure-native cluster type (every API version), as declared for `aks-guard list --types`. */
export const NATIVE_CLUSTER_TYPE: TypePattern = "azure-native:containerservice:ManagedCluster";
/** The cluster types of every provider, as declared. */
export const CLUSTER_TYPES: readonly TypePattern[] = [NATIVE_CLUSTER_TYPE, CLASSIC.cluster];
/** The separate node pool types, as declared. */
export const NODE_POOL_TYPES: readonly TypePattern[] = ["azure-native:containerservice:AgentPool", CLASSIC.nodePool];

/** The type name of a token (`...:ManagedCluster` → `ManagedCluster`). */
const typeName = classicTypeName;

export interface ClusterView {
    /** The cluster's properties in the neutral (azure-native) shape: top level, as azure-native flattens the ARM `properties`. */
    props: Obj;
    /** How the user wrote each field of `props` (messages name that). */
    fields: FieldNames;
    /** True for the classic provider's KubernetesCluster. */
    classic: boolean;
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
    /** The pool's properties in the neutral shape: an `agentPoolProfiles` item, or an AgentPool resource's properties. */
    pool: Obj;
    /** A pool field as the user wrote it, with its path in the resource (`agentPoolProfiles[0].enableNodePublicIP`, `defaultNodePool.nodePublicIpEnabled`). */
    field: (name: string) => FieldSource;
    /** The pool's name (`name`, or `agentPoolName` for an AgentPool resource), or its position. */
    name: string;
    /** `node pool "system"`: how messages name the pool (fields are named with `path`). */
    label: string;
    /** True for a separate `AgentPool` resource. */
    separate: boolean;
    /** True for a classic `@pulumi/azure` pool (`defaultNodePool` or KubernetesClusterNodePool). */
    classic: boolean;
}

/** The cluster view of a ManagedCluster (or classic KubernetesCluster) resource; undefined for any other type. */
export function clusterView(type: string, props: Obj, resourceName: string): ClusterView | undefined {
    if (type === CLASSIC.cluster) return classicClusterView(props, resourceName);
    if (!isManagedCluster(type)) return undefined;
    const profiles = get(props, "agentPoolProfiles");
    const pools: NodePoolView[] = [];
    let poolsUnknown = profiles === UNKNOWN;
    if (Array.isArray(profiles)) {
        profiles.forEach((_item, i) => {
            const p = get(profiles, i);
            if (p === UNKNOWN) poolsUnknown = true;
            if (!isObj(p)) return;
            const name = str(p, "name") ?? `#${i}`;
            const path = `agentPoolProfiles[${i}].`;
            pools.push({ pool: p, field: f => ({ name: path + f }), name, label: `node pool "${name}"`, separate: false, classic: false });
        });
    }
    return { props, fields: nativeFields, classic: false, name: resourceName, label: `${typeName(type)} "${resourceName}"`, pools, poolsUnknown };
}

/** Reads a cluster's inline pools (`agentPoolProfiles` and each item, or a classic `defaultNodePool`), nothing more. */
function readPools(type: string, props: Obj): void {
    if (type.startsWith("azure:")) {
        get(props, "defaultNodePool");
        return;
    }
    const profiles = get(props, "agentPoolProfiles");
    if (Array.isArray(profiles)) profiles.forEach((_item, i) => get(profiles, i));
}

/** A classic KubernetesCluster: its one inline pool is `defaultNodePool` (a block, not a list). */
function classicClusterView(raw: Obj, resourceName: string): ClusterView {
    const { props, fields } = classicCluster(raw);
    const block = get(raw, "defaultNodePool");
    const pools: NodePoolView[] = [];
    if (isObj(block)) {
        const p = classicDefaultPool(block);
        const name = str(p.props, "name") ?? "default";
        pools.push({ pool: p.props, field: f => p.fields(f), name, label: `node pool "${name}"`, separate: false, classic: true });
    }
    return { props, fields, classic: true, name: resourceName, label: `${typeName(CLASSIC.cluster)} "${resourceName}"`, pools, poolsUnknown: block === UNKNOWN };
}

/** The node pool view of an AgentPool (or classic KubernetesClusterNodePool) resource; undefined for any other type. */
export function agentPoolView(type: string, props: Obj, resourceName: string): NodePoolView | undefined {
    if (type === CLASSIC.nodePool) {
        const p = classicNodePool(props);
        const name = str(p.props, "name") ?? resourceName;
        return { pool: p.props, field: f => p.fields(f), name, label: `node pool "${name}"`, separate: true, classic: true };
    }
    if (!isAgentPool(type)) return undefined;
    const name = str(props, "agentPoolName") ?? str(props, "name") ?? resourceName;
    return { pool: props, field: f => ({ name: f }), name, label: `node pool "${name}"`, separate: true, classic: false };
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
 * Why a cluster setting that must be on is not, as a message clause naming the field as the user
 * wrote it and its fix (`does not set securityProfile.imageCleaner.enabled; set it to true`,
 * `leaves runCommandEnabled at its default (true); set it to false`), or undefined when it is on
 * or unknown.
 */
export function clusterNotOn(cluster: ClusterView, path: readonly string[]): string | undefined {
    return notOn(cluster.props, path, cluster.fields);
}

/** The same for a node pool setting (`enableEncryptionAtHost`). */
export function poolNotOn(pool: NodePoolView, field: string): string | undefined {
    return notOn(pool.pool, [field], () => pool.field(field));
}

// ---- Policies ---------------------------------------------------------------------------

/** Where a cluster or node pool lands for exemptions: azure-native as azureLanding says; a classic one by its `name` too. */
export function azureClusterLanding(resourceName: string, type: string, props: Obj): ReturnType<typeof azureLanding> {
    return azureLanding(resourceName, type, props, type.startsWith("azure:") ? "name" : undefined);
}

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
    const notAKind = (type: string) => notAKindReason(info.name, type);
    const policy = withMetadata(info, false, {
        validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
            const cluster = isManagedCluster(args.type);
            if (!cluster && !(checks.nodePool && isAgentPool(args.type))) return notApplicable(args, notAKind(args.type));
            const props = rawProps(args.props);
            const cfg = configOf(info, args);
            if (isExempt(cfg, azureClusterLanding(args.name, args.type, props))) return notApplicable(args, exemptedReason(info.name, "excludeResources"));
            const view = cluster ? clusterView(args.type, props, args.name)! : undefined;
            judgeResource(args, reportViolation, found => {
                const report: Report = message => found(`${typeName(args.type)} "${args.name}": ${message}`);
                if (view) {
                    checks.cluster?.(view, cfg, report);
                    // Pools not known yet are deferred: read again here, they name the field in the reason.
                    if (checks.nodePool && view.poolsUnknown) readPools(args.type, props);
                    if (checks.nodePool) for (const p of view.pools) checks.nodePool(p, cfg, report);
                } else {
                    checks.nodePool!(agentPoolView(args.type, props, args.name)!, cfg, report);
                }
            }, view?.props);
        },
        judges: declaredFilter(checks.nodePool ? [...CLUSTER_TYPES, ...NODE_POOL_TYPES] : CLUSTER_TYPES,
            type => isManagedCluster(type) || (!!checks.nodePool && isAgentPool(type))),
    });
    return outsideIs(policy, notAKind);
}

/** A rule over each ManagedCluster (any API version). */
export function clusterPolicy<S extends ConfigSchema = {}>(info: PolicyMetadata<S>, check: NonNullable<AksChecks<S>["cluster"]>): ResourceValidationPolicy & AksGuardPolicy {
    return aksPolicy(info, { cluster: check });
}

/** A rule over each node pool: inside a ManagedCluster's `agentPoolProfiles` and as a separate AgentPool. */
export function nodePoolPolicy<S extends ConfigSchema = {}>(info: PolicyMetadata<S>, check: NonNullable<AksChecks<S>["nodePool"]>): ResourceValidationPolicy & AksGuardPolicy {
    return aksPolicy(info, { nodePool: check });
}

