// Stack linking for AKS: which clusters a stack declares, and whether another resource of the
// stack (a diagnostic setting, a cluster extension) belongs to a given cluster.
//
// A resource links to a cluster by what AnalyzeStack sends: its dependencies on the cluster's URN
// (propertyDependencies of the linking property first, then all dependencies), or by the
// cluster's id or name written in its properties (resourceUri, clusterName). A link that cannot be
// decided yet (a computed name, an unknown URI with no dependency to tell) is UNKNOWN: stack
// policies defer such clusters instead of reporting something as missing.
import type { PolicyResource } from "@pulumi/policy";
import { azureClusterLanding, ClusterView, clusterView, isAgentPool } from "./azure";
import { CLASSIC, classicTwinOf } from "./azure-classic";
import type { FieldNames } from "./azure-view";
import { azureLanding, CommonConfig, isExempt } from "./exemptions";
import { isAzureType } from "./tokens";
import { allOf, get, Maybe, Obj, rawProps, sameIgnoringCase, textOrUnknown, Unknown, UNKNOWN } from "./values";

export interface StackCluster {
    resource: PolicyResource;
    /** The shared cluster view (props, inline node pools, label). */
    view: ClusterView;
    props: Obj;
    /** The Pulumi resource name (messages use it; never a property value). */
    name: string;
    /** The Azure name (resourceName, else the name output): UNKNOWN when computed, undefined when absent. */
    azureName: string | undefined | Unknown;
    resourceGroup: string | undefined | Unknown;
    /** The ARM id output, once known. */
    id: string | undefined | Unknown;
    /** `ManagedCluster "aks"`. */
    label: string;
}

export interface StackResource {
    resource: PolicyResource;
    /** The properties in the neutral (azure-native) shape. */
    props: Obj;
    /** How the user wrote each neutral field (a classic twin's own names); absent: as azure-native names them. */
    fields?: FieldNames;
}

/**
 * The top-level property as the resource wrote it (the key of its propertyDependencies): the
 * neutral `parameters.associations` is `securityPolicies` on a classic Front Door security policy.
 */
export const written = (s: StackResource, property: string): string => (s.fields?.(property).name ?? property).split(/[.[]/)[0];

/**
 * The stack's resources of an azure-native type (any API version), with their raw properties, and
 * those of its classic @pulumi/azure twins adapted to the azure-native shape (CLASSIC_TWINS), except
 * those that config exempts where they land (see azureLanding).
 */
export function stackResources(resources: PolicyResource[], module: string, type: string, cfg: CommonConfig, nameProperty?: string): StackResource[] {
    return resources.flatMap((r): StackResource[] => {
        if (isAzureType(r.type, module, type)) return [{ resource: r, props: rawProps(r.props) }];
        const twin = classicTwinOf(module, type, r.type);
        if (!twin) return [];
        const { props, fields } = twin.adapt(rawProps(r.props));
        return [{ resource: r, props, fields }];
    }).filter(s => !isExempt(cfg, azureLanding(s.resource.name, s.resource.type, s.props, nameProperty)));
}

/**
 * Every AKS cluster the stack declares (ManagedCluster in any API version, and the classic
 * KubernetesCluster), except those that config exempts by their Pulumi or Azure name. `props` is
 * the neutral (azure-native) view of the cluster.
 */
export function stackClusters(resources: PolicyResource[], cfg: CommonConfig): StackCluster[] {
    const out: StackCluster[] = [];
    for (const resource of resources) {
        const raw = rawProps(resource.props);
        const view = clusterView(resource.type, raw, resource.name);
        if (!view || isExempt(cfg, azureClusterLanding(resource.name, resource.type, raw))) continue;
        const props = view.props;
        out.push({
            resource,
            view,
            props,
            name: resource.name,
            azureName: textOrUnknown(props, "resourceName") ?? textOrUnknown(props, "name"),
            resourceGroup: textOrUnknown(props, "resourceGroupName"),
            id: textOrUnknown(props, "id"),
            label: view.label,
        });
    }
    return out;
}

/** The stack's separate node pools (azure-native AgentPool in any version, classic KubernetesClusterNodePool), raw properties. */
export function stackNodePools(resources: PolicyResource[], cfg: CommonConfig): StackResource[] {
    return resources.filter(r => isAgentPool(r.type))
        .map(r => ({ resource: r, props: rawProps(r.props) }))
        .filter(s => !isExempt(cfg, azureClusterLanding(s.resource.name, s.resource.type, s.props)));
}

/**
 * Whether a separate node pool belongs to the cluster: an AgentPool by resourceName (and
 * resourceGroupName), a classic KubernetesClusterNodePool by kubernetesClusterId (the cluster's id).
 */
export function linkPoolToCluster(pool: StackResource, c: StackCluster): Maybe {
    return pool.resource.type === CLASSIC.nodePool ? linkByResourceId(pool, "kubernetesClusterId", c) : linkByClusterName(pool, "resourceName", c);
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** Anything a stack resource can link to: a cluster, a fleet, a subnet, a Front Door endpoint. */
export interface StackTarget {
    resource: PolicyResource;
    /** The Azure name: UNKNOWN when computed, undefined when absent (auto-named, so not known yet). */
    azureName: string | undefined | Unknown;
    resourceGroup: string | undefined | Unknown;
    /** The ARM id output, once known. */
    id: string | undefined | Unknown;
}

const dependsOn = (list: PolicyResource[] | undefined, c: StackTarget) =>
    Array.isArray(list) && list.some(d => d === c.resource || d?.urn === c.resource.urn);

/**
 * The link decided by dependencies when the linking property itself is unknown: the property's
 * own dependencies when the engine sent them, else the resource's dependencies. An unknown value
 * that depends on other resources only was computed from those; with no dependency at all (an
 * invoke, a stack reference) nothing can be told yet.
 */
export function linkByDependencies(r: PolicyResource, property: string, c: StackTarget): Maybe {
    // `property` is the key as the resource wrote it (see written()).
    const own = r.propertyDependencies?.[property];
    if (Array.isArray(own) && own.length > 0) return dependsOn(own, c);
    if (dependsOn(r.dependencies, c)) return true;
    return Array.isArray(r.dependencies) && r.dependencies.length > 0 ? false : UNKNOWN;
}

/** The linking property is absent (outputs may omit an input): only a dependency on the cluster links. */
function absent(s: StackResource, c: StackTarget): Maybe {
    return dependsOn(s.resource.dependencies, c);
}

/** Compares a cluster name (and resource group, when both are known) with the cluster's. */
function linkByName(name: string, group: unknown, c: StackTarget): Maybe {
    if (typeof group === "string" && typeof c.resourceGroup === "string" && !sameIgnoringCase(group, c.resourceGroup)) return false;
    if (c.azureName === UNKNOWN || c.azureName === undefined) return UNKNOWN;
    return sameIgnoringCase(name, c.azureName);
}

const clusterIdRE = /^\/subscriptions\/[^/]+\/resourceGroups\/([^/]+)\/providers\/Microsoft\.ContainerService\/managedClusters\/([^/]+)\/?$/i;

/** Whether the resource's `property` (an ARM resource id, such as resourceUri) is the cluster. */
export function linkByResourceId(s: StackResource, property: string, c: StackCluster): Maybe {
    const v = get(s.props, property);
    if (v === UNKNOWN) return linkByDependencies(s.resource, written(s, property), c);
    if (typeof v !== "string") return absent(s, c);
    if (typeof c.id === "string") return sameIgnoringCase(v.replace(/\/$/, ""), c.id.replace(/\/$/, ""));
    const m = clusterIdRE.exec(v);
    return m ? linkByName(m[2], m[1], c) : false;
}

/**
 * Whether a cluster extension-style resource names the cluster: `nameProperty` (clusterName) with
 * resourceGroupName, and clusterResourceName, when present, naming managed clusters (not Arc).
 */
export function linkByClusterName(s: StackResource, nameProperty: string, c: StackCluster): Maybe {
    const kind = get(s.props, "clusterResourceName");
    if (typeof kind === "string" && !sameIgnoringCase(kind, "managedClusters")) return false;
    return linkByNameProperty(s, nameProperty, c);
}

/**
 * Whether the resource's `nameProperty` (with its resourceGroupName, when both are known) names
 * the target: a FleetMember's fleetName, an Arc extension's clusterName. Unknown: by dependency.
 */
export function linkByNameProperty(s: StackResource, nameProperty: string, c: StackTarget): Maybe {
    const v = get(s.props, nameProperty);
    if (v === UNKNOWN) return linkByDependencies(s.resource, written(s, nameProperty), c);
    if (typeof v !== "string") return absent(s, c);
    return linkByName(v, get(s.props, "resourceGroupName"), c);
}

/** The stack's resources of an azure-native type as link targets, named by `nameProperty` (else the name output). */
export function stackTargets(resources: PolicyResource[], module: string, type: string, nameProperty: string, cfg: CommonConfig): (StackTarget & StackResource)[] {
    return stackResources(resources, module, type, cfg, nameProperty).map(s => ({
        ...s,
        azureName: textOrUnknown(s.props, nameProperty) ?? textOrUnknown(s.props, "name"),
        resourceGroup: textOrUnknown(s.props, "resourceGroupName"),
        id: textOrUnknown(s.props, "id"),
    }));
}

/**
 * Whether an ARM id `value` (read from the resource's `property`) names the target: equal to its
 * id output when known, else the id parsed by `pattern` (resource group, then the names of the
 * target and its parents, as `names` gives them). An unknown id is decided by dependencies; a
 * value that is not an id of that type is no link.
 */
export function linkByArmId(s: StackResource, property: string, value: unknown, t: StackTarget, pattern: RegExp, names: readonly (string | undefined | Unknown)[]): Maybe {
    if (value === UNKNOWN) return linkByDependencies(s.resource, written(s, property), t);
    if (typeof value !== "string" || value === "") return false;
    if (typeof t.id === "string") return sameIgnoringCase(value.replace(/\/$/, ""), t.id.replace(/\/$/, ""));
    const m = pattern.exec(value);
    if (!m) return false;
    const [group, ...rest] = m.slice(1);
    if (typeof t.resourceGroup === "string" && !sameIgnoringCase(group, t.resourceGroup)) return false;
    return allOf(...rest.map((part, i): Maybe => {
        const name = names[i];
        return typeof name === "string" ? sameIgnoringCase(part, name) : UNKNOWN;
    }));
}
