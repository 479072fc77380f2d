// aks-node-subnet-nsg
// Node pools are segregated at the network level too: each node pool (a ManagedCluster's
// agentPoolProfiles[] entry or a separate AgentPool) whose vnetSubnetID names a subnet that the
// stack declares (an azure-native:network:Subnet, or an inline subnets[] entry of a
// network:VirtualNetwork) sits in a subnet with a networkSecurityGroup (an id). A pool links to a
// subnet by the subnet's ARM id (its id output, or resource group, virtual network and subnet
// names), or, while vnetSubnetID is unknown, by its one dependency on a declared subnet (or on the
// virtual network of its one inline subnet). Pools without vnetSubnetID (the AKS-managed network)
// and subnets the stack does not declare are not judged; unknown links and NSGs defer.
import type { PolicyResource } from "@pulumi/policy";
import { agentPoolView, CLUSTER_TYPES, NODE_POOL_TYPES, NodePoolView } from "../lib/azure";
import { CLASSIC, classicTypeName } from "../lib/azure-classic";
import { linkByArmId, linkByDependencies, stackClusters, stackNodePools, StackResource, stackResources, StackTarget, stackTargets } from "../lib/azure-stack";
import { CommonConfig } from "../lib/exemptions";
import { stackPolicy } from "../lib/policy";
import { get, Maybe, Obj, textOrUnknown, Unknown, UNKNOWN } from "../lib/values";

const SUBNET_ID = /^\/subscriptions\/[^/]+\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Network\/virtualNetworks\/([^/]+)\/subnets\/([^/]+)\/?$/i;

interface DeclaredSubnet extends StackTarget {
    /** The names in the subnet's ARM id after the resource group: virtual network, subnet. */
    names: (string | undefined | Unknown)[];
    /** The subnet's properties (the Subnet resource's, or the inline entry). */
    subnet: Obj;
    /** `Subnet "aks-nodes"`, `VirtualNetwork "spoke" subnets[1]`: how messages name it. */
    label: string;
}

function declaredSubnets(resources: PolicyResource[], cfg: CommonConfig): DeclaredSubnet[] {
    const out: DeclaredSubnet[] = stackTargets(resources, "network", "Subnet", "subnetName", cfg).map(s => ({
        ...s, names: [textOrUnknown(s.props, "virtualNetworkName"), s.azureName], subnet: s.props, label: `Subnet "${s.resource.name}"`,
    }));
    for (const vnet of stackTargets(resources, "network", "VirtualNetwork", "virtualNetworkName", cfg)) {
        const subnets = get(vnet.props, "subnets");
        if (!Array.isArray(subnets)) continue;
        subnets.forEach((_, i) => {
            const subnet = get(subnets, i);
            if (subnet === null || typeof subnet !== "object" || Array.isArray(subnet)) return;
            out.push({
                resource: vnet.resource, resourceGroup: vnet.resourceGroup, id: textOrUnknown(subnet, "id"),
                azureName: textOrUnknown(subnet, "name"), names: [vnet.azureName, textOrUnknown(subnet, "name")],
                subnet: subnet as Obj, label: `VirtualNetwork "${vnet.resource.name}" subnets[${i}]`,
            });
        });
    }
    return out;
}

/** Whether the subnet has a network security group: yes, no, or not known yet. */
function hasNsg(s: DeclaredSubnet): Maybe {
    const nsg = get(s.subnet, "networkSecurityGroup");
    const id = get(nsg, "id");
    if (nsg === UNKNOWN || id === UNKNOWN) return UNKNOWN;
    return typeof id === "string" && id !== "";
}

/** The links from a node pool's vnetSubnetID to each declared subnet. */
function links(owner: StackResource, property: string, pool: NodePoolView, subnets: DeclaredSubnet[]): Maybe[] {
    const id = get(pool.pool, "vnetSubnetID");
    if (id !== UNKNOWN) return subnets.map(s => linkByArmId(owner, property, id, s, SUBNET_ID, s.names));
    // Unknown: the subnet it depends on, when it depends on exactly one (a virtual network counts once per inline subnet).
    const byDependency = subnets.map(s => linkByDependencies(owner.resource, property, s));
    const candidates = byDependency.filter(l => l === true).length;
    return byDependency.map(l => (l === true && candidates > 1 ? UNKNOWN : l));
}

export const nodeSubnetNsg = stackPolicy({
    name: "aks-node-subnet-nsg",
    practice: "6",
    description: "Every AKS node pool in a subnet that the stack declares must sit in a subnet with a network security group, so that traffic between node pools and to the nodes is filtered at the network level too.",
    enforcementLevel: "advisory",
    severity: "medium",
    remediationSteps: "Declare an azure-native:network:NetworkSecurityGroup with the rules the node pools need and set networkSecurityGroup: { id: nsg.id } on the node subnet (the Subnet resource or the VirtualNetwork's subnets[] entry); give each node pool class its own subnet.",
}, false, [...CLUSTER_TYPES, ...NODE_POOL_TYPES, "azure-native:network:Subnet", "azure-native:network:VirtualNetwork"], (resources, cfg, report) => {
    const subnets = declaredSubnets(resources, cfg);
    if (subnets.length === 0) return;
    const judge = (owner: StackResource, label: string, property: string, pool: NodePoolView) => {
        const ls = links(owner, property, pool, subnets);
        for (const [i, s] of subnets.entries()) {
            if (ls[i] !== true || hasNsg(s) !== false) continue;
            report(`${label}: ${pool.label} (${pool.field("vnetSubnetID").name}) is in ${s.label}, which has no networkSecurityGroup; attach a network security group to the subnet (networkSecurityGroup: { id: nsg.id }).`, s.resource.urn);
        }
    };
    for (const c of stackClusters(resources, cfg)) {
        for (const pool of c.view.pools) judge({ resource: c.resource, props: c.props }, c.label, c.view.classic ? "defaultNodePool" : "agentPoolProfiles", pool);
    }
    for (const ap of stackNodePools(resources, cfg)) {
        const pool = agentPoolView(ap.resource.type, ap.props, ap.resource.name)!;
        const classic = ap.resource.type === CLASSIC.nodePool;
        judge(ap, `${classicTypeName(ap.resource.type)} "${ap.resource.name}"`, classic ? "vnetSubnetId" : "vnetSubnetID", pool);
    }
});
