// The RBAC view: roles with their rules and bindings with their subjects, in every version of
// rbac.authorization.k8s.io (v1, v1beta1, v1alpha1), with the matching rules of the API server's
// authorizer reduced to a three-way answer (true, false, or UNKNOWN during preview).
import type { PolicyResource } from "@pulumi/policy";
import { effectiveNamespace, K8sObject, k8sObjects } from "./k8s";
import { KindGroups } from "./tokens";
import { allOf, anyOf, get, Maybe, obj, rawProps, str, strOrUnknown, Unknown, UNKNOWN, unnoted } from "./values";

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
 * Whether one `resources` entry covers a resource, as Kubernetes' RBAC authorizer matches it
 * (ResourceMatches in pkg/apis/rbac/v1/evaluation_helpers.go): `*` covers every resource and
 * subresource; `*\/exec` covers subresource exec of every resource (pods/exec); anything else must
 * equal the resource, so `pods/*` is a literal that matches nothing.
 */
export function resourceEntryCovers(entry: string, resource: string): boolean {
    if (entry === "*" || entry === resource) return true;
    const slash = resource.indexOf("/");
    return slash >= 0 && entry.startsWith("*/") && entry.slice(2) === resource.slice(slash + 1);
}

/** Whether a rule covers a resource (see resourceEntryCovers). */
export function coversResource(rule: unknown, resource: string): Maybe {
    return listHas(get(rule, "resources"), r => resourceEntryCovers(r, resource));
}

/** A `resources` entry that matches more than one name: `*`, or `*\/sub` (every resource's subresource sub). */
export function isWildcardResource(entry: string): boolean {
    return entry === "*" || entry.startsWith("*/");
}

/** Whether a rule grants one of `verbs` on `resource` in `group`. */
export function grants(rule: unknown, verbs: readonly string[], group: string, resource: string): Maybe {
    return allOf(anyOf(...verbs.map(v => grantsVerb(rule, v))), coversGroup(rule, group), coversResource(rule, resource));
}

/**
 * Which of `verbs` a rule certainly grants on `resource` in `group`, in the order of `verbs`
 * ([] when it grants none or only an unknown value could tell).
 */
export function grantedVerbs(rule: unknown, verbs: readonly string[], group: string, resource: string): string[] {
    if (allOf(coversGroup(rule, group), coversResource(rule, resource)) !== true) return [];
    return verbs.filter(v => grantsVerb(rule, v) === true);
}

/**
 * Whether a rule grants what cluster-admin grants: a `*` verb on `*` resources in the `*` API group.
 */
export function grantsEverything(rule: unknown): Maybe {
    const star = (field: string) => listHas(get(rule, field), e => e === "*");
    return allOf(star("verbs"), star("resources"), star("apiGroups"));
}

/**
 * The rules of a Role or ClusterRole as the cluster will hold them: UNKNOWN when they are computed,
 * when a Patch leaves them to the live object, or when an aggregationRule makes the controller
 * fill them in from other ClusterRoles.
 */
export function knownRules(o: K8sObject): RuleView[] | Unknown {
    const aggregation = get(o.obj, "aggregationRule");
    if (aggregation !== undefined && aggregation !== null) return UNKNOWN;
    const rules = get(o.obj, "rules");
    if (rules === UNKNOWN || (o.partial && rules === undefined)) return UNKNOWN;
    return rulesOf(o);
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
        const path = `${o.path}subjects[${i}]`;
        // Read when a check asks (getters): an unknown a check never consults defers nothing.
        out.push({
            get kind() { return strOrUnknown(s, "kind"); },
            get name() { return strOrUnknown(s, "name"); },
            path,
            get label() {
                const kind = unnoted(() => strOrUnknown(s, "kind"));
                return `${path}${kind === "User" || kind === "Group" || kind === "ServiceAccount" ? ` (${kind})` : ""}`;
            },
        });
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

/** An object of the stack with the resource that declares it (for exemptions and for reports). */
export interface StackObject {
    o: K8sObject;
    resource: PolicyResource;
}

/** Every object of the given kinds that the stack declares (plain, Patch and List items). */
export function stackObjects(resources: PolicyResource[], kinds: KindGroups): StackObject[] {
    return resources.flatMap(resource => k8sObjects(resource.type, rawProps(resource.props), resource.name, kinds).map(o => ({ o, resource })));
}

/** How roles are found by a roleRef: `ClusterRole/<name>`, `Role/<namespace>/<name>`. */
function roleKey(kind: string, name: string, namespace?: string): string {
    return kind === "Role" ? `Role/${namespace}/${name}` : `${kind}/${name}`;
}

/**
 * The Roles and ClusterRoles a stack declares, keyed as the roleRefs that name them (a Role in the
 * namespace it lands in). A role whose name or namespace is not known yet is left out: no known
 * roleRef can name it, and a roleRef that is not known yet is deferred by the policies.
 */
export function stackRoles(resources: PolicyResource[]): Map<string, StackObject[]> {
    const out = new Map<string, StackObject[]>();
    for (const so of stackObjects(resources, ROLE_KINDS)) {
        const name = get(so.o.obj, "metadata", "name");
        if (typeof name !== "string" || name === "") continue;
        const ns = so.o.kind === "Role" ? effectiveNamespace(so.o, so.resource.provider) : undefined;
        if (ns === UNKNOWN) continue;
        const key = roleKey(so.o.kind, name, ns);
        out.set(key, [...(out.get(key) ?? []), so]);
    }
    return out;
}

/**
 * The declarations in the stack of the role a binding names (a RoleBinding's Role in the binding's
 * namespace); [] when the stack declares none, UNKNOWN when the roleRef or the binding's namespace
 * is not known yet.
 */
export function boundRole(binding: StackObject, roles: Map<string, StackObject[]>): StackObject[] | Unknown {
    const ref = roleRefOf(binding.o);
    if (ref.kind === UNKNOWN || ref.name === UNKNOWN) return UNKNOWN;
    if (ref.name === undefined) return binding.o.partial ? UNKNOWN : [];
    if (ref.kind === "ClusterRole") return roles.get(roleKey("ClusterRole", ref.name)) ?? [];
    if (ref.kind !== "Role" || binding.o.kind !== "RoleBinding") return [];
    const ns = effectiveNamespace(binding.o, binding.resource.provider);
    return ns === UNKNOWN ? UNKNOWN : roles.get(roleKey("Role", ref.name, ns)) ?? [];
}
