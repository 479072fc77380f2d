// k8s-namespace-mesh-injection
// Every Namespace the stack declares is labelled for Istio sidecar injection, so that its pods get
// mTLS and layer-7 policy: `istio-injection: enabled`, or `istio.io/rev: <revision>` (the AKS Istio
// add-on's form). `istio-injection` takes precedence over `istio.io/rev` (as in Istio), so
// `istio-injection: disabled` fails whatever the revision label says; label values compare
// case-sensitively, as label selectors do. A NamespacePatch is judged only on the labels it sets.
// The Kubernetes system namespaces and the Istio control-plane namespaces (istio-system,
// aks-istio-system) are never judged: their pods must not be injected. excludeNamespaces matches a
// Namespace by its own name.
import { K8sObject, k8sObjects } from "../lib/k8s";
import { MESH_CONTROL_PLANE_NAMESPACES, NAMESPACE_KINDS, SYSTEM_NAMESPACES } from "../lib/namespaces";
import { k8sPolicy, viewsOf } from "../lib/policy";
import { kindFilter } from "../lib/tokens";
import { get, Obj, UNKNOWN } from "../lib/values";

const NOT_INJECTED = new Set([...SYSTEM_NAMESPACES, ...MESH_CONTROL_PLANE_NAMESPACES]);

/** Namespace objects, each "in" itself, so that excludeNamespaces exempts a Namespace by its name. */
function namespaceViews(type: string, props: Obj, name: string): K8sObject[] {
    return k8sObjects(type, props, name, NAMESPACE_KINDS).map(o => {
        const own = get(o.obj, "metadata", "name");
        return { ...o, namespace: own === UNKNOWN ? UNKNOWN : typeof own === "string" && own !== "" ? own : undefined };
    });
}

export const namespaceMeshInjection = k8sPolicy({
    name: "k8s-namespace-mesh-injection",
    practice: "7",
    description: "Namespaces must be labelled for Istio sidecar injection (istio-injection: enabled or istio.io/rev).",
    enforcementLevel: "advisory",
    severity: "medium",
    remediationSteps: "Label the namespace istio-injection: enabled (open-source Istio) or istio.io/rev: <revision> (AKS Istio add-on), and remove istio-injection: disabled.",
}, viewsOf(kindFilter(NAMESPACE_KINDS), namespaceViews), (ns, _cfg, report) => {
    if (typeof ns.namespace === "string" && NOT_INJECTED.has(ns.namespace)) return;
    const labels = get(ns.obj, "metadata", "labels");
    if (labels === UNKNOWN) return;
    const field = `${ns.path}metadata.labels`;
    const injection = get(labels, "istio-injection");
    if (injection === UNKNOWN) return;
    if (injection !== undefined && injection !== null) {
        if (injection !== "enabled") report(`${field}["istio-injection"] keeps sidecars out of its pods; set it to "enabled" or remove it and set istio.io/rev.`);
        return;
    }
    if (ns.partial) return; // the live object keeps the labels a patch does not set
    const rev = get(labels, "istio.io/rev");
    if (rev === UNKNOWN || (typeof rev === "string" && rev !== "")) return;
    report(`${field} has neither istio-injection: enabled nor istio.io/rev; label the namespace for sidecar injection.`);
});
