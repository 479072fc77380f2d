// Kubernetes manifests: each object → the resource `@pulumi/kubernetes` would register for it,
// token `kubernetes:<group>/<version>:<Kind>` (core group `core/v1`; custom resources the same way,
// as `apiextensions.CustomResource` does), named `namespace/name` as Pulumi's ConfigFile names it.
// `kind: List` and `<Kind>List` documents are split into their items.
import { k8sTokenOf } from "../../policies/lib/tokens";
import { isObj, Obj } from "../../policies/lib/values";
import { InputError } from "../limits";
import { Doc, Path } from "./documents";
import { Located } from "./resource";

export const isK8sObject = (v: unknown): v is Obj => isObj(v) && typeof v.apiVersion === "string" && typeof v.kind === "string";

export function fromManifest(doc: Doc, file: string): Located[] {
    return objects(doc.value as Obj, [], doc, file);
}

/** The objects of a manifest, Lists (nested ones too) expanded in order, with an explicit stack: no recursion, whatever their size. */
function objects(root: Obj, rootPath: Path, doc: Doc, file: string): Located[] {
    const out: Located[] = [];
    const stack: [Obj, Path][] = [[root, rootPath]];
    while (stack.length) {
        const [o, path] = stack.pop()!;
        const kind = o.kind as string;
        if (kind.endsWith("List") && Array.isArray(o.items)) {
            const itemKind = kind === "List" ? undefined : kind.slice(0, -4);
            // Pushed last item first, so that items come out in their order.
            for (let i = o.items.length - 1; i >= 0; i--) {
                const item = o.items[i];
                const where = () => `${file}:${doc.lineOf([...path, "items", i]) ?? doc.lineOf([...path, "items"]) ?? doc.line}`;
                if (!isObj(item)) throw new InputError(`${where()}: item ${i} of the ${kind} is not an object`);
                // Typed lists (`kubectl get deploy -o json` style) may leave kind and apiVersion to the list.
                const full = itemKind ? { apiVersion: o.apiVersion, kind: itemKind, ...item } : item;
                if (!isK8sObject(full)) throw new InputError(`${where()}: item ${i} of the ${kind} is not a Kubernetes object (it needs apiVersion and kind)`);
                stack.push([full, [...path, "items", i]]);
            }
            continue;
        }
        out.push(object(o, path, doc, file));
    }
    return out;
}

function object(o: Obj, path: Path, doc: Doc, file: string): Located {
    const kind = o.kind as string;
    const meta = isObj(o.metadata) ? o.metadata : {};
    const name = typeof meta.name === "string" && meta.name ? meta.name
        : typeof meta.generateName === "string" && meta.generateName ? meta.generateName : kind.toLowerCase();
    const ns = typeof meta.namespace === "string" && meta.namespace ? meta.namespace : undefined;
    return {
        type: k8sTokenOf(o.apiVersion as string, kind),
        name: ns ? `${ns}/${name}` : name,
        props: o,
        file,
        line: path.length ? doc.lineOf(path) : doc.line,
    };
}

/** Kinds that live outside namespaces (Kubernetes API reference, `kubectl api-resources --namespaced=false`, v1.33). */
const CLUSTER_SCOPED = new Set([
    "Namespace", "Node", "PersistentVolume", "ComponentStatus", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition",
    "StorageClass", "CSIDriver", "CSINode", "VolumeAttachment", "VolumeAttributesClass", "PriorityClass", "RuntimeClass", "IngressClass",
    "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration", "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding",
    "MutatingAdmissionPolicy", "MutatingAdmissionPolicyBinding", "APIService", "CertificateSigningRequest", "ClusterTrustBundle",
    "FlowSchema", "PriorityLevelConfiguration", "PodSecurityPolicy", "TokenReview", "SelfSubjectReview", "SelfSubjectAccessReview",
    "SelfSubjectRulesReview", "SubjectAccessReview", "IPAddress", "ServiceCIDR", "DeviceClass", "StorageVersionMigration",
]);

/**
 * `--namespace NS`, as `kubectl apply -n NS`: every namespaced object that names no namespace is
 * placed in NS (its metadata and its `namespace/name`). Cluster-scoped kinds stay as they are; a
 * custom resource is namespaced unless a CustomResourceDefinition among the inputs says `scope: Cluster`.
 */
export function inNamespace(resources: Located[], ns: string): void {
    const clusterScoped = new Set(CLUSTER_SCOPED);
    for (const r of resources) {
        const spec = r.type === "kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition" && isObj(r.props.spec) ? r.props.spec : undefined;
        if (spec?.scope === "Cluster" && isObj(spec.names) && typeof spec.names.kind === "string") clusterScoped.add(spec.names.kind);
    }
    for (const r of resources) {
        if (!r.type.startsWith("kubernetes:") || r.urn || !isK8sObject(r.props) || clusterScoped.has(r.props.kind as string)) continue;
        const meta = isObj(r.props.metadata) ? r.props.metadata : {};
        if (typeof meta.namespace === "string" && meta.namespace) continue;
        r.props = { ...r.props, metadata: { ...meta, namespace: ns } };
        r.name = `${ns}/${r.name}`;
    }
}
