// The AKS platform core written with the classic bridged provider `@pulumi/azure` (as 4 of 10 AKS
// clusters in Pulumi's own examples are): a hardened cluster whose default (System) pool is
// tainted for system pods only, a separate User pool, and a private registry pulled with the
// kubelet identity. `classicAksStack("insecure")` makes the usual mistakes of such programs
// (public API server, local accounts, no Defender, no Azure Policy, an old Kubernetes version,
// an admin-enabled registry...), each once. test/examples/aks.spec.ts runs both under mocks.
import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure/authorization";
import * as containerservice from "@pulumi/azure/containerservice";
import * as core from "@pulumi/azure/core";
import * as monitoring from "@pulumi/azure/monitoring";
import * as operationalinsights from "@pulumi/azure/operationalinsights";
import type { AksStack, Variant } from "./index";

export interface ClassicAksStackArgs {
    location?: string;
    /** Entra ID tenant of the cluster's users. */
    tenantId?: string;
    /** Key Vault key that encrypts etcd secrets (KMS). */
    kmsKeyId?: string;
}

const KUBERNETES_VERSION = "1.33";

/** Declares the classic stack; every resource it creates is returned so that callers can wait for them. */
export function classicAksStack(variant: Variant = "hardened", args: ClassicAksStackArgs = {}): AksStack {
    const insecure = variant === "insecure";
    const location = args.location ?? "westeurope";
    const group = new core.ResourceGroup("classic-rg", { name: "classic-rg", location });
    const logs = new operationalinsights.AnalyticsWorkspace("classic-logs", {
        name: "classic-logs", resourceGroupName: group.name, location, sku: "PerGB2018", retentionInDays: 90,
    });

    const cluster = new containerservice.KubernetesCluster("classic-aks", {
        name: "classic-aks",
        resourceGroupName: group.name,
        location,
        dnsPrefix: "classic-aks",
        kubernetesVersion: insecure ? "1.24.9" : KUBERNETES_VERSION,
        // A managed identity; the insecure variant authenticates with a service principal secret instead.
        identity: insecure ? undefined : { type: "SystemAssigned" },
        servicePrincipal: insecure ? { clientId: "33333333-3333-3333-3333-333333333333", clientSecret: pulumi.secret("example-only-not-a-secret") } : undefined,
        // No linuxProfile: the classic provider cannot disable SSH per pool, so no SSH key is installed
        // on the nodes; the insecure variant installs one.
        linuxProfile: insecure ? { adminUsername: "azureuser", sshKey: { keyData: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExampleOnlyNotARealKey00000000000000000000 ops" } } : undefined,
        // The default pool is the System pool: tainted CriticalAddonsOnly so that workloads use the User pool.
        defaultNodePool: {
            name: "system",
            vmSize: "Standard_D4ds_v5",
            nodeCount: 3,
            onlyCriticalAddonsEnabled: insecure ? undefined : true,
            nodePublicIpEnabled: insecure,
            hostEncryptionEnabled: insecure ? undefined : true,
        },
        privateClusterEnabled: !insecure,
        localAccountDisabled: insecure ? undefined : true,
        roleBasedAccessControlEnabled: !insecure,
        azureActiveDirectoryRoleBasedAccessControl: { azureRbacEnabled: !insecure, tenantId: args.tenantId ?? "11111111-1111-1111-1111-111111111111" },
        oidcIssuerEnabled: true,
        workloadIdentityEnabled: !insecure,
        imageCleanerEnabled: insecure ? undefined : true,
        imageCleanerIntervalHours: 24,
        microsoftDefender: insecure ? undefined : { logAnalyticsWorkspaceId: logs.id },
        keyManagementService: insecure ? undefined : { keyVaultKeyId: args.kmsKeyId ?? "https://aks-kms.vault.azure.net/keys/etcd/0123456789abcdef0123456789abcdef", keyVaultNetworkAccess: "Private" },
        networkProfile: insecure
            ? { networkPlugin: "kubenet" }
            : { networkPlugin: "azure", networkPluginMode: "overlay", networkPolicy: "cilium", networkDataPlane: "cilium", outboundType: "userDefinedRouting" },
        runCommandEnabled: insecure ? undefined : false,
        azurePolicyEnabled: !insecure,
        serviceMeshProfile: insecure ? undefined : { mode: "Istio", revisions: ["asm-1-25"] },
        automaticUpgradeChannel: insecure ? undefined : "patch",
        nodeOsUpgradeChannel: "NodeImage",
    });

    // 9: the Kubernetes audit log exported to Log Analytics (the insecure variant has none).
    const audit = insecure ? [] : [new monitoring.DiagnosticSetting("classic-aks-audit", {
        name: "classic-aks-audit",
        targetResourceId: cluster.id,
        logAnalyticsWorkspaceId: logs.id,
        enabledLogs: [{ category: "kube-audit-admin" }, { category: "guard" }],
    })];

    const userPool = new containerservice.KubernetesClusterNodePool("classic-user", {
        name: "user",
        kubernetesClusterId: cluster.id,
        vmSize: "Standard_D4ds_v5",
        nodeCount: 3,
        mode: "User",
        hostEncryptionEnabled: true,
        nodePublicIpEnabled: false,
    });

    const registry = new containerservice.Registry("classic-acr", {
        name: "classicacr",
        resourceGroupName: group.name,
        location,
        sku: "Premium",
        adminEnabled: insecure,
        anonymousPullEnabled: insecure,
        publicNetworkAccessEnabled: insecure,
        exportPolicyEnabled: insecure,
    });
    // The kubelet identity pulls from the registry (instead of the admin user).
    const pull = new authorization.Assignment("classic-acr-pull", {
        scope: registry.id,
        roleDefinitionName: "AcrPull",
        principalId: cluster.kubeletIdentity.apply(k => k?.objectId ?? ""),
    });

    return { resources: [group, logs, cluster, ...audit, userPool, registry, pull], clusterName: cluster.name as pulumi.Output<string> };
}
