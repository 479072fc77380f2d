// Namespaces as the stack sees them: the namespace an object really lands in (its own
// metadata.namespace, else its provider's), which namespaces a stack creates and which it deploys
// into, and the guards each has (NetworkPolicies, ResourceQuotas, LimitRanges). Anything the pack
// cannot place yet (a computed name, an explicit provider whose namespace it cannot see) is kept
// apart so that the stack policies defer instead of reporting a guard as missing.
// Namespaces are keyed by name: a stack that targets several clusters through several providers
// is judged as if they shared one set of namespaces. A Namespace without metadata.name is
// auto-named by the provider (the engine sends the checked name); until then it is not judged.
import type { PolicyResource } from "@pulumi/policy";
import { customResourceObjects } from "./custom-resources";
import { CommonConfig, isExempt, k8sStackLanding, matchesAny, namespaceLanding } from "./exemptions";
import { effectiveNamespace, K8sObject, k8sObjects, namespaceOr } from "./k8s";
import { k8sPatterns, KindGroups } from "./tokens";
import { allOf, get, Maybe, rawProps, UNKNOWN } from "./values";
import { WORKLOAD_KINDS } from "./workload";

/** Namespaces that belong to the cluster itself, not to an application. */
export const SYSTEM_NAMESPACES: readonly string[] = ["kube-system", "kube-public", "kube-node-lease"];

/** Where the Istio control plane runs (open-source Istio, the AKS add-on): never injected, never judged for injection. */
export const MESH_CONTROL_PLANE_NAMESPACES: readonly string[] = ["istio-system", "aks-istio-system"];

export const NAMESPACE_KINDS: KindGroups = { Namespace: ["core"] };
export const NETWORK_POLICY_KINDS: KindGroups = { NetworkPolicy: ["networking.k8s.io", "extensions"] };
export const QUOTA_KINDS: KindGroups = { ResourceQuota: ["core"], LimitRange: ["core"] };
/**
 * What "deploying into a namespace" means: pods (every workload kind that runs them; a PodTemplate
 * runs nothing) and the Services in front of them.
 */
export const DEPLOYED_KINDS: KindGroups = Object.fromEntries(
    Object.entries({ ...WORKLOAD_KINDS, Service: ["core"] }).filter(([kind]) => kind !== "PodTemplate"));

/** Every type stackNamespaces reads, as declared for `aks-guard list --types`. */
export const STACK_NAMESPACE_TYPES = k8sPatterns({ ...NAMESPACE_KINDS, ...DEPLOYED_KINDS, ...NETWORK_POLICY_KINDS, ...QUOTA_KINDS });

/** An object of the stack, for messages (label) and for attaching a report to its resource (urn). */
export interface Anchor {
    label: string;
    urn: string;
}


export interface NetworkPolicyFacts extends Anchor {
    /** spec.podSelector selects every pod of the namespace. */
    selectsAllPods: Maybe;
    /** The effective policyTypes include Ingress / Egress. */
    ingress: Maybe;
    egress: Maybe;
    /** A spec.ingress / spec.egress rule allows all traffic of that direction (no peers and no ports). */
    ingressAllowsAll: Maybe;
    egressAllowsAll: Maybe;
}

export interface NamespaceFacts {
    name: string;
    /** The Namespace object that creates it, when the stack does. */
    created?: Anchor;
    /** Workloads and Services the stack deploys into it. */
    deployed: Anchor[];
    networkPolicies: NetworkPolicyFacts[];
    /** ResourceQuotas and LimitRanges in it. */
    quotas: Anchor[];
}

export interface StackNamespaces {
    /** Every namespace the stack names, by name. */
    byName: Map<string, NamespaceFacts>;
    /** NetworkPolicies whose namespace is not known yet and that may be a default deny: they may guard any namespace. */
    unplacedNetworkPolicies: number;
    /** ResourceQuotas/LimitRanges whose namespace is not known yet. */
    unplacedQuotas: number;
}


/** An empty matchLabels/matchExpressions: missing, null, {} or []. */
function emptySelectorPart(v: unknown): Maybe {
    if (v === UNKNOWN) return UNKNOWN;
    if (v === undefined || v === null) return true;
    if (Array.isArray(v)) return v.length === 0;
    if (typeof v === "object") return Object.keys(v as object).length === 0;
    return false;
}

/**
 * Whether a NetworkPolicy's podSelector selects all pods. A missing podSelector decodes to the empty
 * selector on the API server (it is not a pointer), so it selects all pods too, except in a Patch,
 * where the live object keeps its own.
 */
export function selectsAllPods(np: K8sObject): Maybe {
    const sel = get(np.obj, "spec", "podSelector");
    if (sel === UNKNOWN) return UNKNOWN;
    if (sel === undefined || sel === null) return np.partial ? UNKNOWN : true;
    if (typeof sel !== "object" || Array.isArray(sel)) return false;
    return allOf(emptySelectorPart(get(sel, "matchLabels")), emptySelectorPart(get(sel, "matchExpressions")));
}

/**
 * The effective policyTypes (API defaulting): the list when it is set, otherwise Ingress, plus Egress
 * when spec.egress has rules. A Patch that leaves policyTypes alone keeps the live object's.
 */
export function policyTypes(np: K8sObject): { ingress: Maybe; egress: Maybe } {
    const types = get(np.obj, "spec", "policyTypes");
    if (types === UNKNOWN) return { ingress: UNKNOWN, egress: UNKNOWN };
    if (Array.isArray(types) && types.length > 0) {
        const values = types.map(t => get(t));
        const has = (name: string): Maybe => values.includes(name) ? true : values.includes(UNKNOWN) ? UNKNOWN : false;
        return { ingress: has("Ingress"), egress: has("Egress") };
    }
    if (types !== undefined && types !== null && !Array.isArray(types)) return { ingress: false, egress: false };
    if (np.partial) return { ingress: UNKNOWN, egress: UNKNOWN };
    const egress = get(np.obj, "spec", "egress");
    return { ingress: true, egress: egress === UNKNOWN ? UNKNOWN : Array.isArray(egress) && egress.length > 0 };
}

/** An empty list of peers or ports: missing, null or []. A wrong type is not empty. */
function emptyList(v: unknown): Maybe {
    if (v === UNKNOWN) return UNKNOWN;
    return v === undefined || v === null || (Array.isArray(v) && v.length === 0);
}

/**
 * Whether a direction's rules (spec.ingress with `from`, spec.egress with `to`) include one that
 * allows all traffic: a rule with no peers and no ports (`ingress: [{}]`) matches every source or
 * destination on every port. A null rule decodes to the empty rule. A Patch that leaves the rules
 * alone keeps the live object's.
 */
export function allowsAll(np: K8sObject, direction: "ingress" | "egress"): Maybe {
    const rules = get(np.obj, "spec", direction);
    if (rules === UNKNOWN) return UNKNOWN;
    if (rules === undefined && np.partial) return UNKNOWN;
    if (!Array.isArray(rules)) return false;
    const peers = direction === "ingress" ? "from" : "to";
    const verdicts = rules.map((_, i): Maybe => {
        const rule = get(rules, i);
        if (rule === UNKNOWN) return UNKNOWN;
        if (rule === null) return true;
        if (typeof rule !== "object" || Array.isArray(rule)) return false;
        return allOf(emptyList(get(rule, peers)), emptyList(get(rule, "ports")));
    });
    return verdicts.includes(true) ? true : verdicts.includes(UNKNOWN) ? UNKNOWN : false;
}

const not = (x: Maybe): Maybe => x === UNKNOWN ? UNKNOWN : !x;

/**
 * Whether a NetworkPolicy is a default deny for its namespace: all pods, Ingress and Egress, and no
 * rule that allows all traffic of either direction.
 */
export function isDefaultDeny(np: NetworkPolicyFacts): Maybe {
    return allOf(np.selectsAllPods, np.ingress, np.egress, not(np.ingressAllowsAll), not(np.egressAllowsAll));
}

/**
 * The namespaces of a stack and their guards. Objects that config exempts by excludeResources
 * (resource name or namespace/name, see k8sStackLanding) are left out.
 */
export function stackNamespaces(resources: PolicyResource[], cfg: CommonConfig): StackNamespaces {
    const byName = new Map<string, NamespaceFacts>();
    const facts = (name: string): NamespaceFacts => {
        let f = byName.get(name);
        if (!f) byName.set(name, f = { name, deployed: [], networkPolicies: [], quotas: [] });
        return f;
    };
    const out: StackNamespaces = { byName, unplacedNetworkPolicies: 0, unplacedQuotas: 0 };

    for (const r of resources) {
        const props = rawProps(r.props);
        const each = (kinds: KindGroups, fn: (o: K8sObject) => void) => {
            for (const o of k8sObjects(r.type, props, r.name, kinds)) {
                if (!isExempt(cfg, k8sStackLanding(o.kind, o.name, o.namespace, r.provider))) fn(o);
            }
        };
        const where = (o: K8sObject) => effectiveNamespace(o, r.provider);

        // A Namespace object creates its namespace; a NamespacePatch changes one that exists.
        each(NAMESPACE_KINDS, o => {
            const name = get(o.obj, "metadata", "name");
            if (!o.partial && typeof name === "string" && name !== "") facts(name).created ??= { label: o.label, urn: r.urn };
        });
        each(DEPLOYED_KINDS, o => {
            const ns = where(o);
            if (!o.partial && typeof ns === "string") facts(ns).deployed.push({ label: o.label, urn: r.urn });
        });
        each(NETWORK_POLICY_KINDS, o => {
            const ns = where(o);
            const np: NetworkPolicyFacts = {
                label: o.label, urn: r.urn, selectsAllPods: selectsAllPods(o), ...policyTypes(o),
                ingressAllowsAll: allowsAll(o, "ingress"), egressAllowsAll: allowsAll(o, "egress"),
            };
            // An unplaced policy may guard any namespace, unless it is known not to be a default deny.
            if (typeof ns !== "string") { if (isDefaultDeny(np) !== false) out.unplacedNetworkPolicies++; return; }
            facts(ns).networkPolicies.push(np);
        });
        each(QUOTA_KINDS, o => {
            const ns = where(o);
            if (typeof ns !== "string") { out.unplacedQuotas++; return; }
            facts(ns).quotas.push({ label: o.label, urn: r.urn });
        });
        // A Helm v3 Release deploys its chart's workloads into spec `namespace` (a v4 Chart's
        // children are resources of their own and are counted above).
        if (/^kubernetes:helm\.sh\/v3:Release$/.test(r.type)) {
            const ns = namespaceOr(get(props, "namespace"), r.provider);
            if (typeof ns === "string" && !isExempt(cfg, k8sStackLanding("Release", r.name, ns, r.provider))) {
                facts(ns).deployed.push({ label: `Release "${ns}/${r.name}"`, urn: r.urn });
            }
        }
    }
    return out;
}

/**
 * The namespaces a stack policy judges: those it creates, and (when `deployedToo`) those it
 * deploys into. System namespaces are judged only when the stack itself declares them;
 * excludeNamespaces (globs) exempts a namespace by name (see namespaceLanding).
 */
export function judgedNamespaces(st: StackNamespaces, cfg: CommonConfig, deployedToo: boolean): NamespaceFacts[] {
    return [...st.byName.values()].filter(f =>
        (f.created !== undefined || (deployedToo && f.deployed.length > 0 && !SYSTEM_NAMESPACES.includes(f.name))) &&
        !isExempt(cfg, namespaceLanding(f.name)));
}

/** How a report names a namespace: `Namespace "apps"`, or where it comes from when the stack does not create it. */
export function namespaceLabel(f: NamespaceFacts): string {
    if (f.created) return `Namespace "${f.name}"`;
    const by = f.deployed[0];
    return `namespace "${f.name}" (not created by this stack; ${by ? `${by.label} deploys into it` : "used by it"})`;
}

/** The resource a namespace's report is attached to: its Namespace object, else the first object deployed into it. */
export function namespaceUrn(f: NamespaceFacts): string | undefined {
    return f.created?.urn ?? f.deployed[0]?.urn;
}

/**
 * Whether a Namespace object turns Istio sidecar injection on: `istio-injection: enabled`, or a
 * non-empty `istio.io/rev` label when `istio-injection` is absent (istio-injection takes
 * precedence, as in Istio's injector webhooks). Label values compare case-sensitively.
 */
export function sidecarInjection(ns: K8sObject): Maybe {
    const labels = get(ns.obj, "metadata", "labels");
    if (labels === UNKNOWN) return UNKNOWN;
    const injection = get(labels, "istio-injection");
    if (injection === UNKNOWN) return UNKNOWN;
    if (injection !== undefined && injection !== null) return injection === "enabled";
    const rev = get(labels, "istio.io/rev");
    return rev === UNKNOWN ? UNKNOWN : typeof rev === "string" && rev !== "";
}

/** A Namespace the stack declares with sidecar injection on. */
export interface MeshNamespace extends Anchor {
    name: string;
}

/**
 * The namespaces the stack declares (Namespace objects, typed or generic, Patch and List too) with
 * sidecar injection known to be on, except the system and control-plane namespaces and those
 * config exempts (excludeResources or excludeNamespaces by the namespace's own name).
 */
export function meshNamespaces(resources: PolicyResource[], cfg: CommonConfig): MeshNamespace[] {
    const out: MeshNamespace[] = [];
    for (const r of resources) {
        for (const o of customResourceObjects(r.type, rawProps(r.props), r.name, NAMESPACE_KINDS)) {
            const name = get(o.obj, "metadata", "name");
            if (typeof name !== "string" || name === "" || matchesAny(cfg.excludeResources, name)) continue;
            if (SYSTEM_NAMESPACES.includes(name) || MESH_CONTROL_PLANE_NAMESPACES.includes(name) || matchesAny(cfg.excludeNamespaces, name)) continue;
            if (sidecarInjection(o) === true) out.push({ label: o.label, urn: r.urn, name });
        }
    }
    return out;
}

/**
 * Whether the stack puts a Kubernetes object in namespace `name` or declares that Namespace: by an
 * object's own metadata.namespace (a Helm v3 Release's `namespace`), else the namespace its
 * provider is configured with. UNKNOWN while an object's own namespace is computed and nothing
 * known decides; an object whose namespace comes from a kubeconfig context does not count.
 */
export function stackUsesNamespace(resources: PolicyResource[], name: string): Maybe {
    let unknown = false;
    const placed = (own: unknown, provider: PolicyResource["provider"]): boolean => {
        if (own === UNKNOWN) { unknown = true; return false; }
        if (typeof own === "string" && own !== "") return own === name;
        return get(rawProps(provider?.props), "namespace") === name;
    };
    for (const r of resources) {
        if (!r.type.startsWith("kubernetes:")) continue;
        const props = rawProps(r.props);
        if (/^kubernetes:helm\.sh\/v3:Release$/.test(r.type)) {
            if (placed(get(props, "namespace"), r.provider)) return true;
            continue;
        }
        const items = /List$/.test(r.type) ? get(props, "items") : [props];
        if (items === UNKNOWN) { unknown = true; continue; }
        if (!Array.isArray(items)) continue;
        const namespaceKind = /:Namespace(Patch|List)?$/.test(r.type);
        for (const item of items) {
            const own = namespaceKind ? get(item, "metadata", "name") : get(item, "metadata", "namespace");
            if (namespaceKind ? own === name : placed(own, r.provider)) return true;
            if (namespaceKind && own === UNKNOWN) unknown = true;
        }
    }
    return unknown ? UNKNOWN : false;
}
