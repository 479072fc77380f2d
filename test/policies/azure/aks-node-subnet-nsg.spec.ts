import * as assert from "assert";
import { UNKNOWN_STRING } from "../../../harness";
import { agentPoolWith, clusterWith } from "../../support/azure";
import {
    classicClusterWith, classicNodePoolWith, classicSubnetId, classicSubnetNsgAssociationWith, classicSubnetWith, classicVirtualNetworkWith,
} from "../../support/azure-classic";
import { dependingOn, propertyDependingOn } from "../../support/azure-stack";
import { messages, PolicyContract } from "../../support/util";

const policy = "aks-node-subnet-nsg";
const SUB = "/subscriptions/00000000-0000-0000-0000-000000000000";
const NSG = { id: `${SUB}/resourceGroups/net-rg/providers/Microsoft.Network/networkSecurityGroups/aks-nodes-nsg` };
const subnetId = (subnet: string, vnet = "spoke", group = "net-rg") => `${SUB}/resourceGroups/${group}/providers/Microsoft.Network/virtualNetworks/${vnet}/subnets/${subnet}`;

const subnet = (name: string, networkSecurityGroup: unknown, props: Record<string, unknown> = {}, type = "azure-native:network:Subnet") =>
    ({ type, name, props: { resourceGroupName: "net-rg", virtualNetworkName: "spoke", subnetName: name, addressPrefix: "10.1.0.0/22", networkSecurityGroup, ...props } });
const vnet = (subnets: unknown, type = "azure-native:network:VirtualNetwork") =>
    ({ type, name: "spoke-vnet", props: { resourceGroupName: "net-rg", virtualNetworkName: "spoke", addressSpace: { addressPrefixes: ["10.1.0.0/16"] }, subnets } });
/** The hardened cluster with its inline pools in the `system` and `user` subnets (null: no vnetSubnetID). */
const aks = (system: unknown = subnetId("system"), user: unknown = subnetId("user")) => clusterWith(c => {
    [system, user].forEach((id, i) => { if (id !== null) c.agentPoolProfiles[i].vnetSubnetID = id; });
});
const bare = (pool: string, index: number, where: string) =>
    `ManagedCluster "prod-aks": node pool "${pool}" (agentPoolProfiles[${index}].vnetSubnetID) is in ${where}, which has no networkSecurityGroup; attach a network security group to the subnet (networkSecurityGroup: { id: nsg.id }).`;

export const contract: PolicyContract = {
    policy,
    bad: [subnet("system", null), subnet("user", NSG), aks()],
    target: 0,
    field: ["networkSecurityGroup"],
};

describe(policy, () => {
    it("passes node pools whose declared subnets have a network security group", async () => {
        assert.deepStrictEqual(await messages(policy, [subnet("system", NSG), subnet("user", NSG), aks()]), []);
        assert.deepStrictEqual(await messages(policy, [vnet([{ name: "system", networkSecurityGroup: NSG }, { name: "user", networkSecurityGroup: NSG }]), aks()]), []);
    });

    it("fires on each node pool in a declared subnet without an NSG, naming pool, field and subnet", async () => {
        assert.deepStrictEqual(await messages(policy, [subnet("system", undefined), subnet("user", NSG), aks()]), [bare("system", 0, 'Subnet "system"')]);
        assert.deepStrictEqual(await messages(policy, [vnet([{ name: "system", networkSecurityGroup: NSG }, { name: "user" }]), aks()]), [bare("user", 1, 'VirtualNetwork "spoke-vnet" subnets[1]')]);
        assert.deepStrictEqual(await messages(policy, [subnet("shared", { id: "" }), aks(subnetId("shared"), subnetId("shared"))]), [
            bare("system", 0, 'Subnet "shared"'), bare("user", 1, 'Subnet "shared"'),
        ]);
    });

    it("judges separate AgentPool resources by their own vnetSubnetID", async () => {
        const pool = agentPoolWith(p => { p.vnetSubnetID = subnetId("apps"); });
        assert.deepStrictEqual(await messages(policy, [subnet("apps", undefined), pool]), [
            'AgentPool "apps-pool": node pool "apps" (vnetSubnetID) is in Subnet "apps", which has no networkSecurityGroup; attach a network security group to the subnet (networkSecurityGroup: { id: nsg.id }).',
        ]);
        assert.deepStrictEqual(await messages(policy, [subnet("apps", NSG), pool]), []);
    });

    it("does not judge pools on the AKS-managed network or in subnets the stack does not declare", async () => {
        assert.deepStrictEqual(await messages(policy, [subnet("system", undefined), aks(null, null)]), []);
        assert.deepStrictEqual(await messages(policy, [subnet("system", undefined), aks(subnetId("system", "hub"), subnetId("system", "spoke", "other-rg"))]), []);
        assert.deepStrictEqual(await messages(policy, [aks()]), []);
    });

    it("links by the subnet's id output and, while vnetSubnetID is unknown, by the one subnet the pool depends on", async () => {
        const custom = subnet("system", undefined, { id: "/custom/system" });
        assert.deepStrictEqual(await messages(policy, [custom, aks("/custom/system", null)]), [bare("system", 0, 'Subnet "system"')]);
        const nodes = subnet("nodes", undefined);
        assert.deepStrictEqual(await messages(policy, [nodes, dependingOn(aks(UNKNOWN_STRING, null), nodes)]), [bare("system", 0, 'Subnet "nodes"')]);
    });

    it("defers when the pool's subnet cannot be told yet or the NSG is unknown", async () => {
        const a = subnet("a", undefined);
        const b = subnet("b", NSG);
        assert.deepStrictEqual(await messages(policy, [a, b, dependingOn(aks(UNKNOWN_STRING, null), a, b)]), [], "two candidate subnets");
        assert.deepStrictEqual(await messages(policy, [a, aks(UNKNOWN_STRING, null)]), [], "no dependencies to tell");
        assert.deepStrictEqual(await messages(policy, [subnet("system", UNKNOWN_STRING), aks(subnetId("system"), null)]), []);
        assert.deepStrictEqual(await messages(policy, [subnet("system", { id: UNKNOWN_STRING }), aks(subnetId("system"), null)]), []);
        assert.deepStrictEqual(await messages(policy, [subnet("system", undefined, { subnetName: UNKNOWN_STRING }), aks(subnetId("system"), null)]), []);
    });

    it("still reports a known bare subnet when the pool's unknown id depends on other resources only", async () => {
        const a = subnet("a", undefined);
        const kv = { type: "azure-native:keyvault:Vault", name: "kv", props: {} };
        assert.deepStrictEqual(await messages(policy, [a, kv, dependingOn(aks(UNKNOWN_STRING, subnetId("a")), kv)]), [bare("user", 1, 'Subnet "a"')]);
    });

    it("gives clean verdicts on malformed subnets and ids", async () => {
        assert.deepStrictEqual(await messages(policy, [vnet("not-a-list"), aks()]), []);
        assert.deepStrictEqual(await messages(policy, [vnet([null, 42, { name: "system", networkSecurityGroup: "nsg" }]), aks(42, subnetId("system"))]), [bare("user", 1, 'VirtualNetwork "spoke-vnet" subnets[2]')]);
    });

    it("matches versioned tokens and honours excludeResources", async () => {
        const s = subnet("system", undefined, {}, "azure-native:network/v20240501:Subnet");
        assert.deepStrictEqual(await messages(policy, [s, aks(subnetId("system"), null)]), [bare("system", 0, 'Subnet "system"')]);
        assert.deepStrictEqual(await messages(policy, [vnet([{ name: "system" }], "azure-native:network/v20240301:VirtualNetwork"), aks(subnetId("system"), null)]), [bare("system", 0, 'VirtualNetwork "spoke-vnet" subnets[0]')]);
        assert.deepStrictEqual(await messages(policy, [s, aks(subnetId("system"), null)], { excludeResources: ["system"] }), []);
        assert.deepStrictEqual(await messages(policy, [s, aks(subnetId("system"), null)], { excludeResources: ["prod-aks"] }), []);
    });
});

// The classic @pulumi/azure twins (6.40.0): Subnet (no NSG field), SubnetNetworkSecurityGroupAssociation
// (subnetId, networkSecurityGroupId), VirtualNetwork inline subnets blocks (securityGroup), and
// node pools' vnetSubnetId.
describe(`${policy} (classic @pulumi/azure)`, () => {
    const pool = classicNodePoolWith();
    const nodes = classicSubnetWith();
    const association = classicSubnetNsgAssociationWith();
    const noAssociation = `KubernetesClusterNodePool "user-pool": node pool "user" (vnetSubnetId) is in Subnet "aks-nodes", which has no network security group: no azure:network/subnetNetworkSecurityGroupAssociation:SubnetNetworkSecurityGroupAssociation names it in subnetId; add one (subnetId: subnet.id, networkSecurityGroupId: nsg.id).`;

    it("passes a node pool whose classic subnet has an NSG association", async () => {
        assert.deepStrictEqual(await messages(policy, [nodes, association, pool]), []);
        assert.deepStrictEqual(await messages(policy, [nodes, association, classicClusterWith(c => { c.defaultNodePool.vnetSubnetId = classicSubnetId(); }), pool]), []);
    });

    it("fires when no association attaches an NSG to the subnet, naming the classic fields", async () => {
        assert.deepStrictEqual(await messages(policy, [nodes, pool]), [noAssociation]);
        assert.deepStrictEqual(await messages(policy, [nodes, classicSubnetNsgAssociationWith(a => { a.subnetId = classicSubnetId("other"); }), pool]), [noAssociation]);
        assert.deepStrictEqual(await messages(policy, [nodes, classicSubnetNsgAssociationWith(a => { a.networkSecurityGroupId = ""; }), pool]), [noAssociation]);
        assert.deepStrictEqual(await messages(policy, [nodes, classicClusterWith(c => { c.defaultNodePool.vnetSubnetId = classicSubnetId(); })]), [
            'KubernetesCluster "prod-aks": node pool "system" (defaultNodePool.vnetSubnetId) is in Subnet "aks-nodes", which has no network security group: no azure:network/subnetNetworkSecurityGroupAssociation:SubnetNetworkSecurityGroupAssociation names it in subnetId; add one (subnetId: subnet.id, networkSecurityGroupId: nsg.id).',
        ]);
    });

    it("judges inline subnets blocks of a classic VirtualNetwork by their securityGroup", async () => {
        const vnetWith = (securityGroup?: unknown) => classicVirtualNetworkWith(v => { v.subnets = [{ name: "aks-nodes", addressPrefixes: ["10.1.0.0/22"], ...(securityGroup === undefined ? {} : { securityGroup }) }]; });
        assert.deepStrictEqual(await messages(policy, [vnetWith(NSG.id), pool]), []);
        assert.deepStrictEqual(await messages(policy, [vnetWith(), pool]), [
            'KubernetesClusterNodePool "user-pool": node pool "user" (vnetSubnetId) is in VirtualNetwork "prod-vnet" subnets[0], which has no securityGroup; attach a network security group to the subnet block (securityGroup: nsg.id).',
        ]);
        assert.deepStrictEqual(await messages(policy, [vnetWith(UNKNOWN_STRING), pool]), []);
    });

    it("links an association by dependency while its subnetId is unknown, deferring rather than passing when it cannot tell", async () => {
        const unknownId = classicSubnetNsgAssociationWith(a => { a.subnetId = UNKNOWN_STRING; });
        assert.deepStrictEqual(await messages(policy, [nodes, propertyDependingOn(unknownId, "subnetId", nodes), pool]), [], "subnetId depends on the subnet");
        assert.deepStrictEqual(await messages(policy, [nodes, unknownId, pool]), [], "no dependency to tell: defers");
        const other = classicSubnetWith(s => { s.name = "other"; }, { name: "other" });
        assert.deepStrictEqual(await messages(policy, [nodes, other, dependingOn(unknownId, other), pool]), [noAssociation], "depends on another subnet only");
        assert.deepStrictEqual(await messages(policy, [nodes, classicSubnetNsgAssociationWith(a => { a.networkSecurityGroupId = UNKNOWN_STRING; }), pool]), [], "an NSG not known yet");
    });

    it("links a pool by dependency while its vnetSubnetId is unknown", async () => {
        const unknownPool = classicNodePoolWith(p => { p.vnetSubnetId = UNKNOWN_STRING; });
        assert.deepStrictEqual(await messages(policy, [nodes, propertyDependingOn(unknownPool, "vnetSubnetId", nodes)]), [noAssociation]);
        assert.deepStrictEqual(await messages(policy, [nodes, association, propertyDependingOn(unknownPool, "vnetSubnetId", nodes)]), []);
        assert.deepStrictEqual(await messages(policy, [nodes, unknownPool]), [], "no dependency to tell");
        assert.deepStrictEqual(await messages(policy, [classicSubnetWith(s => { s.name = UNKNOWN_STRING; }), pool]), [], "the subnet's name is not known yet");
    });

    it("honours excludeResources on the subnet", async () => {
        assert.deepStrictEqual(await messages(policy, [nodes, pool], { excludeResources: ["aks-nodes"] }), []);
    });
});
