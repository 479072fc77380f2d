// k8s-rbac-no-escalation-verbs
// No Role or ClusterRole rule grants a way around RBAC itself: the verbs escalate, bind or
// impersonate; create on pods/exec (a shell in any pod, with its service account's token);
// get or create on nodes/proxy (the kubelet API); and, in a ClusterRole, get, list or watch on
// secrets (every token and credential of the cluster). A `*` verb counts as every verb, a `*`
// resource as every resource and subresource, a `*` API group as every group. A rule that names
// escalate, bind or impersonate explicitly is reported whatever its resources; through `*` they
// count only where they apply (roles and clusterroles; users, groups, serviceaccounts, uids,
// userextras).
import { objectPolicy } from "../lib/policy";
import { grants, listHas, RBAC_GROUP, ROLE_KINDS, rulesOf } from "../lib/rbac";
import { get } from "../lib/values";

interface Grant {
    /** How the message names it. */
    what: string;
    verbs: readonly string[];
    /** Where the verbs mean something: [API group, resource]. */
    on: readonly (readonly [string, string])[];
    /** Reported when the rule names one of `verbs` explicitly, whatever the resources. */
    byVerbAlone?: boolean;
    clusterRoleOnly?: boolean;
}

const ROLES = [[RBAC_GROUP, "roles"], [RBAC_GROUP, "clusterroles"]] as const;

const GRANTS: readonly Grant[] = [
    { what: "escalate", verbs: ["escalate"], on: ROLES, byVerbAlone: true },
    { what: "bind", verbs: ["bind"], on: ROLES, byVerbAlone: true },
    {
        what: "impersonate", verbs: ["impersonate"], byVerbAlone: true,
        on: [["", "users"], ["", "groups"], ["", "serviceaccounts"], ["authentication.k8s.io", "uids"], ["authentication.k8s.io", "userextras/*"]],
    },
    { what: "create on pods/exec", verbs: ["create"], on: [["", "pods/exec"]] },
    { what: "get/create on nodes/proxy", verbs: ["get", "create"], on: [["", "nodes/proxy"]] },
    { what: "get/list/watch on secrets in every namespace", verbs: ["get", "list", "watch"], on: [["", "secrets"]], clusterRoleOnly: true },
];

/** Whether a rule certainly grants `g` (what depends on an unknown value is deferred). */
function granted(rule: unknown, g: Grant): boolean {
    if (g.byVerbAlone && listHas(get(rule, "verbs"), v => g.verbs.includes(v)) === true) return true;
    return g.on.some(([group, resource]) => grants(rule, g.verbs, group, resource) === true);
}

export const rbacNoEscalationVerbs = objectPolicy({
    name: "k8s-rbac-no-escalation-verbs",
    practice: "6.1",
    description: "Roles must not grant escalate, bind, impersonate, pods/exec, nodes/proxy, or (cluster-wide) read access to secrets.",
    enforcementLevel: "advisory",
    severity: "high",
    remediationSteps: "Remove the escalation verbs and subresources from the rule; grant secrets read in a namespaced Role limited by resourceNames; keep exec and impersonation for audited break-glass roles.",
}, ROLE_KINDS, (role, _cfg, report) => {
    for (const r of rulesOf(role)) {
        const found = GRANTS.filter(g => (!g.clusterRoleOnly || role.kind === "ClusterRole") && granted(r.rule, g));
        if (found.length === 0) continue;
        report(`${r.path} grants ${found.map(g => g.what).join(", ")}; remove them from the rule (each lets a subject gain permissions it was not given).`);
    }
});
