// aks-fleet-membership
// Clusters of one platform are kept consistent by one Azure Kubernetes Fleet Manager: when the
// stack declares a Fleet (azure-native:containerservice:Fleet), every AKS cluster of the stack is
// a member of it, that is, some containerservice:FleetMember names the cluster in
// clusterResourceId (its id, a managedClusters id with its name, or by dependency while unknown)
// and belongs to one of the stack's Fleets (fleetName with its resource group, or by dependency).
// With requireFleet (default false), a stack that declares clusters and no Fleet fails too.
// A member whose cluster or fleet is not known yet defers the verdict for that cluster. Classic
// @pulumi/azure clusters, KubernetesFleetManagers and FleetMembers (kubernetesClusterId,
// kubernetesFleetId) are judged and linked alike, with each other and with azure-native ones.
import { linkByNameProperty, linkByResourceId, stackClusters, stackResources, stackTargets } from "../lib/azure-stack";
import { CLUSTER_TYPES } from "../lib/azure";
import { CLASSIC } from "../lib/azure-classic";
import { stackPolicy } from "../lib/policy";
import { allOf, anyOf } from "../lib/values";

export const fleetMembership = stackPolicy({
    name: "aks-fleet-membership",
    practice: "12",
    description: "Every AKS cluster of a stack that declares an Azure Kubernetes Fleet Manager fleet must be a member of it, so that upgrades and policy roll out to all clusters alike.",
    enforcementLevel: "advisory",
    severity: "low",
    remediationSteps: "Add an azure-native:containerservice:FleetMember for each cluster (fleetName: the fleet's name, clusterResourceId: cluster.id), or exempt a cluster that is deliberately outside the fleet with excludeResources.",
    config: {
        requireFleet: { type: "boolean", default: false, description: "Also fail a stack that declares AKS clusters and no Fleet." },
    },
}, false, [...CLUSTER_TYPES, "azure-native:containerservice:Fleet", CLASSIC.fleet, "azure-native:containerservice:FleetMember", CLASSIC.fleetMember], (resources, cfg, report) => {
    const clusters = stackClusters(resources, cfg);
    if (clusters.length === 0) return;
    const fleets = stackTargets(resources, "containerservice", "Fleet", "fleetName", cfg);
    if (fleets.length === 0) {
        if (cfg.requireFleet !== true) return;
        for (const c of clusters) {
            report(`${c.label}: the stack declares no Azure Kubernetes Fleet Manager fleet (requireFleet); declare an azure-native:containerservice:Fleet and make the cluster a FleetMember of it.`, c.resource.urn);
        }
        return;
    }
    const members = stackResources(resources, "containerservice", "FleetMember", cfg, "fleetMemberName");
    for (const c of clusters) {
        const member = anyOf(...members.map(m => allOf(
            linkByResourceId(m, "clusterResourceId", c),
            anyOf(...fleets.map(f => linkByNameProperty(m, "fleetName", f))),
        )));
        if (member !== false) continue;
        const [memberType, field] = c.view.classic ? ["azure:containerservice/fleetMember:FleetMember", "kubernetesClusterId"] : ["azure-native:containerservice:FleetMember", "clusterResourceId"];
        report(`${c.label}: is not a member of the stack's fleet: no ${memberType} of it names the cluster in ${field}; add a FleetMember with ${field} set to the cluster's id.`, c.resource.urn);
    }
});
