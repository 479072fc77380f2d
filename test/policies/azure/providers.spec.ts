// One rule for every Azure provider (SPEC "One rule for every Azure provider"): each Azure policy
// that judges clusters, node pools or registries judges the classic `@pulumi/azure` resources as
// their azure-native twins, through the engine protocol. The table gives, per policy, the same
// mistake written for each provider and the field the message must name as the user wrote it.
// Classic field names and defaults: @pulumi/azure 6.40.0 (azurerm 4.x) input types and docs
// (runCommandEnabled and roleBasedAccessControlEnabled default to true, nodeOsUpgradeChannel to
// NodeImage; microsoftDefender / keyManagementService / azureActiveDirectoryRoleBasedAccessControl
// blocks turn their feature on; onlyCriticalAddonsEnabled taints the default pool).
import * as assert from "assert";
import { ResourceInput, UNKNOWN_STRING } from "../../../harness";
import { AGENT_POOL_VERSIONED, agentPoolWith, CLUSTER_VERSIONED, clusterWith } from "../../support/azure";
import {
    CLASSIC_CLUSTER, CLASSIC_CLUSTER_ID, classicDiagnosticSettingWith, CLASSIC_NODE_POOL, CLASSIC_REGISTRY, hardenedClassicClusterProps, hardenedClassicNodePoolProps, hardenedClassicRegistryProps, classicClusterWith, classicNodePoolWith, classicRegistryWith, hardenedClassicStack, CLASSIC_API_MANAGEMENT, CLASSIC_ARC_CLUSTER, CLASSIC_ARC_CLUSTER_ID, CLASSIC_ARC_EXTENSION, CLASSIC_SUBSCRIPTION_PRICING, classicApiManagementWith, classicArcClusterWith, classicArcGoverning, classicSubscriptionPricingWith, hardenedClassicApiManagementProps, hardenedClassicArcClusterProps, hardenedClassicSubscriptionPricingProps, HARDENED_CLASSIC, classicAppGatewayWith, classicFrontDoorEndpointWith, classicFrontDoorSecurityPolicyWith, classicSubnetWith, classicFrontDoorEndpointId,
} from "../../support/azure-classic";
import { dependingOn, propertyDependingOn } from "../../support/azure-stack";
import { judge, messages, session } from "../../support/util";

interface Case {
    policy: string;
    /** The mistake on azure-native resources (versioned tokens) and the field its message names. */
    native: { bad: ResourceInput[]; field: string };
    /** The same mistake on classic resources. */
    classic: { bad: ResourceInput[]; field: string };
}

const registry = (props: Record<string, unknown>): ResourceInput => ({
    type: "azure-native:containerregistry/v20230701:Registry", name: "prod-acr", props: { registryName: "prodacr", resourceGroupName: "prod-rg", sku: { name: "Premium" }, ...props },
});
const userPool = classicNodePoolWith();
const HARDENED: Record<string, () => Record<string, unknown>> = {
    ...HARDENED_CLASSIC,
    [CLASSIC_CLUSTER]: hardenedClassicClusterProps, [CLASSIC_NODE_POOL]: hardenedClassicNodePoolProps, [CLASSIC_REGISTRY]: hardenedClassicRegistryProps,
    [CLASSIC_SUBSCRIPTION_PRICING]: hardenedClassicSubscriptionPricingProps, [CLASSIC_API_MANAGEMENT]: hardenedClassicApiManagementProps, [CLASSIC_ARC_CLUSTER]: hardenedClassicArcClusterProps,
};
const SUB = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/prod-rg";
const nativeGateway = (waf: Record<string, unknown>): ResourceInput => ({
    type: "azure-native:network/v20240501:ApplicationGateway", name: "prod-agw",
    props: { applicationGatewayName: "prod-agw", resourceGroupName: "prod-rg", sku: { name: "WAF_v2", tier: "WAF_v2", capacity: 2 }, webApplicationFirewallConfiguration: waf },
});
const nativeEndpoint = (name: string): ResourceInput => ({
    type: "azure-native:cdn/v20240901:AFDEndpoint", name, props: { resourceGroupName: "prod-rg", profileName: "prod-fd", endpointName: name, location: "Global" },
});
const nativeSecurityPolicy = (endpoint: string): ResourceInput => ({
    type: "azure-native:cdn:SecurityPolicy", name: "prod-waf",
    props: {
        resourceGroupName: "prod-rg", profileName: "prod-fd", securityPolicyName: "prod-waf",
        parameters: { type: "WebApplicationFirewall", wafPolicy: { id: `${SUB}/providers/Microsoft.Network/FrontDoorWebApplicationFirewallPolicies/prodfdwaf` }, associations: [{ domains: [{ id: `${SUB}/providers/Microsoft.Cdn/profiles/prod-fd/afdEndpoints/${endpoint}` }], patternsToMatch: ["/*"] }] },
    },
});
const nativeSubnet: ResourceInput = {
    type: "azure-native:network/v20240501:Subnet", name: "aks-nodes", props: { resourceGroupName: "prod-rg", virtualNetworkName: "prod-vnet", subnetName: "aks-nodes", addressPrefix: "10.1.0.0/22" },
};
const APIM_TLS10 = "Microsoft.WindowsAzure.ApiManagement.Gateway.Security.Protocols.Tls10";
const apim = (props: Record<string, unknown>): ResourceInput => ({
    type: "azure-native:apimanagement/v20240501:ApiManagementService", name: "gateway",
    props: { serviceName: "contoso-apis", resourceGroupName: "api-rg", publisherEmail: "api@contoso.com", publisherName: "Contoso", sku: { name: "Developer", capacity: 1 }, virtualNetworkType: "Internal", apiVersionConstraint: { minApiVersion: "2021-08-01" }, ...props },
});
// Arc: the extensions name another connected cluster, so "edge" (Azure name edge-k8s) has none.
const nativeArc = (): ResourceInput[] => [
    { type: "azure-native:kubernetes/v20240715preview:ConnectedCluster", name: "edge", props: { clusterName: "edge-k8s", resourceGroupName: "arc-rg", identity: { type: "SystemAssigned" }, agentPublicKeyCertificate: "" } },
    ...[["azurepolicy", "Microsoft.PolicyInsights"], ["defender", "microsoft.azuredefender.kubernetes"]].map(([name, extensionType]): ResourceInput => ({
        type: "azure-native:kubernetesconfiguration:Extension", name,
        props: { extensionName: name, extensionType, clusterRp: "Microsoft.Kubernetes", clusterResourceName: "connectedClusters", clusterName: "other-k8s", resourceGroupName: "arc-rg" },
    })),
];

const CASES: Case[] = [
    { policy: "aks-local-accounts-disabled",
        native: { bad: [clusterWith(c => { delete c.disableLocalAccounts; }, { token: CLUSTER_VERSIONED })], field: "does not set disableLocalAccounts" },
        classic: { bad: [classicClusterWith(c => { delete c.localAccountDisabled; })], field: "does not set localAccountDisabled" } },
    { policy: "aks-rbac-enabled",
        native: { bad: [clusterWith(c => { c.enableRBAC = false; }, { token: CLUSTER_VERSIONED })], field: "sets enableRBAC to false" },
        classic: { bad: [classicClusterWith(c => { c.roleBasedAccessControlEnabled = false; })], field: "sets roleBasedAccessControlEnabled to false" } },
    { policy: "aks-run-command-disabled",
        native: { bad: [clusterWith(c => { delete c.apiServerAccessProfile.disableRunCommand; }, { token: CLUSTER_VERSIONED })], field: "does not set apiServerAccessProfile.disableRunCommand; set it to true" },
        classic: { bad: [classicClusterWith(c => { delete c.runCommandEnabled; })], field: "leaves runCommandEnabled at its default (true); set it to false" } },
    { policy: "aks-private-api-server",
        native: { bad: [clusterWith(c => { c.apiServerAccessProfile = { enablePrivateCluster: false, authorizedIPRanges: ["0.0.0.0/0"] }; }, { token: CLUSTER_VERSIONED })], field: "apiServerAccessProfile.authorizedIPRanges[0] allows every address" },
        classic: { bad: [classicClusterWith(c => { c.privateClusterEnabled = false; c.apiServerAccessProfile = { authorizedIpRanges: ["0.0.0.0/0"] }; })], field: "apiServerAccessProfile.authorizedIpRanges[0] allows every address" } },
    { policy: "aks-entra-id-integration",
        native: { bad: [clusterWith(c => { c.aadProfile.enableAzureRBAC = false; }, { token: CLUSTER_VERSIONED })], field: "sets aadProfile.enableAzureRBAC to false" },
        classic: { bad: [classicClusterWith(c => { c.azureActiveDirectoryRoleBasedAccessControl.azureRbacEnabled = false; })], field: "sets azureActiveDirectoryRoleBasedAccessControl.azureRbacEnabled to false" } },
    { policy: "aks-workload-identity",
        native: { bad: [clusterWith(c => { c.oidcIssuerProfile.enabled = false; }, { token: CLUSTER_VERSIONED })], field: "sets oidcIssuerProfile.enabled to false" },
        classic: { bad: [classicClusterWith(c => { c.oidcIssuerEnabled = false; })], field: "sets oidcIssuerEnabled to false" } },
    { policy: "aks-image-cleaner-enabled",
        native: { bad: [clusterWith(c => { delete c.securityProfile.imageCleaner; }, { token: CLUSTER_VERSIONED })], field: "does not set securityProfile.imageCleaner.enabled" },
        classic: { bad: [classicClusterWith(c => { delete c.imageCleanerEnabled; })], field: "does not set imageCleanerEnabled" } },
    { policy: "aks-defender-enabled",
        native: { bad: [clusterWith(c => { delete c.securityProfile.defender; }, { token: CLUSTER_VERSIONED })], field: "does not set securityProfile.defender.securityMonitoring.enabled" },
        classic: { bad: [classicClusterWith(c => { delete c.microsoftDefender; })], field: "does not set microsoftDefender; add microsoftDefender: { logAnalyticsWorkspaceId }" } },
    { policy: "aks-kms-etcd-encryption",
        native: { bad: [clusterWith(c => { delete c.securityProfile.azureKeyVaultKms; }, { token: CLUSTER_VERSIONED })], field: "does not set securityProfile.azureKeyVaultKms.enabled" },
        classic: { bad: [classicClusterWith(c => { delete c.keyManagementService; })], field: "does not set keyManagementService" } },
    { policy: "aks-azure-policy-addon",
        native: { bad: [clusterWith(c => { c.addonProfiles.azurepolicy.enabled = false; }, { token: CLUSTER_VERSIONED })], field: "sets addonProfiles.azurepolicy.enabled to false" },
        classic: { bad: [classicClusterWith(c => { delete c.azurePolicyEnabled; })], field: "does not set azurePolicyEnabled" } },
    { policy: "aks-network-policy-enabled",
        native: { bad: [clusterWith(c => { delete c.networkProfile.networkPolicy; }, { token: CLUSTER_VERSIONED })], field: "does not set networkProfile.networkPolicy" },
        classic: { bad: [classicClusterWith(c => { c.networkProfile = { networkPlugin: "kubenet" }; })], field: "does not set networkProfile.networkPolicy" } },
    { policy: "aks-egress-through-firewall",
        native: { bad: [clusterWith(c => { c.networkProfile.outboundType = "loadBalancer"; }, { token: CLUSTER_VERSIONED })], field: "sets networkProfile.outboundType to a type not in allowedOutboundTypes" },
        classic: { bad: [classicClusterWith(c => { c.networkProfile.outboundType = "loadBalancer"; })], field: "sets networkProfile.outboundType to a type not in allowedOutboundTypes" } },
    { policy: "aks-auto-upgrade-enabled",
        native: { bad: [clusterWith(c => { delete c.autoUpgradeProfile.upgradeChannel; }, { token: CLUSTER_VERSIONED })], field: "does not set autoUpgradeProfile.upgradeChannel" },
        classic: { bad: [classicClusterWith(c => { delete c.automaticUpgradeChannel; c.automaticChannelUpgrade = "none"; })], field: "sets automaticChannelUpgrade to the channel that turns automatic upgrades off" } },
    { policy: "aks-supported-kubernetes-version",
        native: { bad: [clusterWith(c => { c.kubernetesVersion = "1.24.0"; }, { token: CLUSTER_VERSIONED })], field: "kubernetesVersion is older" },
        classic: { bad: [classicClusterWith(c => { c.kubernetesVersion = "1.24.0"; })], field: "kubernetesVersion is older" } },
    { policy: "aks-no-node-public-ip",
        native: { bad: [clusterWith(c => { c.agentPoolProfiles[0].enableNodePublicIP = true; }, { token: CLUSTER_VERSIONED })], field: "sets agentPoolProfiles[0].enableNodePublicIP to true" },
        classic: { bad: [classicClusterWith(c => { delete c.defaultNodePool.nodePublicIpEnabled; c.defaultNodePool.enableNodePublicIp = true; })], field: "sets defaultNodePool.enableNodePublicIp to true" } },
    { policy: "aks-encryption-at-host",
        native: { bad: [agentPoolWith(p => { p.enableEncryptionAtHost = false; }, { token: AGENT_POOL_VERSIONED })], field: 'node pool "apps" sets enableEncryptionAtHost to false' },
        classic: { bad: [classicNodePoolWith(p => { p.hostEncryptionEnabled = false; })], field: 'node pool "user" sets hostEncryptionEnabled to false' } },
    { policy: "aks-system-node-pool-isolated",
        native: { bad: [clusterWith(c => { delete c.agentPoolProfiles[0].nodeTaints; }, { token: CLUSTER_VERSIONED })], field: "has no agentPoolProfiles[0].nodeTaints" },
        classic: { bad: [classicClusterWith(c => { delete c.defaultNodePool.onlyCriticalAddonsEnabled; }), userPool], field: "defaultNodePool.onlyCriticalAddonsEnabled is not true" } },
    { policy: "acr-admin-user-disabled",
        native: { bad: [registry({ adminUserEnabled: true })], field: "adminUserEnabled is true" },
        classic: { bad: [classicRegistryWith(r => { r.adminEnabled = true; })], field: "adminEnabled is true" } },
    { policy: "acr-anonymous-pull-disabled",
        native: { bad: [registry({ anonymousPullEnabled: true })], field: "anonymousPullEnabled is true" },
        classic: { bad: [classicRegistryWith(r => { r.anonymousPullEnabled = true; })], field: "anonymousPullEnabled is true" } },
    { policy: "acr-network-restricted",
        native: { bad: [registry({ publicNetworkAccess: "Enabled" })], field: "(publicNetworkAccess leaves the public endpoint on and networkRuleSet.defaultAction is not Deny)" },
        classic: { bad: [classicRegistryWith(r => { r.publicNetworkAccessEnabled = true; })], field: "(publicNetworkAccessEnabled leaves the public endpoint on and networkRuleSet.defaultAction is not Deny)" } },
    { policy: "aks-node-ssh-disabled",
        native: { bad: [clusterWith(c => { delete c.agentPoolProfiles[0].securityProfile; }, { token: CLUSTER_VERSIONED })], field: 'node pool "system" does not set agentPoolProfiles[0].securityProfile.sshAccess' },
        // The classic provider cannot set sshAccess: what it can show is the SSH key it installs on every node.
        classic: { bad: [classicClusterWith(c => { c.linuxProfile = { adminUsername: "azureuser", sshKey: { keyData: "ssh-ed25519 AAAAC3Nz example" } }; })], field: "declares linuxProfile.sshKey" } },
    { policy: "aks-managed-identity",
        native: { bad: [clusterWith(c => { delete c.identity; c.servicePrincipalProfile = { clientId: "22222222-2222-2222-2222-222222222222", secret: "x" }; }, { token: CLUSTER_VERSIONED })], field: "the service principal in servicePrincipalProfile.clientId" },
        classic: { bad: [classicClusterWith(c => { delete c.identity; c.servicePrincipal = { clientId: "22222222-2222-2222-2222-222222222222", clientSecret: "x" }; })], field: "the service principal in servicePrincipal.clientId" } },
    { policy: "azure-defender-containers-plan",
        native: { bad: [{ type: "azure-native:security/v20240101:Pricing", name: "defender-containers", props: { pricingName: "Containers", pricingTier: "Free", scopeId: "/subscriptions/0000" } }], field: 'Pricing "defender-containers": pricingTier of the Containers plan is not Standard' },
        classic: { bad: [classicSubscriptionPricingWith(p => { p.tier = "Free"; })], field: 'SubscriptionPricing "defender-containers": tier of the Containers plan is not Standard' } },
    { policy: "azure-apim-hardened",
        native: { bad: [apim({ customProperties: { [APIM_TLS10]: "true" } })], field: `customProperties["${APIM_TLS10}"] turns a legacy protocol or cipher on; set it to "false"` },
        classic: { bad: [classicApiManagementWith(a => { a.security.frontendTls10Enabled = true; })], field: "security.frontendTls10Enabled turns a legacy protocol or cipher on; set it to false" } },
    { policy: "azure-arc-cluster-governed",
        native: { bad: nativeArc(), field: 'ConnectedCluster "edge": has no Azure Policy' },
        classic: { bad: [classicArcClusterWith(), ...classicArcGoverning({ clusterId: CLASSIC_ARC_CLUSTER_ID.replace("edge-k8s", "other-k8s") })], field: `Cluster "edge": has no Azure Policy (extensionType Microsoft.PolicyInsights) and Defender for Containers (extensionType microsoft.azuredefender.kubernetes) extension; add an ${CLASSIC_ARC_EXTENSION} of that type with clusterId set to the cluster's id.` } },
    { policy: "azure-app-gateway-waf",
        native: { bad: [nativeGateway({ enabled: true, firewallMode: "Detection", ruleSetType: "OWASP", ruleSetVersion: "3.2" })], field: "webApplicationFirewallConfiguration.firewallMode is not Prevention" },
        classic: { bad: [classicAppGatewayWith(g => { delete g.firewallPolicyId; g.wafConfiguration = { enabled: true, firewallMode: "Detection", ruleSetType: "OWASP", ruleSetVersion: "3.2" }; })], field: "wafConfiguration.firewallMode is not Prevention" } },
    { policy: "azure-front-door-waf",
        native: { bad: [nativeEndpoint("prod-api"), nativeSecurityPolicy("prod-web")], field: 'AFDEndpoint "prod-api": no cdn:SecurityPolicy' },
        classic: { bad: [classicFrontDoorEndpointWith(e => { e.name = "prod-api"; }, { name: "prod-api" }), classicFrontDoorSecurityPolicyWith()],
            field: 'FrontdoorEndpoint "prod-api": no azure:cdn/frontdoorSecurityPolicy:FrontdoorSecurityPolicy with a securityPolicies.firewall.cdnFrontdoorFirewallPolicyId lists this endpoint in securityPolicies.firewall.association.domains[].cdnFrontdoorDomainId' } },
    { policy: "aks-node-subnet-nsg",
        native: { bad: [nativeSubnet, agentPoolWith(p => { p.vnetSubnetID = `${SUB}/providers/Microsoft.Network/virtualNetworks/prod-vnet/subnets/aks-nodes`; }, { token: AGENT_POOL_VERSIONED })], field: '(vnetSubnetID) is in Subnet "aks-nodes", which has no networkSecurityGroup' },
        classic: { bad: [classicSubnetWith(), userPool], field: 'node pool "user" (vnetSubnetId) is in Subnet "aks-nodes", which has no network security group: no azure:network/subnetNetworkSecurityGroupAssociation:SubnetNetworkSecurityGroupAssociation names it in subnetId' } },
];

describe("Azure policies on both providers", function () {
    this.timeout(120000);

    it("the hardened classic stack passes every Azure policy", async () => {
        const s = await session();
        const azure = s.info.policies.filter(p => p.tags.includes("azure")).map(p => p.name);
        await s.reconfigure({ all: "disabled", ...Object.fromEntries(azure.map(n => [n, { enforcementLevel: "mandatory" }])) });
        const r = await s.run(hardenedClassicStack());
        assert.deepStrictEqual([...r.resources.flatMap(x => x.diagnostics), ...r.stack].map(d => `${d.policyName}: ${d.message}`), []);
    });

    for (const c of CASES) {
        describe(c.policy, () => {
            for (const provider of ["native", "classic"] as const) {
                it(`${provider}: fires naming the field as written (${c[provider].field})`, async () => {
                    const ms = await messages(c.policy, c[provider].bad);
                    assert.ok(ms.length > 0, "fires");
                    assert.ok(ms.some(m => m.includes(c[provider].field)), ms.join("\n"));
                });
            }

            it("classic: defers while the whole resource is unknown and is silenced by its exemption", async () => {
                const target = c.classic.bad[0];
                // Every field the resource declares or the hardened one would (a deleted field becomes unknown, not absent).
                const keys = new Set([...Object.keys(target.props as object), ...Object.keys(HARDENED[target.type]())]);
                const unknown = Object.fromEntries([...keys].map(k => [k, UNKNOWN_STRING]));
                assert.deepStrictEqual(await judge(c.policy, [{ ...target, props: unknown }, ...c.classic.bad.slice(1)]), []);
                assert.deepStrictEqual(await judge(c.policy, c.classic.bad, { excludeResources: [target.name] }), []);
            });
        });
    }

    it("links a classic node pool to its classic cluster by kubernetesClusterId", async () => {
        const systemOnly = classicClusterWith();
        const lonely = await messages("aks-system-node-pool-isolated", [systemOnly]);
        assert.strictEqual(lonely.length, 1);
        assert.match(lonely[0], /^KubernetesCluster "prod-aks": has no node pool with mode User/);
        assert.deepStrictEqual(await messages("aks-system-node-pool-isolated", [systemOnly, userPool]), []);
        const elsewhere = classicNodePoolWith(p => { p.kubernetesClusterId = CLASSIC_CLUSTER_ID.replace("prod-aks", "other-aks"); });
        assert.strictEqual((await messages("aks-system-node-pool-isolated", [systemOnly, elsewhere])).length, 1);
    });

    // Stack policies link classic resources (@pulumi/azure 6.40.0: DiagnosticSetting targetResourceId
    // and enabledLogs, KubernetesClusterExtension clusterId, KubernetesFleetManager, FleetMember
    // kubernetesClusterId / kubernetesFleetId) to classic and azure-native clusters alike.
    describe("stack policies with classic linked resources", () => {
        const cluster = classicClusterWith();
        const withoutMesh = classicClusterWith(c => { delete c.serviceMeshProfile; });
        const extension = (props: Record<string, unknown> = {}): ResourceInput => ({
            type: "azure:containerservice/kubernetesClusterExtension:KubernetesClusterExtension", name: "dapr",
            props: { name: "dapr", clusterId: CLASSIC_CLUSTER_ID, extensionType: "microsoft.dapr", ...props },
        });
        const fleet: ResourceInput = { type: "azure:containerservice/kubernetesFleetManager:KubernetesFleetManager", name: "fleet", props: { name: "prod-fleet", resourceGroupName: "prod-rg", location: "westeurope" } };
        const member = (props: Record<string, unknown> = {}): ResourceInput => ({
            type: "azure:containerservice/fleetMember:FleetMember", name: "member",
            props: { name: "prod-aks", kubernetesClusterId: CLASSIC_CLUSTER_ID, kubernetesFleetId: CLASSIC_CLUSTER_ID.replace(/managedClusters\/prod-aks$/, "fleets/prod-fleet"), ...props },
        });

        it("aks-audit-logs-enabled: a classic DiagnosticSetting exporting kube-audit-admin passes; none, or one without audit, fails in classic terms", async () => {
            const policy = "aks-audit-logs-enabled";
            assert.deepStrictEqual(await messages(policy, [cluster, classicDiagnosticSettingWith()]), []);
            assert.deepStrictEqual(await messages(policy, [cluster]), [
                'KubernetesCluster "prod-aks": has no diagnostic setting (azure:monitoring/diagnosticSetting:DiagnosticSetting with targetResourceId = the cluster id) exporting the audit log; add one with enabledLogs [{ category: "kube-audit-admin" }].',
            ]);
            const guardOnly = classicDiagnosticSettingWith(d => { d.enabledLogs = [{ category: "guard" }]; });
            assert.deepStrictEqual(await messages(policy, [cluster, guardOnly]), [
                'KubernetesCluster "prod-aks": its diagnostic setting "prod-aks-audit" enables neither kube-audit nor kube-audit-admin; add enabledLogs [{ category: "kube-audit-admin" }] (or categoryGroup audit).',
            ]);
            assert.deepStrictEqual(await messages(policy, [cluster, classicDiagnosticSettingWith(d => { d.enabledLogs = [{ categoryGroup: "audit" }]; })]), []);
            const elsewhere = classicDiagnosticSettingWith(d => { d.targetResourceId = CLASSIC_CLUSTER_ID.replace("prod-aks", "other-aks"); });
            assert.strictEqual((await messages(policy, [cluster, elsewhere])).length, 1);
            // Preview: the cluster id is unknown; targetResourceId's own dependency on the cluster links it.
            const unknownTarget = classicDiagnosticSettingWith(d => { d.targetResourceId = UNKNOWN_STRING; });
            assert.deepStrictEqual(await messages(policy, [cluster, propertyDependingOn(dependingOn(unknownTarget, cluster), "targetResourceId", cluster)]), []);
            // An azure-native setting names the classic cluster just as well.
            const native: ResourceInput = { type: "azure-native:monitor:DiagnosticSetting", name: "native-audit", props: { resourceUri: CLASSIC_CLUSTER_ID, logs: [{ category: "kube-audit", enabled: true }] } };
            assert.deepStrictEqual(await messages(policy, [cluster, native]), []);
        });

        it("aks-service-mesh-enabled: a classic cluster without Istio passes with its classic Dapr extension and fails without", async () => {
            const policy = "aks-service-mesh-enabled";
            assert.deepStrictEqual(await messages(policy, [cluster]), [], "the Istio add-on");
            assert.deepStrictEqual(await messages(policy, [withoutMesh, extension()]), []);
            assert.deepStrictEqual(await messages(policy, [withoutMesh]), [
                'KubernetesCluster "prod-aks": has no service mesh: serviceMeshProfile.mode is not Istio and no Dapr extension (azure:containerservice/kubernetesClusterExtension:KubernetesClusterExtension, extensionType microsoft.dapr) belongs to it; enable the Istio add-on or install Dapr.',
            ]);
            assert.strictEqual((await messages(policy, [withoutMesh, extension({ extensionType: "microsoft.flux" })])).length, 1);
            assert.strictEqual((await messages(policy, [withoutMesh, extension({ clusterId: CLASSIC_CLUSTER_ID.replace("prod-aks", "other-aks") })])).length, 1);
            assert.deepStrictEqual(await messages(policy, [withoutMesh, propertyDependingOn(extension({ clusterId: UNKNOWN_STRING }), "clusterId", withoutMesh)]), [], "linked by clusterId's dependency");
        });

        it("aks-fleet-membership: classic clusters, fleet managers and members link with each other", async () => {
            const policy = "aks-fleet-membership";
            assert.deepStrictEqual(await messages(policy, [cluster]), [], "no fleet declared");
            assert.deepStrictEqual(await messages(policy, [cluster, fleet, member()]), []);
            assert.deepStrictEqual(await messages(policy, [cluster, fleet]), [
                'KubernetesCluster "prod-aks": is not a member of the stack\'s fleet: no azure:containerservice/fleetMember:FleetMember of it names the cluster in kubernetesClusterId; add a FleetMember with kubernetesClusterId set to the cluster\'s id.',
            ]);
            assert.strictEqual((await messages(policy, [cluster, fleet, member({ kubernetesFleetId: CLASSIC_CLUSTER_ID.replace(/managedClusters\/prod-aks$/, "fleets/other-fleet") })])).length, 1, "a member of another fleet");
            const native: ResourceInput = { type: "azure-native:containerservice:FleetMember", name: "native-member", props: { fleetName: "prod-fleet", resourceGroupName: "prod-rg", clusterResourceId: CLASSIC_CLUSTER_ID } };
            assert.deepStrictEqual(await messages(policy, [cluster, fleet, native]), [], "an azure-native member of the classic fleet");
        });
    });

    // Linking policies link classic and azure-native resources with each other (@pulumi/azure
    // 6.40.0: FrontdoorSecurityPolicy securityPolicies.firewall.association.domains[].cdnFrontdoorDomainId,
    // SubnetNetworkSecurityGroupAssociation subnetId, node pools' vnetSubnetId).
    describe("mixed stacks: classic and azure-native resources link", () => {
        const subnetId = `${SUB}/providers/Microsoft.Network/virtualNetworks/prod-vnet/subnets/aks-nodes`;
        const association: ResourceInput = { type: "azure:network/subnetNetworkSecurityGroupAssociation:SubnetNetworkSecurityGroupAssociation", name: "nsg-assoc", props: { subnetId, networkSecurityGroupId: `${SUB}/providers/Microsoft.Network/networkSecurityGroups/nodes` } };

        it("azure-front-door-waf: a classic endpoint in an azure-native security policy, an azure-native endpoint in a classic one", async () => {
            const policy = "azure-front-door-waf";
            assert.deepStrictEqual(await messages(policy, [classicFrontDoorEndpointWith(), nativeSecurityPolicy("prod-web")]), []);
            assert.deepStrictEqual(await messages(policy, [nativeEndpoint("prod-web"), classicFrontDoorSecurityPolicyWith()]), []);
            assert.strictEqual((await messages(policy, [nativeEndpoint("prod-api"), classicFrontDoorSecurityPolicyWith()])).length, 1);
            assert.strictEqual(classicFrontDoorEndpointId(), `${SUB}/providers/Microsoft.Cdn/profiles/prod-fd/afdEndpoints/prod-web`);
        });

        it("aks-node-subnet-nsg: a classic association attaches an NSG to an azure-native subnet; a classic pool in a bare azure-native subnet fires", async () => {
            const policy = "aks-node-subnet-nsg";
            assert.deepStrictEqual(await messages(policy, [nativeSubnet, association, userPool]), []);
            assert.deepStrictEqual(await messages(policy, [nativeSubnet, userPool]), [
                'KubernetesClusterNodePool "user-pool": node pool "user" (vnetSubnetId) is in Subnet "aks-nodes", which has no networkSecurityGroup; attach a network security group to the subnet (networkSecurityGroup: { id: nsg.id }).',
            ]);
            const inSubnet = classicClusterWith(c => { c.defaultNodePool.vnetSubnetId = subnetId; });
            assert.deepStrictEqual(await messages(policy, [nativeSubnet, inSubnet]), [
                'KubernetesCluster "prod-aks": node pool "system" (defaultNodePool.vnetSubnetId) is in Subnet "aks-nodes", which has no networkSecurityGroup; attach a network security group to the subnet (networkSecurityGroup: { id: nsg.id }).',
            ]);
            const agentPool = agentPoolWith(p => { p.vnetSubnetID = subnetId; });
            assert.deepStrictEqual(await messages(policy, [classicSubnetWith(), association, agentPool]), []);
            assert.strictEqual((await messages(policy, [classicSubnetWith(), agentPool])).length, 1);
        });
    });

    it("compares a classic and an azure-native cluster of one stack (cluster consistency)", async () => {
        const native = clusterWith(c => { c.resourceName = "b-aks"; });
        const classic = classicClusterWith(c => { c.localAccountDisabled = false; }, { name: "a-aks" });
        const ms = await messages("aks-cluster-consistency", [native, classic, userPool]);
        assert.ok(ms.some(m => m.startsWith('ManagedCluster "a-aks"') || m.startsWith('KubernetesCluster "a-aks"')), ms.join("\n"));
    });
});
