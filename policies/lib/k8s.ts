// The Kubernetes object view: one resource (plain, Patch or List) → the objects it declares,
// each with its kind, name, namespace and the path to it, for messages and exemptions.
import { K8sType, KindGroups, matchK8s } from "./tokens";
import { get, Obj, obj, rawProps, str, textOrUnknown, Unknown, UNKNOWN } from "./values";

export interface K8sObject {
    type: K8sType;
    kind: string;
    /** The object itself (a List item for `...List` resources). */
    obj: Obj;
    /** Path of the object inside the resource's properties ("" or "items[3]."), ends with a dot when set. */
    path: string;
    /** metadata.name, or the Pulumi resource name when the manifest has none. */
    name: string;
    /** metadata.namespace: undefined when absent, UNKNOWN when computed. */
    namespace: string | undefined | Unknown;
    /** A `...Patch` resource: judge only what is present, a missing field is no violation. */
    partial: boolean;
    /** `Deployment "prod/web"`: how messages name the object. */
    label: string;
}

/** The objects of the given kinds (any version) declared by one resource; [] for other types. */
export function k8sObjects(type: string, props: Obj, resourceName: string, kinds: KindGroups): K8sObject[] {
    const t = matchK8s(type, kinds);
    if (!t) return [];
    if (t.variant !== "list") return [makeObject(t, props, "", resourceName)];
    const items = get(props, "items");
    if (!Array.isArray(items)) return [];
    const out: K8sObject[] = [];
    items.forEach((item, i) => {
        const o = obj(item);
        if (o) out.push(makeObject(t, o, `items[${i}].`, `${resourceName}[${i}]`));
    });
    return out;
}

function makeObject(type: K8sType, o: Obj, path: string, resourceName: string): K8sObject {
    const name = str(o, "metadata", "name") ?? resourceName;
    const namespace = textOrUnknown(o, "metadata", "namespace");
    const shown = typeof namespace === "string" ? `${namespace}/${name}` : name;
    return {
        type, kind: type.kind, obj: o, path, name, namespace,
        partial: type.variant === "patch",
        label: `${type.kind} "${shown}"`,
    };
}

/** The provider of a resource as the Analyze request carries it (args.provider / resource.provider). */
export interface ProviderRef {
    type: string;
    name: string;
    urn: string;
    props: unknown;
}

/**
 * True for the engine's default provider (named `default` or `default_<version>`), and when the
 * request names no provider at all (manifests checked outside Pulumi).
 */
export function isDefaultProvider(p: ProviderRef | undefined): boolean {
    if (!p) return true;
    const name = typeof p.name === "string" && p.name !== "" ? p.name : String(p.urn ?? "").split("::").pop() ?? "";
    return /^default(_|$)/.test(name);
}

/**
 * The namespace an object lands in: its own metadata.namespace; else the `namespace` its provider
 * is configured with; else `default` for the default provider. An explicit provider without a
 * known namespace setting uses its kubeconfig context, which the pack cannot see: UNKNOWN.
 */
export function effectiveNamespace(o: K8sObject, provider: ProviderRef | undefined): string | Unknown {
    return namespaceOr(o.namespace, provider);
}

/** A namespace field's value, or (when it is missing or empty) the provider's namespace as above. */
export function namespaceOr(own: unknown, provider: ProviderRef | undefined): string | Unknown {
    if (own === UNKNOWN) return UNKNOWN;
    if (typeof own === "string" && own !== "") return own;
    const configured = provider ? get(rawProps(provider.props), "namespace") : undefined;
    if (configured === UNKNOWN) return UNKNOWN;
    if (typeof configured === "string" && configured !== "") return configured;
    return isDefaultProvider(provider) ? "default" : UNKNOWN;
}

/**
 * Like effectiveNamespace, but tells the two kinds of "not known" apart for exemptions and
 * allow-lists: UNKNOWN for a namespace computed during preview (known at `pulumi up`), undefined
 * for one an explicit provider takes from its kubeconfig context (never visible to a policy).
 */
export function landingNamespace(o: K8sObject, provider: ProviderRef | undefined): string | Unknown | undefined {
    const ns = effectiveNamespace(o, provider);
    if (ns !== UNKNOWN) return ns;
    const computed = o.namespace === UNKNOWN || (provider !== undefined && get(rawProps(provider.props), "namespace") === UNKNOWN);
    return computed ? UNKNOWN : undefined;
}
