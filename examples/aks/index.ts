// An AKS platform stack as aks-guard expects it: a hardened cluster with an isolated System pool
// and a User pool in a node subnet behind a network security group, a private registry pulled
// with the kubelet identity, the Kubernetes audit log exported to Log Analytics, the Defender for
// Containers plan, Front Door with a WAF in front, API Management inside the virtual network, a
// Fleet Manager fleet the cluster belongs to, an Arc-connected cluster governed like AKS, and an
// application namespace whose mesh traffic is authorized. `aksStack("insecure")` declares the
// same stack with the usual mistakes (and a forgotten legacy cluster next to it), which the pack
// must stop. test/examples/aks.spec.ts runs both under Pulumi mocks through the pack.
import * as pulumi from "@pulumi/pulumi";
import * as apimanagement from "@pulumi/azure-native/apimanagement";
import * as authorization from "@pulumi/azure-native/authorization";
import * as cdn from "@pulumi/azure-native/cdn";
import * as containerregistry from "@pulumi/azure-native/containerregistry";
import * as containerservice from "@pulumi/azure-native/containerservice";
import * as frontdoor from "@pulumi/azure-native/frontdoor";
import * as arc from "@pulumi/azure-native/kubernetes";
import * as kubernetesconfiguration from "@pulumi/azure-native/kubernetesconfiguration";
import * as monitor from "@pulumi/azure-native/monitor";
import * as network from "@pulumi/azure-native/network";
import * as operationalinsights from "@pulumi/azure-native/operationalinsights";
import * as resources from "@pulumi/azure-native/resources";
import * as security from "@pulumi/azure-native/security";
import * as k8s from "@pulumi/kubernetes";

export type Variant = "hardened" | "insecure";

export interface AksStackArgs {
    subscriptionId?: string;
    location?: string;
    /** The subnet of the node pools (default: the node subnet this stack declares); egress goes through the firewall its route table points to. */
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
    const kmsKeyId = args.kmsKeyId ?? "https://aks-kms.vault.azure.net/keys/etcd/0123456789abcdef0123456789abcdef";

    const group = new resources.ResourceGroup("aks-rg", { resourceGroupName: "aks-rg", location });

    const logs = new operationalinsights.Workspace("aks-logs", {
        resourceGroupName: group.name,
        workspaceName: "aks-logs",
        location,
        sku: { name: "PerGB2018" },
        retentionInDays: 90,
    });

    // 6.2: the node pools' own subnet, filtered by a network security group (the insecure variant has none).
    const vnet = new network.VirtualNetwork("aks-spoke", {
        resourceGroupName: group.name,
        virtualNetworkName: "aks-spoke",
        location,
        addressSpace: { addressPrefixes: ["10.20.0.0/16"] },
    });
    const nodesNsg = new network.NetworkSecurityGroup("aks-nodes-nsg", {
        resourceGroupName: group.name,
        networkSecurityGroupName: "aks-nodes-nsg",
        location,
        securityRules: [{
            name: "deny-internet-inbound", priority: 4000, direction: "Inbound", access: "Deny", protocol: "*",
            sourceAddressPrefix: "Internet", sourcePortRange: "*", destinationAddressPrefix: "*", destinationPortRange: "*",
        }],
    });
    const nodesSubnet = new network.Subnet("aks-nodes", {
        resourceGroupName: group.name,
        virtualNetworkName: vnet.name,
        subnetName: "aks-nodes",
        addressPrefix: "10.20.0.0/22",
        networkSecurityGroup: insecure ? undefined : { id: nodesNsg.id },
    });
    const apimSubnet = new network.Subnet("apim", {
        resourceGroupName: group.name,
        virtualNetworkName: vnet.name,
        subnetName: "apim",
        addressPrefix: "10.20.8.0/27",
        networkSecurityGroup: { id: nodesNsg.id },
    });
    const nodeSubnetId: pulumi.Input<string> = args.nodeSubnetId ?? nodesSubnet.id;

    // Practice 3: a private registry, no shared admin password, no anonymous pulls.
    const registry = new containerregistry.Registry("acr", {
        resourceGroupName: group.name,
        registryName: "aksguardexample",
        location,
        sku: { name: "Premium" },
        adminUserEnabled: insecure,
        anonymousPullEnabled: insecure,
        publicNetworkAccess: insecure ? "Enabled" : "Disabled",
        // With the public endpoint off, exports too: no artifact leaves through az acr import / transfer.
        policies: insecure ? undefined : { exportPolicy: { status: "disabled" } },
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
            // 10: no SSH into nodes (debug with kubectl debug node/...).
            securityProfile: insecure ? undefined : { sshAccess: "Disabled" },
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
        securityProfile: insecure ? undefined : { sshAccess: "Disabled" },
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

    // 11.1: internet traffic enters through Front Door Premium with a WAF policy in Prevention mode.
    const edge = new cdn.Profile("edge", {
        resourceGroupName: group.name,
        profileName: "aks-edge",
        location: "Global",
        sku: { name: "Premium_AzureFrontDoor" },
    });
    const edgeEndpoint = new cdn.AFDEndpoint("edge-web", {
        resourceGroupName: group.name,
        profileName: edge.name,
        endpointName: "aks-web",
        location: "Global",
        enabledState: "Enabled",
    });
    const waf = new frontdoor.Policy("edge-waf", {
        resourceGroupName: group.name,
        policyName: "aksedgewaf",
        location: "Global",
        sku: { name: "Premium_AzureFrontDoor" },
        policySettings: { enabledState: "Enabled", mode: insecure ? "Detection" : "Prevention" },
        managedRules: { managedRuleSets: [{ ruleSetType: "Microsoft_DefaultRuleSet", ruleSetVersion: "2.1", ruleSetAction: "Block" }] },
    });
    const edgeResources: pulumi.Resource[] = [edge, edgeEndpoint, waf];
    if (!insecure) {
        edgeResources.push(new cdn.SecurityPolicy("edge-waf-web", {
            resourceGroupName: group.name,
            profileName: edge.name,
            securityPolicyName: "waf-web",
            parameters: {
                type: "WebApplicationFirewall",
                wafPolicy: { id: waf.id },
                associations: [{ domains: [{ id: edgeEndpoint.id }], patternsToMatch: ["/*"] }],
            },
        }));
    }

    // 11.1: API traffic through API Management inside the virtual network, modern TLS only.
    const apim = new apimanagement.ApiManagementService("apim", {
        resourceGroupName: group.name,
        serviceName: "aks-guard-apis",
        location,
        publisherEmail: "platform@contoso.com",
        publisherName: "Contoso Platform",
        sku: { name: "Developer", capacity: 1 },
        virtualNetworkType: insecure ? "None" : "Internal",
        virtualNetworkConfiguration: insecure ? undefined : { subnetResourceId: apimSubnet.id },
        customProperties: {
            "Microsoft.WindowsAzure.ApiManagement.Gateway.Security.Protocols.Tls10": insecure ? "true" : "false",
            "Microsoft.WindowsAzure.ApiManagement.Gateway.Security.Protocols.Tls11": "false",
            "Microsoft.WindowsAzure.ApiManagement.Gateway.Security.Ciphers.TripleDes168": "false",
        },
        apiVersionConstraint: insecure ? undefined : { minApiVersion: "2021-08-01" },
    });

    // 12: the clusters of the platform belong to one Fleet Manager fleet (the insecure variant forgets the legacy cluster).
    const fleet = new containerservice.Fleet("fleet", {
        resourceGroupName: group.name,
        fleetName: "aks-fleet",
        location,
    });
    const member = new containerservice.FleetMember("fleet-aks", {
        resourceGroupName: group.name,
        fleetName: fleet.name,
        fleetMemberName: "aks-prod",
        clusterResourceId: cluster.id,
    });

    // 12: a cluster outside Azure, connected with Arc and governed by Azure Policy and Defender like AKS.
    const edgeCluster = new arc.ConnectedCluster("store-k3s", {
        resourceGroupName: group.name,
        clusterName: "store-k3s",
        location,
        identity: { type: "SystemAssigned" },
        agentPublicKeyCertificate: "",
        distribution: "k3s",
        infrastructure: "generic",
    });
    const arcResources: pulumi.Resource[] = [edgeCluster];
    if (!insecure) {
        for (const [name, extensionType] of [["azurepolicy", "Microsoft.PolicyInsights"], ["defender", "microsoft.azuredefender.kubernetes"]]) {
            arcResources.push(new kubernetesconfiguration.Extension(`store-k3s-${name}`, {
                resourceGroupName: group.name,
                clusterRp: "Microsoft.Kubernetes",
                clusterResourceName: "connectedClusters",
                clusterName: edgeCluster.name,
                extensionName: name,
                extensionType,
                autoUpgradeMinorVersion: true,
            }));
        }
    }

    // 7: an application namespace in the mesh; nothing may call it unless an AuthorizationPolicy allows it.
    const apps = new k8s.core.v1.Namespace("apps", { metadata: { name: "apps", labels: { "istio.io/rev": "asm-1-25" } } });
    const appsAuthz = new k8s.apiextensions.CustomResource("apps-authz", {
        apiVersion: "security.istio.io/v1",
        kind: "AuthorizationPolicy",
        metadata: { name: insecure ? "allow-all" : "allow-nothing", namespace: "apps" },
        // The insecure "authorization" is an ALLOW policy with an empty rule: it allows every request.
        spec: insecure ? { action: "ALLOW", rules: [{}] } : {},
    }, { dependsOn: [apps] });

    const declared: pulumi.Resource[] = [
        group, logs, vnet, nodesNsg, nodesSubnet, apimSubnet, registry, cluster, userPool, acrPull, audit, defender,
        ...edgeResources, apim, fleet, member, ...arcResources, apps, appsAuthz,
    ];

    // 12: the insecure variant also leaves a legacy cluster behind, configured differently again.
    if (insecure) {
        declared.push(new containerservice.ManagedCluster("aks-legacy", {
            resourceGroupName: group.name,
            resourceName: "aks-legacy",
            location,
            dnsPrefix: "aks-legacy",
            // A service principal and its client secret instead of a managed identity.
            servicePrincipalProfile: { clientId: "33333333-3333-3333-3333-333333333333", secret: pulumi.secret("example-only-not-a-secret") },
            kubernetesVersion: "1.28",
            enableRBAC: false,
            agentPoolProfiles: [{ name: "default", mode: "System", count: 1, vmSize: "Standard_D2ds_v5", osType: "Linux" }],
        }));
    }

    return { resources: declared, clusterName: cluster.name };
}
