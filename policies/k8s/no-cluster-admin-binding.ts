// k8s-no-cluster-admin-binding
// No one but Kubernetes itself is bound to the ClusterRole cluster-admin (by any binding), nor to
// the ClusterRoles admin or edit through a ClusterRoleBinding (which grants them in every
// namespace). A binding to any Role or ClusterRole that the stack declares with a rule granting a
// `*` verb on `*` resources in the `*` API group is judged exactly like one to cluster-admin,
// whatever the role's name (the stack part: a binding alone cannot show its role's rules; a role
// whose rules are not known yet, such as an aggregated ClusterRole, is deferred). Only `system:`
// users and groups such as system:masters or system:nodes are exempt; ServiceAccounts, users
// named system:serviceaccount:..., the groups system:serviceaccounts(:ns) and the everyone
// identities (system:authenticated, system:unauthenticated, system:anonymous) are judged like
// anyone else.
import { isExempt, k8sLanding } from "../lib/exemptions";
import { objectPolicy, PolicyMetadata, withStackPart } from "../lib/policy";
import { k8sPatterns } from "../lib/tokens";
import { BINDING_KINDS, boundRole, grantsEverything, isSystemSubject, knownRules, roleRefOf, ROLE_KINDS, stackObjects, stackRoles, subjectsOf } from "../lib/rbac";
import { K8sObject } from "../lib/k8s";
import { UNKNOWN } from "../lib/values";

const ANYWHERE = new Set(["cluster-admin"]);
const CLUSTER_WIDE = new Set(["admin", "edit"]);

const info: PolicyMetadata = {
    name: "k8s-no-cluster-admin-binding",
    practice: "6.1",
    description: "Only Kubernetes system identities may be bound to cluster-admin (or a role granting everything like it), or to admin/edit cluster-wide.",
    enforcementLevel: "mandatory",
    severity: "critical",
    remediationSteps: "Bind a narrower Role or ClusterRole with a RoleBinding in the namespaces the subject works in; keep cluster-admin (and roles granting * on * in every API group) for break-glass access outside of code.",
};

/** Whether the resource part already judges this binding by its role's name. */
function judgedByName(binding: K8sObject): boolean {
    const ref = roleRefOf(binding);
    if (ref.kind !== "ClusterRole" || typeof ref.name !== "string") return false;
    return ANYWHERE.has(ref.name) || (binding.kind === "ClusterRoleBinding" && CLUSTER_WIDE.has(ref.name));
}

const how = (binding: K8sObject) => binding.kind === "ClusterRoleBinding" ? "cluster-wide" : "in its namespace";

const byName = objectPolicy(info, BINDING_KINDS, (binding, _cfg, report) => {
    if (!judgedByName(binding)) return; // unknown, missing or another role: the stack part judges its rules
    const name = roleRefOf(binding).name as string;
    for (const s of subjectsOf(binding)) {
        if (isSystemSubject(s) !== false) continue;
        report(`${s.label} is bound ${how(binding)} to ClusterRole ${name} (${binding.path}roleRef); bind a narrower role with a RoleBinding in the namespaces it needs.`);
    }
});

export const noClusterAdminBinding = withStackPart(byName, info, k8sPatterns({ ...ROLE_KINDS, ...BINDING_KINDS }), (resources, cfg, report) => {
    const roles = stackRoles(resources);
    for (const b of stackObjects(resources, BINDING_KINDS)) {
        if (judgedByName(b.o) || isExempt(cfg, k8sLanding(b.o, b.resource.provider))) continue;
        const declared = boundRole(b, roles);
        if (declared === UNKNOWN) continue;
        // The first rule, of any declaration of the role, that certainly grants everything.
        let everything: { role: K8sObject; path: string } | undefined;
        for (const r of declared) {
            const rules = knownRules(r.o);
            const rule = rules === UNKNOWN ? undefined : rules.find(x => grantsEverything(x.rule) === true);
            if (rule) { everything = { role: r.o, path: rule.path }; break; }
        }
        if (!everything) continue; // not like cluster-admin, or its rules are not known yet
        for (const s of subjectsOf(b.o)) {
            if (isSystemSubject(s) !== false) continue;
            report(`${b.o.label}: ${s.label} is bound ${how(b.o)} to ${everything.role.label} (${b.o.path}roleRef), whose ${everything.path} grants every verb on every resource in every API group, like cluster-admin; bind a narrower role with a RoleBinding in the namespaces it needs.`, b.resource.urn);
        }
    }
});
