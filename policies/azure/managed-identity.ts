// aks-managed-identity
// A cluster reaches Azure (load balancers, disks, routes) with a managed identity:
// identity.type is SystemAssigned or UserAssigned, and no servicePrincipalProfile.clientId other
// than `msi` (the value by which AKS means "use the managed identity") names a service principal,
// whose client secret must be rotated by hand, expires and can leak (AKS's default lifetime is one
// year; programs set it far longer). Types compare as AKS compares enums, ignoring case. As Azure
// Policy's "Azure Kubernetes Service Clusters should use managed identities".
// The classic @pulumi/azure KubernetesCluster writes these as identity.type and
// servicePrincipal.clientId (with clientSecret); messages name the fields as written.
import { ClusterView, clusterPolicy, enumIn } from "../lib/azure";
import { get, sameIgnoringCase, UNKNOWN } from "../lib/values";

/** How to write a managed identity in the cluster's own provider. */
const fix = (cluster: ClusterView) => `set ${cluster.fields("identity.type").name} to SystemAssigned (or UserAssigned with the identity's id)`;

export const managedIdentity = clusterPolicy({
    name: "aks-managed-identity",
    practice: "6.1",
    description: "AKS clusters should use a managed identity, not a service principal and its client secret.",
    enforcementLevel: "advisory",
    severity: "medium",
    remediationSteps: "Remove servicePrincipalProfile (classic @pulumi/azure: servicePrincipal) and set identity: { type: \"SystemAssigned\" }, or \"UserAssigned\" with userAssignedIdentities; an existing cluster can be updated in place (az aks update --enable-managed-identity).",
}, (cluster, _cfg, report) => {
    const clientId = get(cluster.props, "servicePrincipalProfile", "clientId");
    if (clientId === UNKNOWN) return; // a service principal or `msi`: not known yet
    if (clientId !== undefined && clientId !== null && !sameIgnoringCase(clientId, "msi")) {
        const sp = cluster.fields("servicePrincipalProfile.clientId").name;
        report(`authenticates to Azure as the service principal in ${sp}, whose client secret expires and can leak; remove ${sp.slice(0, sp.lastIndexOf("."))} and ${fix(cluster)}.`);
        return;
    }
    const type = get(cluster.props, "identity", "type");
    if (type === UNKNOWN || enumIn(type, ["SystemAssigned", "UserAssigned"])) return;
    // `msi` with no identity block: AKS gives the cluster its system-assigned identity.
    if (type === undefined && clientId !== undefined && clientId !== null) return;
    const field = cluster.fields("identity.type").name;
    const why = type === undefined || type === null ? `does not set ${field}` : `sets ${field} to a type that is not a managed identity`;
    report(`${why}, so the cluster has no managed identity to reach Azure with; ${fix(cluster)}.`);
});
