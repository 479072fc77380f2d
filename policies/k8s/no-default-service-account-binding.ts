// k8s-no-default-service-account-binding
// No RoleBinding or ClusterRoleBinding names a namespace's `default` ServiceAccount as a subject,
// nor the user system:serviceaccount:<ns>:default: every pod that sets no serviceAccountName runs
// as it, so the binding's role goes to every such pod of the namespace. A ServiceAccount subject
// without a namespace means the binding's own namespace; unknown subjects are deferred.
import { objectPolicy } from "../lib/policy";
import { BINDING_KINDS, subjectsOf } from "../lib/rbac";

export const noDefaultServiceAccountBinding = objectPolicy({
    name: "k8s-no-default-service-account-binding",
    practice: "6.1",
    description: "Bindings must not grant roles to a namespace's default ServiceAccount, which every pod without serviceAccountName runs as.",
    enforcementLevel: "advisory",
    severity: "medium",
    remediationSteps: "Create a dedicated ServiceAccount for the workload that needs the role, set serviceAccountName in its pod template, and bind the role to that ServiceAccount instead of default.",
}, BINDING_KINDS, (binding, _cfg, report) => {
    for (const s of subjectsOf(binding)) {
        const asUser = s.kind === "User" && typeof s.name === "string" && /^system:serviceaccount:[^:]+:default$/.test(s.name);
        if (!(s.kind === "ServiceAccount" && s.name === "default") && !asUser) continue;
        report(`${s.label} is a default ServiceAccount, which every pod without serviceAccountName runs as (${s.path}); bind a dedicated ServiceAccount instead.`);
    }
});
