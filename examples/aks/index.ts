// An AKS platform stack as aks-guard expects it: a hardened cluster with an isolated System pool
// and a User pool, a private registry pulled with the kubelet identity, the Kubernetes audit log
// exported to Log Analytics, and the Defender for Containers plan. `aksStack("insecure")` declares
// the same stack with the usual mistakes (and a forgotten legacy cluster next to it), which the
// pack must stop. test/examples/aks.spec.ts runs both under Pulumi mocks through the pack.
import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import * as containerregistry from "@pulumi/azure-native/containerregistry";
import * as containerservice from "@pulumi/azure-native/containerservice";
import * as monitor from "@pulumi/azure-native/monitor";
import * as operationalinsights from "@pulumi/azure-native/operationalinsights";
import * as resources from "@pulumi/azure-native/resources";
import * as security from "@pulumi/azure-native/security";

export type Variant = "hardened" | "insecure";

export interface AksStackArgs {
    subscriptionId?: string;
    location?: string;
    /** The subnet of the node pools; egress goes through the firewall its route table points to. */
    nodeSubnetId?: string;
    /** Entra ID group of the cluster administrators (Azure RBAC). */
    adminGroupObjectId?: string;
    /** Key Vault key that encrypts etcd secrets (KMS). */
    kmsKeyId?: string;
}

const KUBERNETES_VERSION = "1.33";
const ACR_PULL_ROLE = "7f951dda-4ed3-4680-a7ca-43fe172d538d";

export interface AksStack {
    resources: pulumi.Resource[];
    clusterName: pulumi.Output<string>;
}

/** Declares the stack; every resource it creates is returned so that callers can wait for them. */
export function aksStack(variant: Variant = "hardened", args: AksStackArgs = {}): AksStack {
    const insecure = variant === "insecure";
    const subscriptionId = args.subscriptionId ?? "00000000-0000-0000-0000-000000000000";
    const location = args.location ?? "westeurope";
    const nodeSubnetId = args.nodeSubnetId ?? `/subscriptions/${subscriptionId}/resourceGroups/network/providers/Microsoft.Network/virtualNetworks/spoke/subnets/aks-nodes`;
    const kmsKeyId = args.kmsKeyId ?? "https://aks-kms.vault.azure.net/keys/etcd/0123456789abcdef0123456789abcdef";

    const group = new resources.ResourceGroup("aks-rg", { resourceGroupName: "aks-rg", location });

    const logs = new operationalinsights.Workspace("aks-logs", {
        resourceGroupName: group.name,
        workspaceName: "aks-logs",
        location,
        sku: { name: "PerGB2018" },
        retentionInDays: 90,
    });

    // Practice 3: a private registry, no shared admin password, no anonymous pulls.
    const registry = new containerregistry.Registry("acr", {
        resourceGroupName: group.name,
        registryName: "aksguardexample",
        location,
        sku: { name: "Premium" },
        adminUserEnabled: insecure,
        anonymousPullEnabled: insecure,
        publicNetworkAccess: insecure ? "Enabled" : "Disabled",
    });

    const cluster = new containerservice.ManagedCluster("aks", {
        resourceGroupName: group.name,
        resourceName: "aks-prod",
        location,
        dnsPrefix: "aks-prod",
        identity: { type: "SystemAssigned" },
        kubernetesVersion: insecure ? "1.29" : KUBERNETES_VERSION,
        sku: { name: "Base", tier: "Standard" },
        // 6.1: Kubernetes RBAC with Entra ID and Azure RBAC, no local admin certificate.
        enableRBAC: true,
        disableLocalAccounts: !insecure,
        aadProfile: insecure ? undefined : { managed: true, enableAzureRBAC: true, adminGroupObjectIDs: [args.adminGroupObjectId ?? "11111111-1111-1111-1111-111111111111"] },
        oidcIssuerProfile: { enabled: !insecure },
        // 6.2 and 11.2: network policies, egress through the hub firewall (route table on the subnet).
        networkProfile: {
            networkPlugin: "azure",
            networkPluginMode: "overlay",
            networkDataplane: insecure ? undefined : "cilium",
            networkPolicy: insecure ? "none" : "cilium",
            outboundType: insecure ? "loadBalancer" : "userDefinedRouting",
        },
        // 10: private API server, no run command.
        apiServerAccessProfile: insecure
            ? { authorizedIPRanges: ["0.0.0.0/0"], disableRunCommand: false }
            : { enablePrivateCluster: true, disableRunCommand: true },
        // 8: Azure Policy (Gatekeeper).
        addonProfiles: { azurepolicy: { enabled: !insecure } },
        // 7: Istio add-on for mTLS and layer-7 policy.
        serviceMeshProfile: insecure ? { mode: "Disabled" } : { mode: "Istio", istio: { revisions: ["asm-1-25"] } },
        // 12: automatic upgrades.
        autoUpgradeProfile: { upgradeChannel: insecure ? "none" : "stable", nodeOSUpgradeChannel: insecure ? "Unmanaged" : "NodeImage" },
        // 9, 3 and extras: Defender sensor, image cleaner, workload identity, KMS for etcd.
        securityProfile: insecure ? {} : {
            defender: { logAnalyticsWorkspaceResourceId: logs.id, securityMonitoring: { enabled: true } },
            imageCleaner: { enabled: true, intervalHours: 48 },
            workloadIdentity: { enabled: true },
            azureKeyVaultKms: { enabled: true, keyId: kmsKeyId, keyVaultNetworkAccess: "Public" },
        },
        // 6.2: a System pool reserved for critical add-ons; application pods go to the User pool below.
        agentPoolProfiles: [{
            name: "system",
            mode: "System",
            count: 3,
            vmSize: "Standard_D4ds_v5",
            osType: "Linux",
            osSKU: "AzureLinux",
            type: "VirtualMachineScaleSets",
            orchestratorVersion: insecure ? "1.29" : KUBERNETES_VERSION,
            vnetSubnetID: nodeSubnetId,
            nodeTaints: insecure ? [] : ["CriticalAddonsOnly=true:NoSchedule"],
            enableEncryptionAtHost: !insecure,
            enableNodePublicIP: insecure,
        }],
    });

    const userPool = new containerservice.AgentPool("aks-user", {
        resourceGroupName: group.name,
        resourceName: cluster.name,
        agentPoolName: "user",
        mode: insecure ? "System" : "User",
        count: 3,
        vmSize: "Standard_D8ds_v5",
        osType: "Linux",
        osSKU: "AzureLinux",
        orchestratorVersion: insecure ? "1.29" : KUBERNETES_VERSION,
        vnetSubnetID: nodeSubnetId,
        enableEncryptionAtHost: !insecure,
        enableNodePublicIP: insecure,
    });

    // The kubelet identity pulls from the registry (no admin password, no anonymous pull).
    const acrPull = new authorization.RoleAssignment("aks-acr-pull", {
        principalId: cluster.identityProfile.apply(p => p?.kubeletidentity?.objectId ?? ""),
        principalType: "ServicePrincipal",
        roleDefinitionId: `/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${ACR_PULL_ROLE}`,
        scope: registry.id,
    });

    // 9: the Kubernetes audit log to Log Analytics (the insecure variant exports the API server log only).
    const audit = new monitor.DiagnosticSetting("aks-audit", {
        name: "aks-audit",
        resourceUri: cluster.id,
        workspaceId: logs.id,
        logAnalyticsDestinationType: "Dedicated",
        logs: insecure
            ? [{ category: "kube-apiserver", enabled: true }]
            : [{ category: "kube-audit-admin", enabled: true }, { category: "guard", enabled: true }],
    });

    // 9: Defender for Containers on the subscription.
    const defender = new security.Pricing("defender-containers", {
        pricingName: "Containers",
        pricingTier: insecure ? "Free" : "Standard",
        scopeId: `/subscriptions/${subscriptionId}`,
    });

    const declared: pulumi.Resource[] = [group, logs, registry, cluster, userPool, acrPull, audit, defender];

    // 12: the insecure variant also leaves a legacy cluster behind, configured differently again.
    if (insecure) {
        declared.push(new containerservice.ManagedCluster("aks-legacy", {
            resourceGroupName: group.name,
            resourceName: "aks-legacy",
            location,
            dnsPrefix: "aks-legacy",
            identity: { type: "SystemAssigned" },
            kubernetesVersion: "1.28",
            enableRBAC: false,
            agentPoolProfiles: [{ name: "default", mode: "System", count: 1, vmSize: "Standard_D2ds_v5", osType: "Linux" }],
        }));
    }

    return { resources: declared, clusterName: cluster.name };
}
