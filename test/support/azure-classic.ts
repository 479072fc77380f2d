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

/** The hardened classic stack: cluster, its User pool, a registry, the cluster's audit log setting. */
export function hardenedClassicStack(): ResourceInput[] {
    return [classicClusterWith(), classicNodePoolWith(), classicRegistryWith(), classicDiagnosticSettingWith()];
}
