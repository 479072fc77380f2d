// k8s-rbac-no-escalation-verbs
// No Role or ClusterRole rule grants a way around RBAC itself: the verbs escalate, bind or
// impersonate; create on pods/exec (a shell in any pod, with its service account's token);
// get or create on nodes/proxy (the kubelet API); and, in a ClusterRole, get, list or watch on
// secrets (every token and credential of the cluster). With config namespacedSecretRead (default
// false) the same read in a namespaced Role is reported too (every credential of its namespace;
// resourceNames narrow the read but do not remove it). A `*` verb counts as every verb, a `*` API
// group as every group, and resources match as Kubernetes' authorizer matches them: `*` is every
// resource and subresource, `*/exec` is exec of every resource (so pods/exec), and `pods/*` is a
// literal that matches nothing. A rule that names escalate, bind or impersonate explicitly is
// reported whatever its resources; through `*` they count only where they apply (roles and
// clusterroles; users, groups, serviceaccounts, uids, userextras). Messages name exactly the
// judged verbs the rule grants on each resource ("list/watch on secrets").
import { objectPolicy } from "../lib/policy";
import { grantedVerbs, listHas, RBAC_GROUP, ROLE_KINDS, rulesOf } from "../lib/rbac";
import { get } from "../lib/values";

interface Grant {
    /** The verbs judged, in the order messages name them. */
    verbs: readonly string[];
    /** Where the verbs mean something: [API group, resource]. */
    on: readonly (readonly [string, string])[];
    /** How messages name the resource ("on pods/exec"); unset for the escalate/bind/impersonate verbs. */
    resource?: string;
    /** Reported when the rule names one of `verbs` explicitly, whatever the resources. */
    byVerbAlone?: boolean;
    /** Judged only in roles of this kind, and (for a Role) only when config reads secrets there too. */
    kind?: "ClusterRole" | "Role";
}

const ROLES = [[RBAC_GROUP, "roles"], [RBAC_GROUP, "clusterroles"]] as const;

const GRANTS: readonly Grant[] = [
    { verbs: ["escalate"], on: ROLES, byVerbAlone: true },
    { verbs: ["bind"], on: ROLES, byVerbAlone: true },
    {
        verbs: ["impersonate"], byVerbAlone: true,
        on: [["", "users"], ["", "groups"], ["", "serviceaccounts"], ["authentication.k8s.io", "uids"], ["authentication.k8s.io", "userextras/*"]],
    },
    { verbs: ["create"], on: [["", "pods/exec"]], resource: "pods/exec" },
    { verbs: ["get", "create"], on: [["", "nodes/proxy"]], resource: "nodes/proxy" },
    { verbs: ["get", "list", "watch"], on: [["", "secrets"]], resource: "secrets in every namespace", kind: "ClusterRole" },
    { verbs: ["get", "list", "watch"], on: [["", "secrets"]], resource: "secrets in its namespace", kind: "Role" },
];

/**
 * How a message names what a rule certainly grants of `g` ("list/watch on secrets in every
 * namespace", "bind"), or undefined (what depends on an unknown value is deferred).
 */
function granted(rule: unknown, g: Grant): string | undefined {
    const named = g.byVerbAlone ? g.verbs.filter(v => listHas(get(rule, "verbs"), e => e === v) === true) : [];
    const on = g.on.flatMap(([group, resource]) => grantedVerbs(rule, g.verbs, group, resource));
    const verbs = g.verbs.filter(v => named.includes(v) || on.includes(v));
    if (verbs.length === 0) return undefined;
    return g.resource ? `${verbs.join("/")} on ${g.resource}` : verbs.join("/");
}

export const rbacNoEscalationVerbs = objectPolicy({
    name: "k8s-rbac-no-escalation-verbs",
    practice: "6.1",
    description: "Roles must not grant escalate, bind, impersonate, pods/exec, nodes/proxy, or (cluster-wide) read access to secrets.",
    enforcementLevel: "advisory",
    severity: "high",
    remediationSteps: "Remove the escalation verbs and subresources from the rule; grant secrets read in a namespaced Role limited by resourceNames (or mount the secret into the pod instead of reading it through the API); keep exec and impersonation for audited break-glass roles.",
    config: {
        namespacedSecretRead: { type: "boolean", default: false, description: "Also report get/list/watch on secrets in namespaced Roles (every credential of the namespace), not only in ClusterRoles." },
    },
}, ROLE_KINDS, (role, cfg, report) => {
    const judged = GRANTS.filter(g => g.kind === undefined || (g.kind === role.kind && (g.kind === "ClusterRole" || cfg.namespacedSecretRead === true)));
    for (const r of rulesOf(role)) {
        const found = judged.map(g => granted(r.rule, g)).filter(w => w !== undefined);
        if (found.length === 0) continue;
        report(`${r.path} grants ${found.join(", ")}; remove them from the rule (each lets a subject gain permissions it was not given).`);
    }
});
