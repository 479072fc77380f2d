// k8s-rbac-bind-groups
// RoleBindings and ClusterRoleBindings grant access to groups (Entra ID groups on AKS) or to
// ServiceAccounts, not to individual users: access then follows group membership and is revoked
// when someone leaves the group. Users named `system:...` (Kubernetes components) are exempt.
import { objectPolicy } from "../lib/policy";
import { BINDING_KINDS, subjectsOf } from "../lib/rbac";

export const rbacBindGroups = objectPolicy({
    name: "k8s-rbac-bind-groups",
    practice: "6.1",
    description: "Role bindings should grant access to groups or service accounts, not to individual users.",
    enforcementLevel: "advisory",
    severity: "low",
    remediationSteps: "Replace each subject of kind User with a Group (an Entra ID group object id on AKS) that the user belongs to, or with a ServiceAccount for workloads.",
}, BINDING_KINDS, (binding, _cfg, report) => {
    for (const s of subjectsOf(binding)) {
        if (s.kind !== "User" || typeof s.name !== "string" || s.name.startsWith("system:")) continue; // unknown: deferred
        report(`${s.label} grants access to a single user; bind a Group (or a ServiceAccount for workloads) instead.`);
    }
});
