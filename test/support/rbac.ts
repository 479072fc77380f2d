// Builders for RBAC resources in every API version the pack matches.
import { ResourceInput } from "../../harness";

export const RBAC_VERSIONS = ["v1", "v1beta1", "v1alpha1"] as const;

export type Subject = { kind: string; name: unknown; namespace?: string; apiGroup?: string };

export const user = (name: unknown): Subject => ({ kind: "User", name, apiGroup: "rbac.authorization.k8s.io" });
export const group = (name: unknown): Subject => ({ kind: "Group", name, apiGroup: "rbac.authorization.k8s.io" });
export const serviceAccount = (name: unknown, namespace = "apps"): Subject => ({ kind: "ServiceAccount", name, namespace });

/** A RoleBinding or ClusterRoleBinding (plain, or `variant` Patch) of `roleRef` to `subjects`. */
export function binding(kind: "RoleBinding" | "ClusterRoleBinding", role: { kind?: unknown; name?: unknown } | undefined, subjects: Subject[] | undefined,
    opts: { name?: string; namespace?: string; version?: string; variant?: "" | "Patch" } = {}): ResourceInput {
    const name = opts.name ?? `${kind.toLowerCase()}-x`;
    const metadata: Record<string, unknown> = { name };
    if (kind === "RoleBinding") metadata.namespace = opts.namespace ?? "apps";
    const props: Record<string, unknown> = { apiVersion: `rbac.authorization.k8s.io/${opts.version ?? "v1"}`, kind, metadata };
    if (role) props.roleRef = { apiGroup: "rbac.authorization.k8s.io", ...role };
    if (subjects) props.subjects = subjects;
    return { type: `kubernetes:rbac.authorization.k8s.io/${opts.version ?? "v1"}:${kind}${opts.variant ?? ""}`, name, props };
}

export type Rule = { apiGroups?: unknown; resources?: unknown; verbs?: unknown; resourceNames?: string[] };

/** A Role or ClusterRole (plain, or `variant` Patch) with `rules`. */
export function role(kind: "Role" | "ClusterRole", rules: Rule[] | undefined,
    opts: { name?: string; namespace?: string; version?: string; variant?: "" | "Patch" } = {}): ResourceInput {
    const name = opts.name ?? `${kind.toLowerCase()}-x`;
    const metadata: Record<string, unknown> = { name };
    if (kind === "Role") metadata.namespace = opts.namespace ?? "apps";
    const props: Record<string, unknown> = { apiVersion: `rbac.authorization.k8s.io/${opts.version ?? "v1"}`, kind, metadata };
    if (rules) props.rules = rules;
    return { type: `kubernetes:rbac.authorization.k8s.io/${opts.version ?? "v1"}:${kind}${opts.variant ?? ""}`, name, props };
}

/** A `...List` resource holding the given resources' objects. */
export function list(items: ResourceInput[], name = "list"): ResourceInput {
    const type = items[0].type.replace(/Patch$/, "") + "List";
    return { type, name, props: { items: items.map(i => i.props) } };
}
