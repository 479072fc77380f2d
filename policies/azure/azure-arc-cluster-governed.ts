// azure-arc-cluster-governed
// A Kubernetes cluster outside Azure that is connected with Azure Arc
// (azure-native:kubernetes:ConnectedCluster) is governed like an AKS cluster: it has the Azure
// Policy extension (azure-native:kubernetesconfiguration:Extension with extensionType
// Microsoft.PolicyInsights) and the Defender extension (extensionType
// microsoft.azuredefender.kubernetes). Extension types compare case-insensitively. An extension
// belongs to the connected cluster by clusterName (with resourceGroupName) when clusterRp and
// clusterResourceName, where set, are Microsoft.Kubernetes and connectedClusters, or by its
// dependency on the cluster while the name is unknown. An extension whose type or cluster is not
// known yet defers the verdict on what it could provide.
// The classic @pulumi/azure azure:arckubernetes/cluster:Cluster is judged alike, with
// azure:arckubernetes/clusterExtension:ClusterExtension (or azure-native) extensions: a classic
// extension names its cluster by clusterId, the cluster's full resource id
// (/subscriptions/…/resourceGroups/<group>/providers/Microsoft.Kubernetes/connectedClusters/<name>),
// and its type by extensionType.
import { CLASSIC } from "../lib/azure-classic";
import { linkByNameProperty, StackResource, stackResources, StackTarget, stackTargets } from "../lib/azure-stack";
import { stackPolicy } from "../lib/policy";
import { allOf, anyOf, get, Maybe, sameIgnoringCase, UNKNOWN } from "../lib/values";

const REQUIRED = [
    { type: "Microsoft.PolicyInsights", what: "Azure Policy" },
    { type: "microsoft.azuredefender.kubernetes", what: "Defender for Containers" },
];

/** Whether an extension is on a connected (Arc) cluster rather than a managed or provisioned one. */
function onArc(e: StackResource): Maybe {
    const rp = get(e.props, "clusterRp");
    const kind = get(e.props, "clusterResourceName");
    const is = (v: unknown, expected: string): Maybe => (v === UNKNOWN ? UNKNOWN : v === undefined || v === null || sameIgnoringCase(v, expected));
    return allOf(is(rp, "Microsoft.Kubernetes"), is(kind, "connectedClusters"));
}

function provides(e: StackResource, c: StackTarget, type: string): Maybe {
    const t = get(e.props, "extensionType");
    return allOf(t === UNKNOWN ? UNKNOWN : sameIgnoringCase(t, type), onArc(e), linkByNameProperty(e, "clusterName", c));
}

export const arcClusterGoverned = stackPolicy({
    name: "azure-arc-cluster-governed",
    practice: "12",
    description: "Every Azure Arc-connected Kubernetes cluster must carry the Azure Policy and Defender extensions, so that clusters outside Azure follow the same guardrails as AKS.",
    enforcementLevel: "advisory",
    severity: "medium",
    remediationSteps: "Add azure-native:kubernetesconfiguration:Extension resources on the connected cluster (clusterRp \"Microsoft.Kubernetes\", clusterResourceName \"connectedClusters\", clusterName: the cluster's name) with extensionType \"Microsoft.PolicyInsights\" and \"microsoft.azuredefender.kubernetes\" (classic @pulumi/azure: azure:arckubernetes/clusterExtension:ClusterExtension resources with clusterId: the cluster's id).",
}, false, ["azure-native:kubernetes:ConnectedCluster", CLASSIC.arcCluster, "azure-native:kubernetesconfiguration:Extension", CLASSIC.arcExtension], (resources, cfg, report) => {
    const extensions = stackResources(resources, "kubernetesconfiguration", "Extension", cfg, "extensionName");
    for (const c of stackTargets(resources, "kubernetes", "ConnectedCluster", "clusterName", cfg)) {
        const missing = REQUIRED.filter(r => anyOf(...extensions.map(e => provides(e, c, r.type))) === false);
        if (missing.length === 0) continue;
        const list = missing.map(m => `${m.what} (extensionType ${m.type})`).join(" and ");
        // The fix in the cluster's own provider.
        const [label, fix] = c.resource.type === CLASSIC.arcCluster
            ? [`Cluster "${c.resource.name}"`, `an ${CLASSIC.arcExtension} of that type with clusterId set to the cluster's id`]
            : [`ConnectedCluster "${c.resource.name}"`, "an azure-native:kubernetesconfiguration:Extension of that type on the connected cluster"];
        report(`${label}: has no ${list} extension; add ${fix}.`, c.resource.urn);
    }
});
