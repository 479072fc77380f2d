// Test builders for the classic `@pulumi/azure` provider (6.40.0 input names): a
// KubernetesCluster, a separate KubernetesClusterNodePool, a Registry and the network and edge
// resources around them (Application Gateway and WAF policy, Front Door endpoint, security policy
// and firewall policy, the node subnet and its NSG association) that every Azure policy accepts,
// the classic twins of test/support/azure.ts.
import { ResourceInput } from "../../harness";

export const CLASSIC_CLUSTER = "azure:containerservice/kubernetesCluster:KubernetesCluster";
export const CLASSIC_NODE_POOL = "azure:containerservice/kubernetesClusterNodePool:KubernetesClusterNodePool";
export const CLASSIC_REGISTRY = "azure:containerservice/registry:Registry";
export const CLASSIC_DIAGNOSTIC_SETTING = "azure:monitoring/diagnosticSetting:DiagnosticSetting";
export const CLASSIC_APP_GATEWAY = "azure:network/applicationGateway:ApplicationGateway";
export const CLASSIC_WAF_POLICY = "azure:waf/policy:Policy";
export const CLASSIC_FRONT_DOOR_PROFILE = "azure:cdn/frontdoorProfile:FrontdoorProfile";
export const CLASSIC_FRONT_DOOR_ENDPOINT = "azure:cdn/frontdoorEndpoint:FrontdoorEndpoint";
export const CLASSIC_FRONT_DOOR_SECURITY_POLICY = "azure:cdn/frontdoorSecurityPolicy:FrontdoorSecurityPolicy";
export const CLASSIC_FRONT_DOOR_FIREWALL_POLICY = "azure:cdn/frontdoorFirewallPolicy:FrontdoorFirewallPolicy";
export const CLASSIC_SUBNET = "azure:network/subnet:Subnet";
export const CLASSIC_SUBNET_NSG_ASSOCIATION = "azure:network/subnetNetworkSecurityGroupAssociation:SubnetNetworkSecurityGroupAssociation";
export const CLASSIC_VIRTUAL_NETWORK = "azure:network/virtualNetwork:VirtualNetwork";

const SUB = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/prod-rg";
export const CLASSIC_CLUSTER_ID = `${SUB}/providers/Microsoft.ContainerService/managedClusters/prod-aks`;
export const CLASSIC_APP_GATEWAY_WAF_POLICY_ID = `${SUB}/providers/Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies/prod-agw-waf`;
export const CLASSIC_FRONT_DOOR_PROFILE_ID = `${SUB}/providers/Microsoft.Cdn/profiles/prod-fd`;
export const CLASSIC_FRONT_DOOR_FIREWALL_POLICY_ID = `${SUB}/providers/Microsoft.Network/FrontDoorWebApplicationFirewallPolicies/prodfdwaf`;
/** The ARM id of a Front Door endpoint named `name` in the hardened profile. */
export const classicFrontDoorEndpointId = (name = "prod-web") => `${CLASSIC_FRONT_DOOR_PROFILE_ID}/afdEndpoints/${name}`;
/** The ARM id of a subnet named `name` of the hardened virtual network. */
export const classicSubnetId = (name = "aks-nodes", vnet = "prod-vnet") => `${SUB}/providers/Microsoft.Network/virtualNetworks/${vnet}/subnets/${name}`;
export const CLASSIC_NSG_ID = `${SUB}/providers/Microsoft.Network/networkSecurityGroups/aks-nodes-nsg`;

/** KubernetesCluster inputs that every Azure policy accepts. */
export function hardenedClassicClusterProps(): Record<string, any> {
    return {
        name: "prod-aks",
        resourceGroupName: "prod-rg",
        location: "westeurope",
        dnsPrefix: "prod-aks",
        kubernetesVersion: "1.33.2",
        roleBasedAccessControlEnabled: true,
        localAccountDisabled: true,
        azureActiveDirectoryRoleBasedAccessControl: { azureRbacEnabled: true, tenantId: "11111111-1111-1111-1111-111111111111" },
        oidcIssuerEnabled: true,
        workloadIdentityEnabled: true,
        imageCleanerEnabled: true,
        imageCleanerIntervalHours: 24,
        microsoftDefender: { logAnalyticsWorkspaceId: `${SUB}/providers/Microsoft.OperationalInsights/workspaces/prod-law` },
        keyManagementService: { keyVaultKeyId: "https://prod-kv.vault.azure.net/keys/etcd/0123456789abcdef", keyVaultNetworkAccess: "Private" },
        networkProfile: { networkPlugin: "azure", networkPluginMode: "overlay", networkPolicy: "cilium", networkDataPlane: "cilium", outboundType: "userDefinedRouting" },
        privateClusterEnabled: true,
        runCommandEnabled: false,
        azurePolicyEnabled: true,
        serviceMeshProfile: { mode: "Istio", revisions: ["asm-1-25"] },
        automaticUpgradeChannel: "patch",
        nodeOsUpgradeChannel: "NodeImage",
        identity: { type: "SystemAssigned" },
        defaultNodePool: {
            name: "system", vmSize: "Standard_D4ds_v5", nodeCount: 3, orchestratorVersion: "1.33.2",
            nodePublicIpEnabled: false, hostEncryptionEnabled: true, onlyCriticalAddonsEnabled: true,
        },
    };
}

/** KubernetesClusterNodePool inputs (a User pool of the hardened cluster) that every node pool policy accepts. */
export function hardenedClassicNodePoolProps(): Record<string, any> {
    return {
        name: "user", kubernetesClusterId: CLASSIC_CLUSTER_ID, vmSize: "Standard_D4ds_v5", nodeCount: 3, mode: "User",
        orchestratorVersion: "1.33.2", nodePublicIpEnabled: false, hostEncryptionEnabled: true, vnetSubnetId: classicSubnetId(),
    };
}

/** Registry inputs that every registry policy accepts. */
export function hardenedClassicRegistryProps(): Record<string, any> {
    return {
        name: "prodacr", resourceGroupName: "prod-rg", location: "westeurope", sku: "Premium",
        adminEnabled: false, anonymousPullEnabled: false, publicNetworkAccessEnabled: false, exportPolicyEnabled: false,
    };
}

function build(type: string, name: string, hardened: () => Record<string, any>) {
    return (change: (props: any) => void = () => undefined, opts: { name?: string } = {}): ResourceInput => {
        const props = hardened();
        change(props);
        return { type, name: opts.name ?? name, props };
    };
}

/** The hardened classic cluster with a change applied: `classicClusterWith(c => { c.localAccountDisabled = false; })`. */
export const classicClusterWith = build(CLASSIC_CLUSTER, "prod-aks", hardenedClassicClusterProps);
export const classicNodePoolWith = build(CLASSIC_NODE_POOL, "user-pool", hardenedClassicNodePoolProps);
export const classicRegistryWith = build(CLASSIC_REGISTRY, "prod-acr", hardenedClassicRegistryProps);

/** DiagnosticSetting inputs that export the hardened cluster's audit log. */
export function hardenedClassicDiagnosticSettingProps(): Record<string, any> {
    return {
        name: "prod-aks-audit", targetResourceId: CLASSIC_CLUSTER_ID,
        logAnalyticsWorkspaceId: `${SUB}/providers/Microsoft.OperationalInsights/workspaces/prod-law`,
        enabledLogs: [{ category: "kube-audit-admin" }, { category: "guard" }],
    };
}
export const classicDiagnosticSettingWith = build(CLASSIC_DIAGNOSTIC_SETTING, "prod-aks-audit", hardenedClassicDiagnosticSettingProps);

/** ApplicationGateway inputs on the WAF_v2 tier with a WAF policy (firewallPolicyId). */
export function hardenedClassicAppGatewayProps(): Record<string, any> {
    return {
        name: "prod-agw", resourceGroupName: "prod-rg", location: "westeurope",
        sku: { name: "WAF_v2", tier: "WAF_v2", capacity: 2 },
        firewallPolicyId: CLASSIC_APP_GATEWAY_WAF_POLICY_ID,
        gatewayIpConfigurations: [{ name: "gw-ip", subnetId: classicSubnetId("agw") }],
        frontendPorts: [{ name: "https", port: 443 }],
        frontendIpConfigurations: [{ name: "public", publicIpAddressId: `${SUB}/providers/Microsoft.Network/publicIPAddresses/prod-agw-pip` }],
        backendAddressPools: [{ name: "aks" }],
    };
}

/** waf Policy inputs: enabled, in Prevention mode, with the OWASP rule set. */
export function hardenedClassicWafPolicyProps(): Record<string, any> {
    return {
        name: "prod-agw-waf", resourceGroupName: "prod-rg", location: "westeurope",
        policySettings: { enabled: true, mode: "Prevention" },
        managedRules: { managedRuleSets: [{ type: "OWASP", version: "3.2" }] },
    };
}

/** FrontdoorProfile inputs (Front Door Premium). */
export function hardenedClassicFrontDoorProfileProps(): Record<string, any> {
    return { name: "prod-fd", resourceGroupName: "prod-rg", skuName: "Premium_AzureFrontDoor" };
}

/** FrontdoorEndpoint inputs of the hardened profile. */
export function hardenedClassicFrontDoorEndpointProps(): Record<string, any> {
    return { name: "prod-web", cdnFrontdoorProfileId: CLASSIC_FRONT_DOOR_PROFILE_ID, enabled: true };
}

/** FrontdoorSecurityPolicy inputs that associate the firewall policy with the hardened endpoint. */
export function hardenedClassicFrontDoorSecurityPolicyProps(): Record<string, any> {
    return {
        name: "prod-waf", cdnFrontdoorProfileId: CLASSIC_FRONT_DOOR_PROFILE_ID,
        securityPolicies: { firewall: {
            cdnFrontdoorFirewallPolicyId: CLASSIC_FRONT_DOOR_FIREWALL_POLICY_ID,
            association: { domains: [{ cdnFrontdoorDomainId: classicFrontDoorEndpointId() }], patternsToMatch: "/*" },
        } },
    };
}

/** FrontdoorFirewallPolicy inputs: enabled, in Prevention mode, with Microsoft's default rule set. */
export function hardenedClassicFrontDoorFirewallPolicyProps(): Record<string, any> {
    return {
        name: "prodfdwaf", resourceGroupName: "prod-rg", skuName: "Premium_AzureFrontDoor", enabled: true, mode: "Prevention",
        managedRules: [{ type: "Microsoft_DefaultRuleSet", version: "2.1", action: "Block" }],
    };
}

/** VirtualNetwork inputs (its subnets are separate Subnet resources). */
export function hardenedClassicVirtualNetworkProps(): Record<string, any> {
    return { name: "prod-vnet", resourceGroupName: "prod-rg", location: "westeurope", addressSpaces: ["10.1.0.0/16"] };
}

/** The node Subnet of the hardened virtual network (its NSG comes by association). */
export function hardenedClassicSubnetProps(): Record<string, any> {
    return { name: "aks-nodes", resourceGroupName: "prod-rg", virtualNetworkName: "prod-vnet", addressPrefixes: ["10.1.0.0/22"] };
}

/** SubnetNetworkSecurityGroupAssociation inputs that attach the nodes' NSG to the node subnet. */
export function hardenedClassicSubnetNsgAssociationProps(): Record<string, any> {
    return { subnetId: classicSubnetId(), networkSecurityGroupId: CLASSIC_NSG_ID };
}

export const classicAppGatewayWith = build(CLASSIC_APP_GATEWAY, "prod-agw", hardenedClassicAppGatewayProps);
export const classicWafPolicyWith = build(CLASSIC_WAF_POLICY, "prod-agw-waf", hardenedClassicWafPolicyProps);
export const classicFrontDoorProfileWith = build(CLASSIC_FRONT_DOOR_PROFILE, "prod-fd", hardenedClassicFrontDoorProfileProps);
export const classicFrontDoorEndpointWith = build(CLASSIC_FRONT_DOOR_ENDPOINT, "prod-web", hardenedClassicFrontDoorEndpointProps);
export const classicFrontDoorSecurityPolicyWith = build(CLASSIC_FRONT_DOOR_SECURITY_POLICY, "prod-waf", hardenedClassicFrontDoorSecurityPolicyProps);
export const classicFrontDoorFirewallPolicyWith = build(CLASSIC_FRONT_DOOR_FIREWALL_POLICY, "prodfdwaf", hardenedClassicFrontDoorFirewallPolicyProps);
export const classicVirtualNetworkWith = build(CLASSIC_VIRTUAL_NETWORK, "prod-vnet", hardenedClassicVirtualNetworkProps);
export const classicSubnetWith = build(CLASSIC_SUBNET, "aks-nodes", hardenedClassicSubnetProps);
export const classicSubnetNsgAssociationWith = build(CLASSIC_SUBNET_NSG_ASSOCIATION, "aks-nodes-nsg", hardenedClassicSubnetNsgAssociationProps);

/** The hardened classic props of each classic type these builders know. */
export const HARDENED_CLASSIC: Record<string, () => Record<string, any>> = {
    [CLASSIC_CLUSTER]: hardenedClassicClusterProps, [CLASSIC_NODE_POOL]: hardenedClassicNodePoolProps, [CLASSIC_REGISTRY]: hardenedClassicRegistryProps,
    [CLASSIC_DIAGNOSTIC_SETTING]: hardenedClassicDiagnosticSettingProps,
    [CLASSIC_APP_GATEWAY]: hardenedClassicAppGatewayProps, [CLASSIC_WAF_POLICY]: hardenedClassicWafPolicyProps,
    [CLASSIC_FRONT_DOOR_PROFILE]: hardenedClassicFrontDoorProfileProps, [CLASSIC_FRONT_DOOR_ENDPOINT]: hardenedClassicFrontDoorEndpointProps,
    [CLASSIC_FRONT_DOOR_SECURITY_POLICY]: hardenedClassicFrontDoorSecurityPolicyProps, [CLASSIC_FRONT_DOOR_FIREWALL_POLICY]: hardenedClassicFrontDoorFirewallPolicyProps,
    [CLASSIC_VIRTUAL_NETWORK]: hardenedClassicVirtualNetworkProps, [CLASSIC_SUBNET]: hardenedClassicSubnetProps,
    [CLASSIC_SUBNET_NSG_ASSOCIATION]: hardenedClassicSubnetNsgAssociationProps,
};

/**
 * The hardened classic stack: cluster, its User pool in the node subnet, a registry, the cluster's
 * audit log setting, the virtual network, node subnet and its NSG association, an Application
 * Gateway with its WAF policy, a Front Door profile, endpoint, security policy and firewall policy,
 * the Defender for Containers plan, an API Management gateway, and a governed Arc cluster.
 */
export function hardenedClassicStack(): ResourceInput[] {
    return [
        classicClusterWith(), classicNodePoolWith(), classicRegistryWith(), classicDiagnosticSettingWith(),
        classicSubscriptionPricingWith(), classicApiManagementWith(), classicArcClusterWith(), ...classicArcGoverning(),
        classicVirtualNetworkWith(), classicSubnetWith(), classicSubnetNsgAssociationWith(),
        classicAppGatewayWith(), classicWafPolicyWith(),
        classicFrontDoorProfileWith(), classicFrontDoorEndpointWith(), classicFrontDoorSecurityPolicyWith(), classicFrontDoorFirewallPolicyWith(),
    ];
}

export const CLASSIC_SUBSCRIPTION_PRICING = "azure:securitycenter/subscriptionPricing:SubscriptionPricing";
export const CLASSIC_API_MANAGEMENT = "azure:apimanagement/service:Service";
export const CLASSIC_ARC_CLUSTER = "azure:arckubernetes/cluster:Cluster";
export const CLASSIC_ARC_EXTENSION = "azure:arckubernetes/clusterExtension:ClusterExtension";

const ARC_SUB = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/arc-rg";
export const CLASSIC_ARC_CLUSTER_ID = `${ARC_SUB}/providers/Microsoft.Kubernetes/connectedClusters/edge-k8s`;

/** SubscriptionPricing inputs: the Containers plan on the Standard tier. */
export function hardenedClassicSubscriptionPricingProps(): Record<string, any> {
    return { resourceType: "Containers", tier: "Standard", extensions: [{ name: "ContainerSensor" }, { name: "AgentlessDiscoveryForKubernetes" }] };
}
export const classicSubscriptionPricingWith = build(CLASSIC_SUBSCRIPTION_PRICING, "defender-containers", hardenedClassicSubscriptionPricingProps);

/** apimanagement Service inputs that azure-apim-hardened accepts: an internal gateway, legacy protocols off, a minimum API version. */
export function hardenedClassicApiManagementProps(): Record<string, any> {
    return {
        name: "contoso-apis", resourceGroupName: "api-rg", location: "westeurope", publisherEmail: "api@contoso.com", publisherName: "Contoso",
        skuName: "Developer_1", virtualNetworkType: "Internal",
        virtualNetworkConfiguration: { subnetId: "/subscriptions/0/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/hub/subnets/apim" },
        minApiVersion: "2021-08-01",
        security: { frontendTls10Enabled: false, frontendTls11Enabled: false, backendTls10Enabled: false, tripleDesCiphersEnabled: false },
    };
}
export const classicApiManagementWith = build(CLASSIC_API_MANAGEMENT, "gateway", hardenedClassicApiManagementProps);

/** arckubernetes Cluster inputs (a connected cluster named edge-k8s). */
export function hardenedClassicArcClusterProps(): Record<string, any> {
    return { name: "edge-k8s", resourceGroupName: "arc-rg", location: "westeurope", agentPublicKeyCertificate: "", identity: { type: "SystemAssigned" } };
}
export const classicArcClusterWith = build(CLASSIC_ARC_CLUSTER, "edge", hardenedClassicArcClusterProps);

/** An arckubernetes ClusterExtension of the hardened connected cluster. */
export function classicArcExtension(name: string, extensionType: unknown, props: Record<string, unknown> = {}): ResourceInput {
    return { type: CLASSIC_ARC_EXTENSION, name, props: { name, clusterId: CLASSIC_ARC_CLUSTER_ID, extensionType, identity: { type: "SystemAssigned" }, ...props } };
}
/** The Azure Policy and Defender extensions that govern the hardened connected cluster. */
export function classicArcGoverning(props: Record<string, unknown> = {}): ResourceInput[] {
    return [classicArcExtension("azurepolicy", "Microsoft.PolicyInsights", props), classicArcExtension("defender", "microsoft.azuredefender.kubernetes", props)];
}
