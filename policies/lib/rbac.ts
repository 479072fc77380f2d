// The RBAC view: roles with their rules and bindings with their subjects, in every version of
// rbac.authorization.k8s.io (v1, v1beta1, v1alpha1), with the matching rules of the API server's
// authorizer reduced to a three-way answer (true, false, or UNKNOWN during preview).
import { K8sObject } from "./k8s";
import { KindGroups } from "./tokens";
import { allOf, anyOf, get, Maybe, obj, str, strOrUnknown, Unknown, UNKNOWN } from "./values";

export const RBAC_GROUP = "rbac.authorization.k8s.io";
export const ROLE_KINDS: KindGroups = { Role: [RBAC_GROUP], ClusterRole: [RBAC_GROUP] };
export const BINDING_KINDS: KindGroups = { RoleBinding: [RBAC_GROUP], ClusterRoleBinding: [RBAC_GROUP] };

/**
 * Whether a list field holds an entry accepted by `matches`: true as soon as a known entry does,
 * UNKNOWN when the list or one of its entries is unknown, false otherwise (missing, null, wrong type).
 */
export function listHas(list: unknown, matches: (entry: string) => boolean): Maybe {
    if (list === UNKNOWN) return UNKNOWN;
    if (!Array.isArray(list)) return false;
    let unknown = false;
    for (let i = 0; i < list.length; i++) {
        const e = get(list, i);
        if (e === UNKNOWN) unknown = true;
        else if (typeof e === "string" && matches(e)) return true;
    }
    return unknown ? UNKNOWN : false;
}

export interface RuleView {
    rule: unknown;
    /** `rules[2]` (with the List item prefix): how messages name it. */
    path: string;
}

/** Every rule of a Role or ClusterRole (rules that are not objects are kept: they grant nothing). */
export function rulesOf(o: K8sObject): RuleView[] {
    const rules = get(o.obj, "rules");
    if (!Array.isArray(rules)) return [];
    return rules.map((rule, i) => ({ rule: get(rules, i), path: `${o.path}rules[${i}]` }));
}

/** Whether a rule grants `verb` (a `*` verb grants every verb). */
export function grantsVerb(rule: unknown, verb: string): Maybe {
    return listHas(get(rule, "verbs"), v => v === "*" || v === verb);
}

/** Whether a rule covers an API group ("" is the core group; `*` covers all). */
export function coversGroup(rule: unknown, group: string): Maybe {
    return listHas(get(rule, "apiGroups"), g => g === "*" || g === group);
}

/**
 * Whether a rule covers a resource, as the authorizer matches it: `*`, the exact name, and for a
 * subresource (`pods/exec`) also `pods/*` and `*\/exec`.
 */
export function coversResource(rule: unknown, resource: string): Maybe {
    const slash = resource.indexOf("/");
    const forms = new Set(["*", resource]);
    if (slash >= 0) {
        forms.add(`${resource.slice(0, slash)}/*`);
        forms.add(`*/${resource.slice(slash + 1)}`);
    }
    return listHas(get(rule, "resources"), r => forms.has(r));
}

/** Whether a rule grants one of `verbs` on `resource` in `group`. */
export function grants(rule: unknown, verbs: readonly string[], group: string, resource: string): Maybe {
    return allOf(anyOf(...verbs.map(v => grantsVerb(rule, v))), coversGroup(rule, group), coversResource(rule, resource));
}

export interface SubjectView {
    /** User, Group or ServiceAccount; UNKNOWN when computed, undefined when missing or malformed. */
    kind: string | undefined | Unknown;
    name: string | undefined | Unknown;
    /** `subjects[0]` (with the List item prefix). */
    path: string;
    /** How messages name it without repeating its name: `subjects[0] (User)`. */
    label: string;
}

/** Every subject of a RoleBinding or ClusterRoleBinding. */
export function subjectsOf(o: K8sObject): SubjectView[] {
    const subjects = get(o.obj, "subjects");
    if (!Array.isArray(subjects)) return [];
    const out: SubjectView[] = [];
    subjects.forEach((_, i) => {
        const s = get(subjects, i);
        if (s === UNKNOWN) {
            out.push({ kind: UNKNOWN, name: UNKNOWN, path: `${o.path}subjects[${i}]`, label: `${o.path}subjects[${i}]` });
            return;
        }
        if (!obj(s)) return;
        const kind = strOrUnknown(s, "kind");
        const name = strOrUnknown(s, "name");
        const path = `${o.path}subjects[${i}]`;
        const shown = kind === "User" || kind === "Group" || kind === "ServiceAccount" ? ` (${kind})` : "";
        out.push({ kind, name, path, label: `${path}${shown}` });
    });
    return out;
}

// `system:` names that are not Kubernetes components: service accounts in User form, the groups of
// service accounts, and the everyone/anonymous identities. Bindings to these are judged.
const SYSTEM_BUT_NOT_COMPONENT = [
    /^system:serviceaccount:/,
    /^system:serviceaccounts(:|$)/,
    /^system:(anonymous|authenticated|unauthenticated)$/,
];

/**
 * Whether a subject is a Kubernetes system identity (a `system:` User or Group such as
 * `system:masters` or `system:nodes`) that RBAC policies leave alone. ServiceAccounts, service
 * accounts named as users, and the anonymous/everyone identities are not. UNKNOWN while computed.
 */
export function isSystemSubject(s: SubjectView): Maybe {
    if (s.kind === UNKNOWN) return UNKNOWN;
    if (s.kind !== "User" && s.kind !== "Group") return false;
    if (s.name === UNKNOWN) return UNKNOWN;
    if (s.name === undefined || !s.name.startsWith("system:")) return false;
    return !SYSTEM_BUT_NOT_COMPONENT.some(re => re.test(s.name as string));
}

/** A binding's roleRef: kind and name (UNKNOWN when computed, undefined when missing). */
export function roleRefOf(o: K8sObject): { kind: string | undefined | Unknown; name: string | undefined | Unknown } {
    const ref = get(o.obj, "roleRef");
    if (ref === UNKNOWN) return { kind: UNKNOWN, name: UNKNOWN };
    const k = get(ref, "kind");
    const n = get(ref, "name");
    return {
        kind: k === UNKNOWN ? UNKNOWN : str(ref, "kind"),
        name: n === UNKNOWN ? UNKNOWN : str(ref, "name"),
    };
}
