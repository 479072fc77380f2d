// aks-service-mesh-enabled
// Every AKS cluster of the stack has layer-7 protection between services: the Istio add-on
// (serviceMeshProfile.mode Istio, any case) or a Dapr extension
// (azure-native:kubernetesconfiguration:Extension with extensionType Microsoft.Dapr) that belongs
// to the cluster (by dependency on it or by clusterName). An extension whose type or cluster is
// not known yet defers the verdict; mTLS itself is judged by k8s-mesh-mtls-strict. A classic
// @pulumi/azure KubernetesCluster is judged alike (serviceMeshProfile.mode), with the classic
// KubernetesClusterExtension (extensionType microsoft.dapr, linked by clusterId) or an azure-native one.
import { linkByClusterName, stackClusters, stackResources } from "../lib/azure-stack";
import { CLUSTER_TYPES } from "../lib/azure";
import { CLASSIC } from "../lib/azure-classic";
import { stackPolicy } from "../lib/policy";
import { allOf, anyOf, get, sameIgnoringCase, UNKNOWN } from "../lib/values";

export const serviceMeshEnabled = stackPolicy({
    name: "aks-service-mesh-enabled",
    practice: "7",
    description: "Every AKS cluster must run a service mesh (the Istio add-on) or Dapr for mTLS and layer-7 policy between services.",
    enforcementLevel: "advisory",
    severity: "medium",
    remediationSteps: "Enable the Istio add-on (serviceMeshProfile: { mode: \"Istio\", istio: { revisions: [...] } }) or install the Dapr extension (azure-native:kubernetesconfiguration:Extension, extensionType \"Microsoft.Dapr\") on the cluster, then require strict mTLS.",
}, false, [...CLUSTER_TYPES, "azure-native:kubernetesconfiguration:Extension", CLASSIC.extension], (resources, cfg, report) => {
    const extensions = stackResources(resources, "kubernetesconfiguration", "Extension", cfg);
    for (const c of stackClusters(resources, cfg)) {
        const mode = get(c.props, "serviceMeshProfile", "mode");
        if (mode === UNKNOWN || sameIgnoringCase(mode, "Istio")) continue;
        const dapr = anyOf(...extensions.map(e => {
            const type = get(e.props, "extensionType");
            return allOf(type === UNKNOWN ? UNKNOWN : sameIgnoringCase(type, "Microsoft.Dapr"), linkByClusterName(e, "clusterName", c));
        }));
        if (dapr !== false) continue;
        const extension = c.view.classic ? "azure:containerservice/kubernetesClusterExtension:KubernetesClusterExtension, extensionType microsoft.dapr" : "azure-native:kubernetesconfiguration:Extension, extensionType Microsoft.Dapr";
        report(`${c.label}: has no service mesh: serviceMeshProfile.mode is not Istio and no Dapr extension (${extension}) belongs to it; enable the Istio add-on or install Dapr.`, c.resource.urn);
    }
});
