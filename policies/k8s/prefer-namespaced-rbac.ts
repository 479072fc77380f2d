// k8s-prefer-namespaced-rbac
// Access is granted per namespace: a ClusterRoleBinding (which grants its ClusterRole in every
// namespace and on cluster-scoped resources) is reported for every subject that is not a
// Kubernetes system identity (ServiceAccounts included), since a RoleBinding in the namespaces the
// subject works in would do. A binding cannot show whether its ClusterRole needs cluster-scoped
// resources, so the platform team lists the ClusterRoles that do in `allowedClusterRoles` (globs on
// roleRef.name, default system:auth-delegator, which webhooks and metrics servers need).
import { matchesAny } from "../lib/exemptions";
import { objectPolicy } from "../lib/policy";
import { BINDING_KINDS, isSystemSubject, roleRefOf, subjectsOf } from "../lib/rbac";
import { UNKNOWN } from "../lib/values";

export const preferNamespacedRbac = objectPolicy({
    name: "k8s-prefer-namespaced-rbac",
    practice: "6.1",
    description: "Grant roles with RoleBindings per namespace rather than ClusterRoleBindings, unless the role needs cluster-scoped resources.",
    enforcementLevel: "advisory",
    severity: "medium",
    remediationSteps: "Replace the ClusterRoleBinding with a RoleBinding (which may reference the same ClusterRole) in each namespace the subject works in; if the ClusterRole needs cluster-scoped resources, add it to allowedClusterRoles.",
    config: {
        allowedClusterRoles: {
            type: "array", items: { type: "string" }, default: ["system:auth-delegator"],
            description: "ClusterRoles (globs on roleRef.name) that need cluster-scoped resources and may be bound with a ClusterRoleBinding.",
        },
    },
}, { ClusterRoleBinding: BINDING_KINDS.ClusterRoleBinding }, (binding, cfg, report) => {
    const { name } = roleRefOf(binding);
    if (name === UNKNOWN || (name === undefined && binding.partial)) return; // cannot tell whether it is allowed yet
    if (name !== undefined && matchesAny(cfg.allowedClusterRoles, name)) return;
    for (const s of subjectsOf(binding)) {
        if (isSystemSubject(s) !== false) continue;
        report(`${s.label} is bound cluster-wide to the ClusterRole in ${binding.path}roleRef; bind it with a RoleBinding in the namespaces it works in, or list the ClusterRole in allowedClusterRoles if it needs cluster-scoped resources.`);
    }
});
