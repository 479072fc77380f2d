// k8s-prefer-namespaced-rbac
// Access is granted per namespace: a ClusterRoleBinding (which grants its ClusterRole in every
// namespace) is reported for every subject that is not a Kubernetes system identity
// (ServiceAccounts included) when a RoleBinding would do, that is when its ClusterRole is known
// and grants nothing a RoleBinding cannot: no cluster-scoped resource, no `*` or `*/sub` resource
// entry (both cover cluster-scoped resources), and no nonResourceURLs. The ClusterRole is known
// when the stack declares it (its rules are judged) or when it is one of Kubernetes' user-facing
// roles admin, edit and view, which Kubernetes means to be granted per namespace. A ClusterRole the
// stack does not declare is not judged; one whose rules are not known yet (computed, left to the
// live object by a Patch, or filled in by an aggregationRule) is deferred. `allowedClusterRoles`
// (globs on roleRef.name) lists ClusterRoles that may be bound cluster-wide anyway.
import { isExempt, k8sLanding, matchesAny } from "../lib/exemptions";
import { stackPolicy } from "../lib/policy";
import { k8sPatterns } from "../lib/tokens";
import { BINDING_KINDS, boundRole, isSystemSubject, isWildcardResource, knownRules, listHas, roleRefOf, ROLE_KINDS, stackObjects, stackRoles, subjectsOf } from "../lib/rbac";
import { anyOf, get, Maybe, UNKNOWN } from "../lib/values";

/**
 * The cluster-scoped resources of Kubernetes' built-in API groups: Kubernetes' API says which they
 * are, as `kubectl api-resources --namespaced=false` lists them (Kubernetes 1.34, its alpha and
 * beta groups included), less the self-reviews (selfsubjectaccessreviews, selfsubjectrulesreviews,
 * selfsubjectreviews) that every authenticated user may create anyway. A subresource (nodes/proxy)
 * is as scoped as its resource.
 */
const CLUSTER_SCOPED = new Set([
    "componentstatuses", "namespaces", "nodes", "persistentvolumes",
    "mutatingwebhookconfigurations", "validatingwebhookconfigurations",
    "validatingadmissionpolicies", "validatingadmissionpolicybindings",
    "mutatingadmissionpolicies", "mutatingadmissionpolicybindings",
    "customresourcedefinitions", "apiservices",
    "tokenreviews", "subjectaccessreviews",
    "certificatesigningrequests", "clustertrustbundles",
    "flowschemas", "prioritylevelconfigurations",
    "ingressclasses", "ipaddresses", "servicecidrs",
    "runtimeclasses", "priorityclasses",
    "clusterroles", "clusterrolebindings",
    "csidrivers", "csinodes", "storageclasses", "volumeattachments", "volumeattributesclasses",
    "deviceclasses", "resourceslices",
    "storageversions", "storageversionmigrations",
]);

/**
 * Kubernetes' user-facing ClusterRoles meant to be granted within a namespace with a RoleBinding
 * (https://kubernetes.io/docs/reference/access-authn-authz/rbac/#user-facing-roles).
 */
const NAMESPACE_ROLES = new Set(["admin", "edit", "view"]);

/** Whether a resources entry reaches a cluster-scoped resource. */
function clusterScoped(entry: string): boolean {
    return isWildcardResource(entry) || CLUSTER_SCOPED.has(entry.split("/")[0]);
}

/** Whether a rule grants something a RoleBinding cannot (a cluster-scoped resource or a non-resource URL). */
function needsClusterBinding(rule: unknown): Maybe {
    const urls = get(rule, "nonResourceURLs");
    const hasUrls: Maybe = urls === UNKNOWN ? UNKNOWN : Array.isArray(urls) && urls.length > 0;
    return anyOf(hasUrls, listHas(get(rule, "resources"), clusterScoped));
}

export const preferNamespacedRbac = stackPolicy({
    name: "k8s-prefer-namespaced-rbac",
    practice: "6.1",
    description: "Grant roles with RoleBindings per namespace rather than ClusterRoleBindings, unless the role needs cluster-scoped resources.",
    enforcementLevel: "advisory",
    severity: "medium",
    remediationSteps: "Replace the ClusterRoleBinding with a RoleBinding (which may reference the same ClusterRole) in each namespace the subject works in; keep a ClusterRoleBinding only for a ClusterRole that needs cluster-scoped resources or nonResourceURLs (or list it in allowedClusterRoles).",
    config: {
        allowedClusterRoles: {
            type: "array", items: { type: "string" }, default: ["system:auth-delegator"],
            description: "ClusterRoles (globs on roleRef.name) that may be bound with a ClusterRoleBinding whatever their rules.",
        },
    },
}, true, k8sPatterns({ ...ROLE_KINDS, ClusterRoleBinding: BINDING_KINDS.ClusterRoleBinding }), (resources, cfg, report) => {
    const roles = stackRoles(resources);
    for (const b of stackObjects(resources, { ClusterRoleBinding: BINDING_KINDS.ClusterRoleBinding })) {
        if (isExempt(cfg, k8sLanding(b.o, b.resource.provider))) continue;
        const { name } = roleRefOf(b.o);
        if (typeof name === "string" && matchesAny(cfg.allowedClusterRoles, name)) continue;
        const declared = boundRole(b, roles);
        if (declared === UNKNOWN || typeof name !== "string") continue; // deferred, or no role to judge
        if (declared.length === 0 && !NAMESPACE_ROLES.has(name)) continue; // not declared here: not judged
        const needs = anyOf(...declared.map(r => {
            const rules = knownRules(r.o);
            return rules === UNKNOWN ? UNKNOWN : anyOf(...rules.map(x => needsClusterBinding(x.rule)));
        }));
        if (needs !== false) continue; // needs a ClusterRoleBinding, or its rules are not known yet
        const role = declared.length > 0 ? declared[0].o.label : `ClusterRole ${name} (built in)`;
        for (const s of subjectsOf(b.o)) {
            if (isSystemSubject(s) !== false) continue;
            report(`${b.o.label}: ${s.label} is bound cluster-wide to ${role} (${b.o.path}roleRef), which grants nothing a RoleBinding cannot (no cluster-scoped resources, no nonResourceURLs); bind it with a RoleBinding in each namespace it works in.`, b.resource.urn);
        }
    }
});
