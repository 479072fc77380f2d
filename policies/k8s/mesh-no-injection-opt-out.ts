// k8s-mesh-no-injection-opt-out
// A namespace labelled for Istio sidecar injection puts every pod in the mesh (mTLS, authorization
// policy) only if no pod opts out: no workload (any kind, Patch and List too) that lands in a
// Namespace the stack declares with injection on (`istio-injection: enabled`, or `istio.io/rev`)
// sets `sidecar.istio.io/inject: "false"` on its pod template, as a label or an annotation. As in
// Istio's injector, the label takes precedence over the annotation when both are set, and only the
// exact value "false" opts out (any other value falls back to the namespace's default). A workload
// whose namespace, pod labels or pod annotations are unknown is deferred.
import { GENERIC_TYPES } from "../lib/custom-resources";
import { isExempt, k8sLanding } from "../lib/exemptions";
import { effectiveNamespace } from "../lib/k8s";
import { meshNamespaces, NAMESPACE_KINDS } from "../lib/namespaces";
import { stackPolicy } from "../lib/policy";
import { get, rawProps, UNKNOWN } from "../lib/values";
import { k8sPatterns } from "../lib/tokens";
import { podViews, PodView, WORKLOAD_KINDS } from "../lib/workload";

const INJECT = "sidecar.istio.io/inject";

/** Where the pod template's metadata sits, for messages (`spec.template.metadata`). */
const metadataPath = (pod: PodView) => pod.specPath.replace(/spec$/, "metadata");

/** The fields that opt the pod out of injection ([] when it stays injected or an unknown decides). */
function optOuts(pod: PodView): string[] {
    const label = get(pod.podMeta, "labels", INJECT);
    const annotation = get(pod.podMeta, "annotations", INJECT);
    const labels = get(pod.podMeta, "labels");
    if (label === UNKNOWN || labels === UNKNOWN) return [];
    const at = metadataPath(pod);
    if (label !== undefined && label !== null) {
        if (label !== "false") return [];
        return [`${at}.labels["${INJECT}"]`, ...(annotation === "false" ? [`${at}.annotations["${INJECT}"]`] : [])];
    }
    return annotation === "false" ? [`${at}.annotations["${INJECT}"]`] : [];
}

export const meshNoInjectionOptOut = stackPolicy({
    name: "k8s-mesh-no-injection-opt-out",
    practice: "7",
    description: "No workload in a namespace labelled for Istio sidecar injection may opt its pods out of injection (sidecar.istio.io/inject on the pod template).",
    enforcementLevel: "advisory",
    severity: "medium",
    remediationSteps: "Remove the sidecar.istio.io/inject label and annotation from the pod template (or set it to \"true\") so that the pods join the mesh; run a workload that must stay outside the mesh in a namespace without injection, with its own NetworkPolicies.",
}, true, [...k8sPatterns({ ...NAMESPACE_KINDS, ...WORKLOAD_KINDS }), ...GENERIC_TYPES], (resources, cfg, report) => {
    const meshed = new Map(meshNamespaces(resources, cfg).map(ns => [ns.name, ns]));
    if (meshed.size === 0) return;
    for (const r of resources) {
        for (const pod of podViews(r.type, rawProps(r.props), r.name)) {
            const ns = effectiveNamespace(pod, r.provider);
            const mesh = ns === UNKNOWN ? undefined : meshed.get(ns);
            if (!mesh || isExempt(cfg, k8sLanding(pod, r.provider))) continue;
            const fields = optOuts(pod);
            if (fields.length === 0) continue;
            report(`${pod.label}: ${fields.join(" and ")} opts its pods out of sidecar injection, although ${mesh.label} is labelled for injection, so they run outside the mesh (no mTLS, no authorization policy); remove it or set it to "true", or move the workload to a namespace without injection.`, r.urn);
        }
    }
});
