// Builders for stack-policy tests on AKS: clusters and the resources that link to them.
import { ResourceInput, urnOf } from "../../harness";
import { CLUSTER } from "./azure";

/** A managed cluster resource named `name` (Pulumi name; the Azure resourceName is `${name}-aks`). */
export function namedCluster(name: string, props: Record<string, unknown> = {}, type = CLUSTER): ResourceInput {
    return { type, name, props: { resourceGroupName: "rg", resourceName: `${name}-aks`, ...props } };
}

/** The URN the harness gives a resource (what dependencies name). */
export function urn(r: ResourceInput): string {
    return r.urn ?? urnOf(r.type, r.name);
}

/** The ARM id of a cluster built by `namedCluster()`. */
export function clusterId(name: string, group = "rg"): string {
    return `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/${group}/providers/Microsoft.ContainerService/managedClusters/${name}-aks`;
}

/** A resource that depends on others (by URN), as AnalyzeStack presents it. */
export function dependingOn<T extends ResourceInput>(r: T, ...on: ResourceInput[]): T {
    return { ...r, dependencies: on.map(urn) };
}

/** A resource whose `property` was computed from others (by URN): AnalyzeStack's propertyDependencies. */
export function propertyDependingOn<T extends ResourceInput>(r: T, property: string, ...on: ResourceInput[]): T {
    return { ...r, propertyDependencies: { ...r.propertyDependencies, [property]: on.map(urn) } };
}
