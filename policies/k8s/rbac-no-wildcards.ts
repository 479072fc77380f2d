// k8s-rbac-no-wildcards
// No rule of a Role or ClusterRole uses `*` in its verbs, resources or apiGroups, nor a `*/sub`
// resource (subresource sub of every resource, as Kubernetes' authorizer matches it: `*/exec`
// grants pods/exec): a wildcard grants everything that exists now and everything added later (new
// verbs, CRDs, subresources), so each rule lists what it needs. `pods/*` is no wildcard: the
// authorizer reads it as a literal that matches nothing.
import { objectPolicy } from "../lib/policy";
import { isWildcardResource, listHas, ROLE_KINDS, rulesOf } from "../lib/rbac";
import { get } from "../lib/values";

const FIELDS = ["verbs", "resources", "apiGroups"] as const;

export const rbacNoWildcards = objectPolicy({
    name: "k8s-rbac-no-wildcards",
    practice: "6.1",
    description: "Role and ClusterRole rules must list their verbs, resources and API groups instead of using a wildcard.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: "Replace each \"*\" in a rule's verbs, resources and apiGroups (and each \"*/<subresource>\" resource) with the explicit verbs, resources and API groups the subject needs.",
}, ROLE_KINDS, (role, _cfg, report) => {
    for (const r of rulesOf(role)) {
        const wild = FIELDS.filter(f => listHas(get(r.rule, f), f === "resources" ? isWildcardResource : e => e === "*") === true);
        if (wild.length === 0) continue;
        report(`${r.path} has a wildcard in ${wild.map(f => `${r.path}.${f}`).join(", ")}; list the ${wild.join(" and ")} it needs explicitly.`);
    }
});
