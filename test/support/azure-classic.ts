// Test builders for the classic `@pulumi/azure` provider (6.40.0 input names): a
// KubernetesCluster, a separate KubernetesClusterNodePool and a Registry that every Azure policy
// accepts, the classic twins of test/support/azure.ts.
import { ResourceInput } from "../../harness";

export const CLASSIC_CLUSTER = "azure:containerservice/kubernetesCluster:KubernetesCluster";
export const CLASSIC_NODE_POOL = "azure:containerservice/kubernetesClusterNodePool:KubernetesClusterNodePool";
export const CLASSIC_REGISTRY = "azure:containerservice/registry:Registry";
export const CLASSIC_DIAGNOSTIC_SETTING = "azure:monitoring/diagnosticSetting:DiagnosticSetting";

const SUB = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/prod-rg";
export const CLASSIC_CLUSTER_ID = `${SUB}/providers/Microsoft.ContainerService/managedClusters/prod-aks`;

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
        orchestratorVersion: "1.33.2", nodePublicIpEnabled: false, hostEncryptionEnabled: true,
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

/**
 * The hardened classic stack: cluster, its User pool, a registry, the cluster's audit log setting,
 * the Defender for Containers plan, an API Management gateway, and a governed Arc cluster.
 */
export function hardenedClassicStack(): ResourceInput[] {
    return [
        classicClusterWith(), classicNodePoolWith(), classicRegistryWith(), classicDiagnosticSettingWith(),
        classicSubscriptionPricingWith(), classicApiManagementWith(), classicArcClusterWith(), ...classicArcGoverning(),
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
