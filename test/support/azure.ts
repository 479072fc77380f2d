// Test builders for AKS: a cluster and a separate node pool that every Azure policy accepts, and
// wrappers that turn their properties into resources (any type token).
import { ResourceInput } from "../../harness";

export const CLUSTER = "azure-native:containerservice:ManagedCluster";
export const AGENT_POOL = "azure-native:containerservice:AgentPool";
/** Versioned and preview tokens that every Azure policy must match too. */
export const CLUSTER_VERSIONED = "azure-native:containerservice/v20240901:ManagedCluster";
export const CLUSTER_PREVIEW = "azure-native:containerservice/v20250102preview:ManagedCluster";
export const AGENT_POOL_VERSIONED = "azure-native:containerservice/v20240901:AgentPool";

export const SYSTEM_TAINT = "CriticalAddonsOnly=true:NoSchedule";

/** A node pool profile that every node pool policy accepts (a User pool unless `mode` says otherwise). */
export function hardenedPoolProfile(name = "user", mode: "System" | "User" = "User"): Record<string, any> {
    return {
        name,
        mode,
        count: 3,
        vmSize: "Standard_D4ds_v5",
        osType: "Linux",
        type: "VirtualMachineScaleSets",
        orchestratorVersion: "1.33.2",
        enableNodePublicIP: false,
        enableEncryptionAtHost: true,
        securityProfile: { sshAccess: "Disabled" },
        ...(mode === "System" ? { nodeTaints: [SYSTEM_TAINT] } : {}),
    };
}

/** ManagedCluster properties that every Azure policy accepts: private, Entra ID, Istio, hardened pools. */
export function hardenedClusterProps(): Record<string, any> {
    return {
        resourceName: "prod-aks",
        resourceGroupName: "prod-rg",
        location: "westeurope",
        dnsPrefix: "prod-aks",
        identity: { type: "SystemAssigned" },
        kubernetesVersion: "1.33.2",
        enableRBAC: true,
        disableLocalAccounts: true,
        aadProfile: { managed: true, enableAzureRBAC: true },
        oidcIssuerProfile: { enabled: true },
        securityProfile: {
            workloadIdentity: { enabled: true },
            imageCleaner: { enabled: true, intervalHours: 24 },
            defender: {
                logAnalyticsWorkspaceResourceId: "/subscriptions/0000/resourceGroups/prod-rg/providers/Microsoft.OperationalInsights/workspaces/prod-law",
                securityMonitoring: { enabled: true },
            },
            azureKeyVaultKms: {
                enabled: true,
                keyId: "https://prod-kv.vault.azure.net/keys/etcd/0123456789abcdef",
                keyVaultNetworkAccess: "Private",
                keyVaultResourceId: "/subscriptions/0000/resourceGroups/prod-rg/providers/Microsoft.KeyVault/vaults/prod-kv",
            },
        },
        networkProfile: { networkPlugin: "azure", networkPluginMode: "overlay", networkPolicy: "cilium", networkDataplane: "cilium", outboundType: "userDefinedRouting" },
        apiServerAccessProfile: { enablePrivateCluster: true, disableRunCommand: true },
        addonProfiles: { azurepolicy: { enabled: true } },
        serviceMeshProfile: { mode: "Istio", istio: { revisions: ["asm-1-25"], components: { ingressGateways: [{ mode: "Internal", enabled: true }] } } },
        autoUpgradeProfile: { upgradeChannel: "patch", nodeOSUpgradeChannel: "NodeImage" },
        agentPoolProfiles: [hardenedPoolProfile("system", "System"), hardenedPoolProfile("user", "User")],
    };
}

/** A ManagedCluster resource; `props` defaults to the hardened cluster. */
export function cluster(props: Record<string, unknown> = hardenedClusterProps(), opts: { name?: string; token?: string } = {}): ResourceInput {
    return { type: opts.token ?? CLUSTER, name: opts.name ?? "prod-aks", props };
}

/** The hardened cluster as a resource (the example stack and other helpers reuse it). */
export function hardenedCluster(opts: { name?: string; token?: string } = {}): ResourceInput {
    return cluster(hardenedClusterProps(), opts);
}

/** AgentPool properties that every node pool policy accepts (a User pool of the hardened cluster). */
export function hardenedAgentPoolProps(name = "apps", mode: "System" | "User" = "User"): Record<string, any> {
    const { name: _, ...profile } = hardenedPoolProfile(name, mode);
    return { resourceName: "prod-aks", resourceGroupName: "prod-rg", agentPoolName: name, ...profile };
}

/** A separate AgentPool resource; `props` defaults to the hardened pool. */
export function agentPool(props: Record<string, unknown> = hardenedAgentPoolProps(), opts: { name?: string; token?: string } = {}): ResourceInput {
    return { type: opts.token ?? AGENT_POOL, name: opts.name ?? "apps-pool", props };
}

/** The hardened cluster with a change applied: `clusterWith(c => { c.enableRBAC = false; })`. */
export function clusterWith(change: (props: any) => void, opts: { name?: string; token?: string } = {}): ResourceInput {
    const props = hardenedClusterProps();
    change(props);
    return cluster(props, opts);
}

/** The hardened AgentPool with a change applied. */
export function agentPoolWith(change: (props: any) => void, opts: { name?: string; token?: string } = {}): ResourceInput {
    const props = hardenedAgentPoolProps();
    change(props);
    return agentPool(props, opts);
}
