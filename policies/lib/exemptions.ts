// Exemptions: the config keys every policy takes (excludeResources, excludeNamespaces) and the one
// reading of where an object lands that they match, for Kubernetes objects and Azure resources
// alike. Resource policies and the stack helpers ask here; no policy matches them on its own.
import { CLUSTER_SCOPED_KINDS, K8sObject, landingNamespace, namespaceOr, ProviderRef } from "./k8s";
import { isAzureType } from "./tokens";
import { Obj, str, Unknown, UNKNOWN } from "./values";

/** The keys every policy takes; Kubernetes policies also take excludeNamespaces. */
export interface CommonConfig {
    excludeResources: string[];
    excludeNamespaces: string[];
}

/**
 * Where an object lands, as exemptions see it: the names excludeResources may match, and (for a
 * Kubernetes object) the namespace excludeNamespaces may match. Names come in two kinds, so that
 * only what the platform owns can match: `qualified` names (`namespace/name` of a namespaced
 * Kubernetes object, its metadata after --namespace or the provider's default) are matched by
 * patterns with a `/`; `plain` names (an Azure resource's Pulumi and Azure names, a cluster-scoped
 * Kubernetes object's name) by patterns without one. A Kubernetes object's Pulumi resource name
 * is chosen by the application's program, so it is never matched. The namespace is UNKNOWN while
 * it is computed during preview, and undefined where none applies (cluster-scoped objects, Azure
 * resources, stack objects judged by namespace).
 */
export interface Landing {
    plain: string[];
    qualified: string[];
    namespace?: string | Unknown;
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

/** True when config exempts anything at all; when it does not, no landing need be worked out. */
export function exemptsAny(cfg: CommonConfig): boolean {
    return (Array.isArray(cfg.excludeResources) && cfg.excludeResources.length > 0) ||
        (Array.isArray(cfg.excludeNamespaces) && cfg.excludeNamespaces.length > 0);
}

/** Whether an excludeResources pattern matches a landing's names of its kind (with `/`: qualified; without: plain). */
function namesMatch(patterns: unknown, landing: Landing): boolean {
    if (!Array.isArray(patterns)) return false;
    return patterns.some(p => typeof p === "string" &&
        (p.includes("/") ? landing.qualified : landing.plain).some(n => globMatch(p, n)));
}

/**
 * True when config exempts what lands there: excludeResources matches one of its names, or
 * excludeNamespaces (when set) matches its namespace. A namespace computed during preview cannot
 * be matched yet: when namespaces are exempted it is deferred (exempt) until `pulumi up`.
 */
export function isExempt(cfg: CommonConfig, landing: Landing): boolean {
    if (namesMatch(cfg.excludeResources, landing)) return true;
    if (!Array.isArray(cfg.excludeNamespaces) || cfg.excludeNamespaces.length === 0) return false;
    return landing.namespace === UNKNOWN || (landing.namespace !== undefined && matchesAny(cfg.excludeNamespaces, landing.namespace));
}

/**
 * A Kubernetes object's landing from its kind, metadata.name and effective namespace: a
 * cluster-scoped object by its name alone, a namespaced one by `namespace/name` once the namespace
 * is known.
 */
function k8sObjectLanding(kind: string, name: string, ns: string | Unknown): Landing {
    if (CLUSTER_SCOPED_KINDS.has(kind)) return { plain: [name], qualified: [] };
    return { plain: [], qualified: ns === UNKNOWN ? [] : [`${ns}/${name}`], namespace: ns };
}

/** Where a Kubernetes object lands: its own namespace, else its provider's (see effectiveNamespace). */
export function k8sLanding(o: K8sObject, provider: ProviderRef | undefined): Landing {
    // A cluster-scoped view may still name a namespace of its own (a Namespace view is "in" itself).
    if (CLUSTER_SCOPED_KINDS.has(o.kind)) return { plain: [o.name], qualified: [], namespace: typeof o.namespace === "string" ? o.namespace : undefined };
    return k8sObjectLanding(o.kind, o.name, landingNamespace(o, provider));
}

/**
 * Where an object a stack policy counts lands, by name only: the stack policies judge namespaces,
 * and exempt a namespace by excludeNamespaces where they judge it. `namespace` is the object's own
 * namespace field (a Helm release's spec namespace, or metadata.namespace).
 */
export function k8sStackLanding(kind: string, name: string, namespace: unknown, provider: ProviderRef | undefined): Landing {
    const { plain, qualified } = k8sObjectLanding(kind, name, namespaceOr(namespace, provider));
    return { plain, qualified };
}

/** A namespace a stack policy judges lands in itself: excludeNamespaces exempts it by name. */
export function namespaceLanding(name: string): Landing {
    return { plain: [], qualified: [], namespace: name };
}

/**
 * Where an Azure resource lands: its Pulumi name and its Azure name (`resourceName` of a cluster,
 * `cluster/pool` for an AgentPool, else the type's `nameProperty`).
 */
export function azureLanding(resourceName: string, type: string, props: Obj, nameProperty?: string): Landing {
    const names = [resourceName];
    const cluster = isAzureType(type, "containerservice", "ManagedCluster");
    if (cluster || isAzureType(type, "containerservice", "AgentPool")) {
        const azureName = str(props, "resourceName");
        const pool = str(props, "agentPoolName");
        if (azureName !== undefined && cluster) names.push(azureName);
        else if (azureName !== undefined && pool !== undefined) names.push(`${azureName}/${pool}`);
    } else if (nameProperty !== undefined) {
        const azureName = str(props, nameProperty);
        if (azureName !== undefined) names.push(azureName);
    }
    // An AgentPool's Azure name `cluster/pool` has a `/` of its own: both kinds of pattern see Azure names.
    return { plain: names, qualified: names };
}
