// aks-node-subnet-nsg
// Node pools are segregated at the network level too: each node pool (a ManagedCluster's
// agentPoolProfiles[] entry or a separate AgentPool) whose vnetSubnetID names a subnet that the
// stack declares (an azure-native:network:Subnet, or an inline subnets[] entry of a
// network:VirtualNetwork) sits in a subnet with a networkSecurityGroup (an id). A pool links to a
// subnet by the subnet's ARM id (its id output, or resource group, virtual network and subnet
// names), or, while vnetSubnetID is unknown, by its one dependency on a declared subnet (or on the
// virtual network of its one inline subnet). Pools without vnetSubnetID (the AKS-managed network)
// and subnets the stack does not declare are not judged; unknown links and NSGs defer.
// The classic @pulumi/azure twins are judged and linked alike, with each other and with
// azure-native ones: clusters' defaultNodePool and KubernetesClusterNodePools by vnetSubnetId, in
// an azure:network/subnet:Subnet or an inline subnets[] block of an
// azure:network/virtualNetwork:VirtualNetwork (its securityGroup, an NSG id). A classic Subnet
// has no NSG field: an azure:network/subnetNetworkSecurityGroupAssociation:SubnetNetworkSecurityGroupAssociation
// attaches its networkSecurityGroupId to the subnet its subnetId names (by the same ARM id, or by
// dependency while unknown), and it counts for any declared subnet.
import type { PolicyResource } from "@pulumi/policy";
import { agentPoolView, CLUSTER_TYPES, NODE_POOL_TYPES, NodePoolView } from "../lib/azure";
import { CLASSIC, classicSubnetNsgAssociation, classicTypeName } from "../lib/azure-classic";
import { linkByArmId, linkByDependencies, stackClusters, stackNodePools, StackResource, StackTarget, stackTargets, written } from "../lib/azure-stack";
import { azureLanding, CommonConfig, isExempt } from "../lib/exemptions";
import { stackPolicy } from "../lib/policy";
import { allOf, anyOf, get, Maybe, Obj, rawProps, textOrUnknown, Unknown, UNKNOWN } from "../lib/values";

const SUBNET_ID = /^\/subscriptions\/[^/]+\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Network\/virtualNetworks\/([^/]+)\/subnets\/([^/]+)\/?$/i;

interface DeclaredSubnet extends StackTarget {
    /** The names in the subnet's ARM id after the resource group: virtual network, subnet. */
    names: (string | undefined | Unknown)[];
    /** The subnet's properties in the neutral shape (the Subnet resource's, or the inline entry). */
    subnet: Obj;
    /** `Subnet "aks-nodes"`, `VirtualNetwork "spoke" subnets[1]`: how messages name it. */
    label: string;
    /** What is missing and how to attach one, as the subnet was written. */
    missing: string;
}

const NATIVE_MISSING = "has no networkSecurityGroup; attach a network security group to the subnet (networkSecurityGroup: { id: nsg.id })";

function declaredSubnets(resources: PolicyResource[], cfg: CommonConfig): DeclaredSubnet[] {
    const out: DeclaredSubnet[] = stackTargets(resources, "network", "Subnet", "subnetName", cfg).map(s => ({
        ...s, names: [textOrUnknown(s.props, "virtualNetworkName"), s.azureName], subnet: s.props, label: `Subnet "${s.resource.name}"`,
        missing: s.resource.type === CLASSIC.subnet
            ? `has no network security group: no ${CLASSIC.subnetNsgAssociation} names it in subnetId; add one (subnetId: subnet.id, networkSecurityGroupId: nsg.id)`
            : NATIVE_MISSING,
    }));
    for (const vnet of stackTargets(resources, "network", "VirtualNetwork", "virtualNetworkName", cfg)) {
        const subnets = get(vnet.props, "subnets");
        if (!Array.isArray(subnets)) continue;
        const classic = vnet.resource.type === CLASSIC.virtualNetwork;
        subnets.forEach((_, i) => {
            const subnet = get(subnets, i);
            if (subnet === null || typeof subnet !== "object" || Array.isArray(subnet)) return;
            out.push({
                resource: vnet.resource, resourceGroup: vnet.resourceGroup, id: textOrUnknown(subnet, "id"),
                azureName: textOrUnknown(subnet, "name"), names: [vnet.azureName, textOrUnknown(subnet, "name")],
                subnet: subnet as Obj, label: `${classicTypeName(vnet.resource.type)} "${vnet.resource.name}" subnets[${i}]`,
                missing: classic ? "has no securityGroup; attach a network security group to the subnet block (securityGroup: nsg.id)" : NATIVE_MISSING,
            });
        });
    }
    return out;
}

/** The stack's classic subnet–NSG associations, in the neutral view (subnetId, networkSecurityGroupId). */
function nsgAssociations(resources: PolicyResource[], cfg: CommonConfig): StackResource[] {
    return resources.filter(r => r.type === CLASSIC.subnetNsgAssociation)
        .map(r => ({ resource: r, ...classicSubnetNsgAssociation(rawProps(r.props)) }))
        .filter(a => !isExempt(cfg, azureLanding(a.resource.name, a.resource.type, a.props)));
}

/** Whether the subnet has a network security group of its own (the azure-native field, classic's inline securityGroup). */
function ownNsg(s: DeclaredSubnet): Maybe {
    const nsg = get(s.subnet, "networkSecurityGroup");
    const id = get(nsg, "id");
    if (nsg === UNKNOWN || id === UNKNOWN) return UNKNOWN;
    return typeof id === "string" && id !== "";
}

/**
 * The links from a resource's subnet id (`id`, read from its `property`) to each declared subnet:
 * by ARM id, or, while the id is unknown, the subnet it depends on when it depends on exactly one
 * (a virtual network counts once per inline subnet).
 */
function subnetLinks(owner: StackResource, property: string, id: unknown, subnets: DeclaredSubnet[]): Maybe[] {
    if (id !== UNKNOWN) return subnets.map(s => linkByArmId(owner, property, id, s, SUBNET_ID, s.names));
    const byDependency = subnets.map(s => linkByDependencies(owner.resource, written(owner, property), s));
    const candidates = byDependency.filter(l => l === true).length;
    return byDependency.map(l => (l === true && candidates > 1 ? UNKNOWN : l));
}

/** Whether each declared subnet has a network security group: its own, or a classic association's. */
function nsgs(subnets: DeclaredSubnet[], associations: StackResource[]): Maybe[] {
    const attached = associations.map(a => {
        const nsg = get(a.props, "networkSecurityGroupId");
        const hasNsg: Maybe = nsg === UNKNOWN ? UNKNOWN : typeof nsg === "string" && nsg !== "";
        return subnetLinks(a, "subnetId", get(a.props, "subnetId"), subnets).map(l => allOf(l, hasNsg));
    });
    return subnets.map((s, i) => anyOf(ownNsg(s), ...attached.map(links => links[i])));
}

export const nodeSubnetNsg = stackPolicy({
    name: "aks-node-subnet-nsg",
    practice: "6",
    description: "Every AKS node pool in a subnet that the stack declares must sit in a subnet with a network security group, so that traffic between node pools and to the nodes is filtered at the network level too.",
    enforcementLevel: "advisory",
    severity: "medium",
    remediationSteps: "Declare an azure-native:network:NetworkSecurityGroup with the rules the node pools need and set networkSecurityGroup: { id: nsg.id } on the node subnet (the Subnet resource or the VirtualNetwork's subnets[] entry); give each node pool class its own subnet. With classic @pulumi/azure: a network.SubnetNetworkSecurityGroupAssociation (subnetId: subnet.id, networkSecurityGroupId: nsg.id), or securityGroup on an inline subnets block.",
}, false, [...CLUSTER_TYPES, ...NODE_POOL_TYPES, "azure-native:network:Subnet", CLASSIC.subnet, CLASSIC.subnetNsgAssociation, "azure-native:network:VirtualNetwork", CLASSIC.virtualNetwork], (resources, cfg, report) => {
    const subnets = declaredSubnets(resources, cfg);
    if (subnets.length === 0) return;
    const hasNsg = nsgs(subnets, nsgAssociations(resources, cfg));
    const judge = (owner: StackResource, label: string, property: string, pool: NodePoolView) => {
        const ls = subnetLinks(owner, property, get(pool.pool, "vnetSubnetID"), subnets);
        for (const [i, s] of subnets.entries()) {
            if (ls[i] !== true || hasNsg[i] !== false) continue;
            report(`${label}: ${pool.label} (${pool.field("vnetSubnetID").name}) is in ${s.label}, which ${s.missing}.`, s.resource.urn);
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
