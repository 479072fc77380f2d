// k8s-no-cluster-admin-binding
// No one but Kubernetes itself is bound to the ClusterRole cluster-admin (by any binding), nor to
// the ClusterRoles admin or edit through a ClusterRoleBinding (which grants them in every
// namespace). Only `system:` users and groups such as system:masters or system:nodes are exempt;
// ServiceAccounts, users named system:serviceaccount:..., the groups system:serviceaccounts(:ns)
// and the everyone identities (system:authenticated, system:unauthenticated, system:anonymous)
// are judged like anyone else.
import { objectPolicy } from "../lib/policy";
import { BINDING_KINDS, isSystemSubject, roleRefOf, subjectsOf } from "../lib/rbac";

const ANYWHERE = new Set(["cluster-admin"]);
const CLUSTER_WIDE = new Set(["admin", "edit"]);

export const noClusterAdminBinding = objectPolicy({
    name: "k8s-no-cluster-admin-binding",
    practice: "6.1",
    description: "Only Kubernetes system identities may be bound to cluster-admin, or to admin/edit cluster-wide.",
    enforcementLevel: "mandatory",
    severity: "critical",
    remediationSteps: "Bind a narrower Role or ClusterRole with a RoleBinding in the namespaces the subject works in; keep cluster-admin for break-glass access outside of code.",
}, BINDING_KINDS, (binding, _cfg, report) => {
    const ref = roleRefOf(binding);
    if (ref.kind !== "ClusterRole" || typeof ref.name !== "string") return; // unknown or missing: deferred
    const clusterWide = binding.kind === "ClusterRoleBinding";
    if (!ANYWHERE.has(ref.name) && !(clusterWide && CLUSTER_WIDE.has(ref.name))) return;
    const how = clusterWide ? "cluster-wide" : "in its namespace";
    for (const s of subjectsOf(binding)) {
        if (isSystemSubject(s) !== false) continue;
        report(`${s.label} is bound ${how} to ClusterRole ${ref.name} (${binding.path}roleRef); bind a narrower role with a RoleBinding in the namespaces it needs.`);
    }
});
