// k8s-mesh-authorization
// mTLS says who a caller is; authorization says who may talk to whom. Every Namespace the stack
// declares with Istio sidecar injection (`istio-injection: enabled`, or an `istio.io/rev` label
// without `istio-injection` overriding it) is covered by an Istio AuthorizationPolicy
// (security.istio.io, any version, as a typed or generic CustomResource) that applies to the whole
// namespace: no spec.selector and no spec.targetRef(s), action ALLOW, DENY or CUSTOM (AUDIT only
// logs), in that namespace or in the mesh root namespace (where it applies mesh-wide):
// `aks-istio-system` when the stack runs the AKS Istio add-on (a ManagedCluster with
// serviceMeshProfile.mode Istio) or puts any object in aks-istio-system, else `istio-system`;
// config meshRootNamespace overrides it. While an unknown value could decide between the two, a
// policy in either may be the one (deferred).
// An ALLOW policy with an empty rule (`rules: [{}]`, or a rule whose from/to/when are all empty)
// allows every request, so it covers nothing and is reported itself. An AuthorizationPolicy whose
// namespace, selector, action or rules are unknown defers the namespaces it could cover.
import type { PolicyResource } from "@pulumi/policy";
import { CLUSTER_TYPES, isManagedCluster } from "../lib/azure";
import { isExempt, k8sLanding, matchesAny } from "../lib/exemptions";
import { customResourceObjects, GENERIC_TYPES } from "../lib/custom-resources";
import { effectiveNamespace, K8sObject } from "../lib/k8s";
import { MESH_CONTROL_PLANE_NAMESPACES as CONTROL_PLANE, meshNamespaces, NAMESPACE_KINDS, stackUsesNamespace } from "../lib/namespaces";
import { stackPolicy } from "../lib/policy";
import { k8sPatterns, KindGroups } from "../lib/tokens";
import { allOf, anyOf, get, Maybe, rawProps, sameIgnoringCase, UNKNOWN } from "../lib/values";

const AUTHORIZATION_KINDS: KindGroups = { AuthorizationPolicy: ["security.istio.io"] };

const not = (x: Maybe): Maybe => (x === UNKNOWN ? UNKNOWN : !x);

/** Missing, null, or an empty list/object: a match condition that matches everything. */
function empty(v: unknown): Maybe {
    if (v === UNKNOWN) return UNKNOWN;
    if (v === undefined || v === null) return true;
    if (Array.isArray(v)) return v.length === 0;
    return typeof v === "object" && Object.keys(v as object).length === 0;
}

/** A WorkloadSelector that selects every workload: none, or no matchLabels (the empty label set matches all). */
function selectsAll(selector: unknown): Maybe {
    if (selector === UNKNOWN || selector === undefined || selector === null) return selector === UNKNOWN ? UNKNOWN : true;
    if (typeof selector !== "object" || Array.isArray(selector)) return false;
    return empty(get(selector, "matchLabels"));
}

/** Whether the policy's action is `action` (ALLOW when unset, as in Istio). */
function actionIs(o: K8sObject, action: string): Maybe {
    const a = get(o.obj, "spec", "action");
    if (a === UNKNOWN) return UNKNOWN;
    return a === undefined || a === null ? action === "ALLOW" : sameIgnoringCase(a, action);
}

/** The index of an empty rule under ALLOW (which allows every request), UNKNOWN, or undefined. */
function allowAllRule(o: K8sObject): number | typeof UNKNOWN | undefined {
    const rules = get(o.obj, "spec", "rules");
    if (rules === UNKNOWN) return UNKNOWN;
    if (!Array.isArray(rules)) return undefined;
    let unknown = false;
    for (let i = 0; i < rules.length; i++) {
        const rule = get(rules, i);
        const emptyRule = rule === UNKNOWN ? UNKNOWN : rule === null ? true
            : typeof rule !== "object" || Array.isArray(rule) ? false
                : allOf(empty(get(rule, "from")), empty(get(rule, "to")), empty(get(rule, "when")));
        if (emptyRule === true) return i;
        if (emptyRule === UNKNOWN) unknown = true;
    }
    return unknown ? UNKNOWN : undefined;
}

interface Authorization {
    o: K8sObject;
    urn: string;
    namespace: string | typeof UNKNOWN;
    /** Applies to the whole namespace and actually restricts something. */
    coversNamespace: Maybe;
    /** An ALLOW policy with an empty rule: the rule's index, UNKNOWN, or undefined. */
    allowAll: number | typeof UNKNOWN | undefined;
}

function authorization(o: K8sObject, r: PolicyResource): Authorization {
    const allow = actionIs(o, "ALLOW");
    const empties = allowAllRule(o);
    const allowAll = allow === false ? undefined : allow === UNKNOWN && typeof empties === "number" ? UNKNOWN : empties;
    const wholeNamespace = allOf(selectsAll(get(o.obj, "spec", "selector")), empty(get(o.obj, "spec", "targetRef")), empty(get(o.obj, "spec", "targetRefs")));
    const enforcing = not(actionIs(o, "AUDIT"));
    const notAllowAll: Maybe = allowAll === undefined ? true : allowAll === UNKNOWN ? UNKNOWN : false;
    // A Patch leaves the live object's fields alone: what it does not set cannot be told.
    const coversNamespace = o.partial ? UNKNOWN : allOf(wholeNamespace, enforcing, notAllowAll);
    return { o, urn: r.urn, namespace: effectiveNamespace(o, r.provider), coversNamespace, allowAll };
}

/** The mesh root namespace: which namespace is it (UNKNOWN while an unknown value decides), and how messages name it. */
interface MeshRoot {
    is(namespace: string): Maybe;
    shown: string;
}

function meshRoot(resources: PolicyResource[], configured: unknown): MeshRoot {
    const fixed = (name: string): MeshRoot => ({ is: ns => ns === name, shown: `"${name}"` });
    if (typeof configured === "string" && configured !== "") return fixed(configured);
    const modes = resources.filter(r => isManagedCluster(r.type)).map(r => get(rawProps(r.props), "serviceMeshProfile", "mode"));
    const aksIstio = anyOf(modes.some(m => sameIgnoringCase(m, "Istio")) ? true : modes.includes(UNKNOWN) ? UNKNOWN : false,
        stackUsesNamespace(resources, "aks-istio-system"));
    if (aksIstio === true) return fixed("aks-istio-system");
    if (aksIstio === false) return fixed("istio-system");
    return { is: ns => (CONTROL_PLANE.includes(ns) ? UNKNOWN : false), shown: `("istio-system", or "aks-istio-system" for the AKS add-on)` };
}

export const meshAuthorization = stackPolicy({
    name: "k8s-mesh-authorization",
    practice: "7",
    description: "Every namespace with Istio sidecar injection must be covered by a namespace-wide Istio AuthorizationPolicy (in it or in the mesh root namespace), and no ALLOW policy may allow everything with an empty rule.",
    enforcementLevel: "advisory",
    severity: "medium",
    remediationSteps: "Add an AuthorizationPolicy (security.istio.io/v1) without a selector to the namespace: an allow-nothing policy (spec: {}) plus ALLOW policies that name the permitted sources (from.source.principals/namespaces) and operations; or a mesh-wide one in the root namespace (aks-istio-system for the AKS add-on). Replace rules: [{}] with rules that name who may call.",
    config: {
        meshRootNamespace: { type: "string", default: "", description: "The mesh root namespace (meshConfig.rootNamespace); empty: aks-istio-system when the stack runs the AKS Istio add-on or puts any object in aks-istio-system, else istio-system." },
    },
}, true, [...CLUSTER_TYPES, ...k8sPatterns({ ...AUTHORIZATION_KINDS, ...NAMESPACE_KINDS }), ...GENERIC_TYPES], (resources, cfg, report) => {
    const root = meshRoot(resources, cfg.meshRootNamespace);

    const policies: Authorization[] = [];
    for (const r of resources) {
        for (const o of customResourceObjects(r.type, rawProps(r.props), r.name, AUTHORIZATION_KINDS)) {
            if (!isExempt(cfg, { ...k8sLanding(o, r.provider), namespace: undefined })) policies.push(authorization(o, r));
        }
    }

    for (const p of policies) {
        if (typeof p.allowAll !== "number") continue;
        if (typeof p.namespace === "string" && matchesAny(cfg.excludeNamespaces, p.namespace)) continue;
        report(`${p.o.label}: ${p.o.path}spec.rules[${p.allowAll}] is an empty rule under action ALLOW, which allows every request; give the rule from/to/when conditions that name who may call, or remove it.`, p.urn);
    }

    for (const ns of meshNamespaces(resources, cfg)) {
        const covered = anyOf(...policies.map(p => allOf(
            p.namespace === UNKNOWN ? UNKNOWN : p.namespace === ns.name || root.is(p.namespace),
            p.coversNamespace,
        )));
        if (covered !== false) continue;
        report(`${ns.label}: has sidecar injection but no Istio AuthorizationPolicy without a selector covers it (in the namespace or in the mesh root namespace ${root.shown}), so any workload may call its services; add one, e.g. an allow-nothing policy (spec: {}) plus ALLOW policies naming the permitted sources.`, ns.urn);
    }
});
