// k8s-no-anonymous-bindings
// No RoleBinding or ClusterRoleBinding names the anonymous identities as a subject: the user
// system:anonymous (every request without credentials) or the group system:unauthenticated (the
// group the authenticator gives it), whatever role it binds, since anyone who can reach the API
// server gets that role. The group system:authenticated (every identity of the cluster, and on
// AKS every Entra ID account that can reach the API server) may be bound only to the built-in
// discovery roles system:basic-user, system:discovery and system:public-info-viewer. A subject or
// role reference not known yet is deferred.
import { objectPolicy } from "../lib/policy";
import { BINDING_KINDS, roleRefOf, subjectsOf } from "../lib/rbac";
import { UNKNOWN } from "../lib/values";

const ANONYMOUS = new Set(["system:anonymous", "system:unauthenticated"]);
const DISCOVERY_ROLES = new Set(["system:basic-user", "system:discovery", "system:public-info-viewer"]);

export const noAnonymousBindings = objectPolicy({
    name: "k8s-no-anonymous-bindings",
    practice: "6.1",
    description: "No binding may grant a role to system:anonymous or system:unauthenticated, nor more than the discovery roles to system:authenticated.",
    enforcementLevel: "mandatory",
    severity: "critical",
    remediationSteps: "Remove the anonymous subject from the binding; bind the role to the users, groups or ServiceAccounts that need it. Bind system:authenticated only to system:basic-user, system:discovery or system:public-info-viewer.",
}, BINDING_KINDS, (binding, _cfg, report) => {
    const ref = roleRefOf(binding);
    for (const s of subjectsOf(binding)) {
        if (s.kind !== "User" && s.kind !== "Group") continue; // a ServiceAccount, or not known yet
        if (typeof s.name !== "string") continue;
        if (ANONYMOUS.has(s.name)) {
            report(`${s.path} is ${s.kind} ${s.name}, so anyone who can reach the API server gets the role this binding grants (${binding.path}subjects); remove it and bind the users, groups or ServiceAccounts that need the role.`);
        } else if (s.name === "system:authenticated" && s.kind === "Group") {
            if (ref.kind === UNKNOWN || ref.name === UNKNOWN) continue; // whether it is a discovery role is not known yet
            if (ref.kind === "ClusterRole" && typeof ref.name === "string" && DISCOVERY_ROLES.has(ref.name)) continue;
            const role = typeof ref.name === "string" ? `${ref.kind ?? "role"} ${ref.name}` : "its role";
            report(`${s.path} is Group system:authenticated, which grants ${role} to every identity that can sign in (${binding.path}roleRef); bind it only to system:basic-user, system:discovery or system:public-info-viewer, and bind other roles to named groups.`);
        }
    }
});
