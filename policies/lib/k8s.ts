// The Kubernetes object view: one resource (plain, Patch or List) → the objects it declares,
// each with its kind, name, namespace and the path to it, for messages and exemptions.
import type * as YAML from "yaml";
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
    items.forEach((_item, i) => {
        const o = obj(items, i);
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
 * The namespace an object lands in: its own metadata.namespace; else its provider's (see
 * providerNamespace). UNKNOWN only while one of those is computed (a preview).
 */
export function effectiveNamespace(o: K8sObject, provider: ProviderRef | undefined): string | Unknown {
    // Read again when unknown, so that a check deferring on it names metadata.namespace.
    if (o.namespace === UNKNOWN) get(o.obj, "metadata", "namespace");
    return namespaceOr(o.namespace, provider);
}

/** A namespace field's value, or (when it is missing or empty) the provider's namespace. */
export function namespaceOr(own: unknown, provider: ProviderRef | undefined): string | Unknown {
    if (own === UNKNOWN) return UNKNOWN;
    if (typeof own === "string" && own !== "") return own;
    return providerNamespace(provider);
}

/**
 * Where a provider puts objects that name no namespace, as the Kubernetes provider does: its
 * `namespace` input, else the namespace of its kubeconfig's current context, else `default` (an
 * AKS-generated kubeconfig names none; a default provider, or a request that names no provider,
 * reads the ambient kubeconfig, whose namespace the engine does not send). UNKNOWN while the
 * `namespace` input, or (without one) the kubeconfig, is computed.
 */
export function providerNamespace(provider: ProviderRef | undefined): string | Unknown {
    if (!provider) return "default";
    const props = rawProps(provider.props);
    const configured = get(props, "namespace");
    if (configured === UNKNOWN) return UNKNOWN;
    if (typeof configured === "string" && configured !== "") return configured;
    const kubeconfig = get(props, "kubeconfig");
    if (kubeconfig === UNKNOWN) return UNKNOWN;
    return kubeconfigNamespace(kubeconfig) ?? "default";
}

/** Bounds on a kubeconfig read for its namespace: a real one is a few kilobytes. */
const MAX_KUBECONFIG_CHARS = 1024 * 1024;

/**
 * The namespace of a kubeconfig's current context (YAML or JSON text, or the object), or undefined
 * when it names none, or is not a kubeconfig (a file path, which the provider reads itself; the
 * pack reads no files). Never throws; the kubeconfig may be a secret, so nothing of it is kept or
 * printed but the namespace.
 */
export function kubeconfigNamespace(kubeconfig: unknown): string | undefined {
    let doc: unknown = kubeconfig;
    if (typeof kubeconfig === "string") {
        if (kubeconfig.length > MAX_KUBECONFIG_CHARS) return undefined;
        try {
            // Loaded on first use: most packs never see an explicit provider's kubeconfig.
            const yaml: typeof YAML = require("yaml");
            doc = yaml.parse(kubeconfig, { maxAliasCount: 100, uniqueKeys: false, logLevel: "silent" });
        } catch {
            return undefined;
        }
    }
    const current = str(doc, "current-context");
    if (current === undefined) return undefined;
    const contexts = get(doc, "contexts");
    if (!Array.isArray(contexts)) return undefined;
    for (const c of contexts) {
        if (str(c, "name") !== current) continue;
        const ns = str(c, "context", "namespace");
        return ns !== undefined && ns !== "" ? ns : undefined;
    }
    return undefined;
}

/**
 * Where an object lands for exemptions and allow-lists: effectiveNamespace (UNKNOWN while it is
 * computed, during preview).
 */
export function landingNamespace(o: K8sObject, provider: ProviderRef | undefined): string | Unknown {
    return effectiveNamespace(o, provider);
}

/**
 * The cluster-scoped kinds of Kubernetes' built-in API groups (`kubectl api-resources
 * --namespaced=false`): such an object has no namespace, so exemptions match it by its name.
 */
export const CLUSTER_SCOPED_KINDS: ReadonlySet<string> = new Set([
    "Namespace", "Node", "PersistentVolume", "ComponentStatus",
    "ClusterRole", "ClusterRoleBinding", "StorageClass", "CSIDriver", "CSINode", "VolumeAttachment",
    "PriorityClass", "RuntimeClass", "IngressClass", "CustomResourceDefinition", "APIService",
    "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration",
    "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding",
    "CertificateSigningRequest", "TokenReview", "SubjectAccessReview", "SelfSubjectAccessReview",
    "SelfSubjectRulesReview", "FlowSchema", "PriorityLevelConfiguration",
]);
