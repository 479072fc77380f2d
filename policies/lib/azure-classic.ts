// The adapter of the classic bridged provider `@pulumi/azure` into the neutral Azure views
// (azure-view.ts). Every mapping follows `@pulumi/azure` 6.40.0 (the dev dependency; its
// TypeScript types `containerservice.KubernetesClusterArgs`, `types.input.containerservice.*`,
// `containerservice.KubernetesClusterNodePoolArgs`, `containerservice.RegistryArgs`,
// `securitycenter.SubscriptionPricingArgs`, `apimanagement.ServiceArgs`,
// `arckubernetes.ClusterArgs`, `arckubernetes.ClusterExtensionArgs`,
// `network.ApplicationGatewayArgs`, `waf.PolicyArgs`, `cdn.Frontdoor*Args`, `network.SubnetArgs`,
// `network.SubnetNetworkSecurityGroupAssociationArgs`, `network.VirtualNetworkArgs`), whose field
// names come from the azurerm Terraform provider 4.x; where 5.x spelled a field differently
// (`enableNodePublicIp`, `apiServerAuthorizedIpRanges`, `automaticChannelUpgrade`), that spelling
// is read too, after the current one, and messages name whichever the program wrote.
// The types are imported for the compiler only: a field renamed in a new provider version breaks
// the build here instead of silently reading nothing.
import type * as classic from "@pulumi/azure";
import { adapt, Adapted, Mapping } from "./azure-view";
import { get, isFalse, isObj, isTrue, Obj } from "./values";

/** Classic type tokens (the classic provider has no versioned tokens). */
export const CLASSIC = {
    cluster: "azure:containerservice/kubernetesCluster:KubernetesCluster",
    nodePool: "azure:containerservice/kubernetesClusterNodePool:KubernetesClusterNodePool",
    registry: "azure:containerservice/registry:Registry",
    diagnosticSetting: "azure:monitoring/diagnosticSetting:DiagnosticSetting",
    extension: "azure:containerservice/kubernetesClusterExtension:KubernetesClusterExtension",
    fleet: "azure:containerservice/kubernetesFleetManager:KubernetesFleetManager",
    fleetMember: "azure:containerservice/fleetMember:FleetMember",
    subscriptionPricing: "azure:securitycenter/subscriptionPricing:SubscriptionPricing",
    apiManagement: "azure:apimanagement/service:Service",
    arcCluster: "azure:arckubernetes/cluster:Cluster",
    arcExtension: "azure:arckubernetes/clusterExtension:ClusterExtension",
    applicationGateway: "azure:network/applicationGateway:ApplicationGateway",
    wafPolicy: "azure:waf/policy:Policy",
    frontDoorEndpoint: "azure:cdn/frontdoorEndpoint:FrontdoorEndpoint",
    frontDoorSecurityPolicy: "azure:cdn/frontdoorSecurityPolicy:FrontdoorSecurityPolicy",
    frontDoorFirewallPolicy: "azure:cdn/frontdoorFirewallPolicy:FrontdoorFirewallPolicy",
    subnet: "azure:network/subnet:Subnet",
    subnetNsgAssociation: "azure:network/subnetNetworkSecurityGroupAssociation:SubnetNetworkSecurityGroupAssociation",
    virtualNetwork: "azure:network/virtualNetwork:VirtualNetwork",
} as const;

/** The type name of a classic token (`...:KubernetesCluster` → `KubernetesCluster`). */
export function classicTypeName(type: string): string {
    return type.slice(type.lastIndexOf(":") + 1);
}

// The compiler checks every classic field name below against the provider's own types: a key of
// `Fields<T>` is a dotted path into T, up to three levels deep (a Front Door security policy's
// `securityPolicies.firewall.cdnFrontdoorFirewallPolicyId`).
type Key<T> = Extract<keyof NonNullable<T>, string>;
type Sub<T, K extends Key<T>> = NonNullable<NonNullable<T>[K]> extends infer U ? (U extends readonly (infer E)[] ? E : U) : never;
type Depth = [never, 0, 1, 2];
type Fields<T, D extends number = 2> = [D] extends [never] ? never
    : { [K in Key<T>]: K | `${K}.${Fields<Unwrap<Sub<T, K>>, Depth[D]>}` }[Key<T>];
type Unwrap<T> = T extends { __pulumiOutput?: unknown } ? never : T extends PromiseLike<infer U> ? U : T;

/** A mapping whose classic field paths are checked against the classic type `T` (input shapes). */
type ClassicMapping<T> = Omit<Mapping, "from"> & { from: Fields<Plain<T>> | readonly Fields<Plain<T>>[] };
/** Pulumi `Input<T>` unwrapped to T, recursively (as the engine sends the values). */
type Plain<T> = T extends string | number | boolean ? T
    : T extends readonly (infer E)[] ? Plain<E>[]
    : T extends object ? { [K in keyof T]: Plain<Resolved<T[K]>> } : T;
type Resolved<T> = T extends { apply: unknown; get: unknown } ? (T extends { get(): infer U } ? U : never)
    : T extends PromiseLike<infer U> ? U : T;

type Legacy = { enableNodePublicIp?: boolean; enableHostEncryption?: boolean; apiServerAuthorizedIpRanges?: string[]; automaticChannelUpgrade?: string };
type ClusterArgs = Plain<classic.containerservice.KubernetesClusterArgs> & Legacy;
type DefaultPool = Plain<classic.types.input.containerservice.KubernetesClusterDefaultNodePool> & Legacy;
type NodePoolArgs = Plain<classic.containerservice.KubernetesClusterNodePoolArgs> & Legacy;
type RegistryArgs = Plain<classic.containerservice.RegistryArgs>;
type DiagnosticSettingArgs = Plain<classic.monitoring.DiagnosticSettingArgs>;
type ExtensionArgs = Plain<classic.containerservice.KubernetesClusterExtensionArgs>;
type FleetArgs = Plain<classic.containerservice.KubernetesFleetManagerArgs>;
type FleetMemberArgs = Plain<classic.containerservice.FleetMemberArgs>;
type SubscriptionPricingArgs = Plain<classic.securitycenter.SubscriptionPricingArgs>;
type ApiManagementArgs = Plain<classic.apimanagement.ServiceArgs>;
type ArcClusterArgs = Plain<classic.arckubernetes.ClusterArgs>;
type ArcExtensionArgs = Plain<classic.arckubernetes.ClusterExtensionArgs>;
type ApplicationGatewayArgs = Plain<classic.network.ApplicationGatewayArgs>;
type WafPolicyArgs = Plain<classic.waf.PolicyArgs>;
type FrontDoorEndpointArgs = Plain<classic.cdn.FrontdoorEndpointArgs>;
type FrontDoorSecurityPolicyArgs = Plain<classic.cdn.FrontdoorSecurityPolicyArgs>;
type FrontDoorFirewallPolicyArgs = Plain<classic.cdn.FrontdoorFirewallPolicyArgs>;
type SubnetArgs = Plain<classic.network.SubnetArgs>;
type SubnetNsgAssociationArgs = Plain<classic.network.SubnetNetworkSecurityGroupAssociationArgs>;
type VirtualNetworkArgs = Plain<classic.network.VirtualNetworkArgs>;

const mappings = <T>(m: ClassicMapping<T>[]): readonly Mapping[] => m as readonly Mapping[];

/** KubernetesCluster → the view of an azure-native ManagedCluster. */
const CLUSTER = mappings<ClusterArgs>([
    { to: "resourceName", from: "name" },
    { to: "resourceGroupName", from: "resourceGroupName" },
    { to: "kubernetesVersion", from: "kubernetesVersion" },
    { to: "enableRBAC", from: "roleBasedAccessControlEnabled" },
    { to: "disableLocalAccounts", from: "localAccountDisabled" },
    // The block is managed Entra ID integration (azurerm 4.x dropped the unmanaged variant).
    { to: "aadProfile.managed", from: "azureActiveDirectoryRoleBasedAccessControl", as: "present",
        fix: "add azureActiveDirectoryRoleBasedAccessControl: { azureRbacEnabled: true, tenantId }" },
    { to: "aadProfile.enableAzureRBAC", from: "azureActiveDirectoryRoleBasedAccessControl.azureRbacEnabled" },
    { to: "oidcIssuerProfile.enabled", from: "oidcIssuerEnabled" },
    { to: "securityProfile.workloadIdentity.enabled", from: "workloadIdentityEnabled" },
    { to: "securityProfile.imageCleaner.enabled", from: "imageCleanerEnabled" },
    // Declaring microsoftDefender (its logAnalyticsWorkspaceId is required) turns the sensor on.
    { to: "securityProfile.defender.securityMonitoring.enabled", from: "microsoftDefender", as: "present",
        fix: "add microsoftDefender: { logAnalyticsWorkspaceId }" },
    { to: "securityProfile.defender.logAnalyticsWorkspaceResourceId", from: "microsoftDefender.logAnalyticsWorkspaceId" },
    { to: "securityProfile.azureKeyVaultKms.enabled", from: "keyManagementService", as: "present",
        fix: "add keyManagementService: { keyVaultKeyId }" },
    { to: "securityProfile.azureKeyVaultKms.keyId", from: "keyManagementService.keyVaultKeyId" },
    { to: "networkProfile.networkPlugin", from: "networkProfile.networkPlugin" },
    { to: "networkProfile.networkPolicy", from: "networkProfile.networkPolicy" },
    { to: "networkProfile.networkDataplane", from: "networkProfile.networkDataPlane" },
    { to: "networkProfile.outboundType", from: "networkProfile.outboundType" },
    { to: "apiServerAccessProfile.enablePrivateCluster", from: "privateClusterEnabled" },
    { to: "apiServerAccessProfile.authorizedIPRanges", from: ["apiServerAccessProfile.authorizedIpRanges", "apiServerAuthorizedIpRanges"] },
    // runCommandEnabled defaults to true: unset leaves run command on.
    { to: "apiServerAccessProfile.disableRunCommand", from: "runCommandEnabled", as: "not" },
    { to: "addonProfiles.azurepolicy.enabled", from: "azurePolicyEnabled" },
    { to: "serviceMeshProfile.mode", from: "serviceMeshProfile.mode" },
    { to: "autoUpgradeProfile.upgradeChannel", from: ["automaticUpgradeChannel", "automaticChannelUpgrade"] },
    // The classic provider's default node OS channel is NodeImage (azure-native leaves it to AKS).
    { to: "autoUpgradeProfile.nodeOSUpgradeChannel", from: "nodeOsUpgradeChannel", absent: "NodeImage" },
    { to: "identity.type", from: "identity.type" },
    { to: "servicePrincipalProfile.clientId", from: "servicePrincipal.clientId" },
    { to: "linuxProfile.ssh", from: "linuxProfile.sshKey" },
    { to: "id", from: "id" as Fields<ClusterArgs> },
]);

/** What every classic node pool (inline or separate) maps alike. */
const POOL_COMMON = [
    { to: "name", from: "name" },
    { to: "enableNodePublicIP", from: ["nodePublicIpEnabled", "enableNodePublicIp"] },
    { to: "enableEncryptionAtHost", from: ["hostEncryptionEnabled", "enableHostEncryption"] },
    { to: "orchestratorVersion", from: "orchestratorVersion" },
    { to: "vnetSubnetID", from: "vnetSubnetId" },
] as const;

/** A KubernetesCluster's defaultNodePool → an agentPoolProfiles item (always a System pool). */
const DEFAULT_POOL = mappings<DefaultPool>([
    ...POOL_COMMON,
    { to: "mode", from: "name", as: () => "System" },
    // onlyCriticalAddonsEnabled is how the classic provider taints the default pool CriticalAddonsOnly=true:NoSchedule.
    { to: "nodeTaints", from: "onlyCriticalAddonsEnabled", as: v => isTrue(v) ? ["CriticalAddonsOnly=true:NoSchedule"] : isFalse(v) ? [] : v,
        fix: "set it to true so that only system pods run there" },
]);

/** KubernetesClusterNodePool → an azure-native AgentPool (mode unset is User, as for an AgentPool). */
const NODE_POOL = mappings<NodePoolArgs>([
    ...POOL_COMMON,
    { to: "agentPoolName", from: "name" },
    { to: "mode", from: "mode" },
    { to: "nodeTaints", from: "nodeTaints" },
    { to: "kubernetesClusterId", from: "kubernetesClusterId" },
]);

/** Registry → an azure-native containerregistry Registry. */
const REGISTRY = mappings<RegistryArgs>([
    { to: "registryName", from: "name" },
    { to: "resourceGroupName", from: "resourceGroupName" },
    { to: "sku.name", from: "sku" },
    { to: "adminUserEnabled", from: "adminEnabled" },
    { to: "anonymousPullEnabled", from: "anonymousPullEnabled" },
    { to: "publicNetworkAccess", from: "publicNetworkAccessEnabled", as: v => isTrue(v) ? "Enabled" : isFalse(v) ? "Disabled" : v,
        fix: "set it to false" },
    { to: "networkRuleSet.defaultAction", from: "networkRuleSet.defaultAction" },
    { to: "networkRuleSet.ipRules", from: "networkRuleSet.ipRules" },
    // exportPolicyEnabled defaults to true, as an absent azure-native exportPolicy does.
    { to: "policies.exportPolicy.status", from: "exportPolicyEnabled", as: v => isTrue(v) ? "enabled" : isFalse(v) ? "disabled" : v,
        fix: "set it to false" },
]);

const armIdRE = /^\/subscriptions\/[^/]+\/resourceGroups\/([^/]+)\/providers\/([^/]+)\/([^/]+)\/([^/]+)\/?$/i;
/**
 * A part of an ARM resource id: the resource group (1), provider namespace (2), resource type (3)
 * or name (4). Where azure-native names a parent by its name and group, the classic provider takes
 * its id; the parts are what the neutral view compares (an unknown id stays unknown).
 */
const idPart = (part: 1 | 2 | 3 | 4) => (v: unknown): unknown => typeof v === "string" ? armIdRE.exec(v)?.[part] : undefined;

/** DiagnosticSetting → azure-native monitor DiagnosticSetting: each enabledLogs entry is an enabled logs entry. */
const DIAGNOSTIC_SETTING = mappings<DiagnosticSettingArgs>([
    { to: "name", from: "name" },
    { to: "resourceUri", from: "targetResourceId" },
    { to: "workspaceId", from: "logAnalyticsWorkspaceId" },
    { to: "logs", from: "enabledLogs", as: v => Array.isArray(v) ? v.map((_, i) => { const e = get(v, i); return isObj(e) ? { ...e, enabled: true } : e; }) : v },
]);

/**
 * What a classic cluster extension (AKS or Arc) maps alike: azure-native's one Extension names its
 * cluster by clusterRp / clusterResourceName / clusterName (with resourceGroupName), the classic
 * ones by the cluster's id (`.../Microsoft.ContainerService/managedClusters/x`, `.../Microsoft.Kubernetes/connectedClusters/x`).
 */
const EXTENSION_COMMON = [
    { to: "extensionName", from: "name" },
    { to: "extensionType", from: "extensionType" },
    { to: "clusterName", from: "clusterId", as: idPart(4) },
    { to: "resourceGroupName", from: "clusterId", as: idPart(1) },
    { to: "clusterRp", from: "clusterId", as: idPart(2) },
    { to: "clusterResourceName", from: "clusterId", as: idPart(3) },
] as const;

/** KubernetesClusterExtension → azure-native kubernetesconfiguration Extension (its cluster by clusterId). */
const EXTENSION = mappings<ExtensionArgs>([...EXTENSION_COMMON]);

/** arckubernetes ClusterExtension → azure-native kubernetesconfiguration Extension (its connected cluster by clusterId). */
const ARC_EXTENSION = mappings<ArcExtensionArgs>([...EXTENSION_COMMON]);

/** arckubernetes Cluster → azure-native kubernetes ConnectedCluster. */
const ARC_CLUSTER = mappings<ArcClusterArgs>([
    { to: "clusterName", from: "name" },
    { to: "resourceGroupName", from: "resourceGroupName" },
    { to: "identity.type", from: "identity.type" },
    { to: "agentPublicKeyCertificate", from: "agentPublicKeyCertificate" },
    { to: "id", from: "id" as Fields<ArcClusterArgs> },
]);

/**
 * SubscriptionPricing → azure-native security Pricing. The plan is `resourceType`, whose classic
 * default is VirtualMachines (azure-native's pricingName has no default; the policies fall back to
 * the name output). The classic provider enables an extension by declaring it ("If an extension is
 * not defined, it will not be enabled"); azure-native writes isEnabled "True" or "False".
 */
const SUBSCRIPTION_PRICING = mappings<SubscriptionPricingArgs>([
    { to: "pricingName", from: "resourceType", absent: "VirtualMachines" },
    { to: "pricingTier", from: "tier" },
    { to: "subPlan", from: "subplan" },
    { to: "extensions", from: "extensions", as: v => Array.isArray(v) ? v.map((_, i) => { const e = get(v, i); return isObj(e) ? { ...e, isEnabled: "True" } : e; }) : v },
]);

/** The gateway settings of APIM's customProperties (azure-native) that the classic security block writes as booleans. */
const APIM_SECURITY = "Microsoft.WindowsAzure.ApiManagement.Gateway.Security.";
const enabledOrDisabled = (v: unknown): unknown => isTrue(v) ? "Enabled" : isFalse(v) ? "Disabled" : v;

/**
 * apimanagement Service → azure-native ApiManagementService. The classic provider writes APIM's
 * customProperties security keys as booleans of its `security` block (each doc names the key it
 * maps to; azurerm's expandApiManagementCustomProperties sends every key, "false" when unset, as
 * an absent azure-native key is off), the 4.x spellings first, then the deprecated `enable*` ones; `minApiVersion` is apiVersionConstraint.minApiVersion;
 * `publicNetworkAccessEnabled` (default true) is publicNetworkAccess; `skuName` is `<name>_<capacity>`.
 */
const API_MANAGEMENT = mappings<ApiManagementArgs>([
    { to: "serviceName", from: "name" },
    { to: "resourceGroupName", from: "resourceGroupName" },
    { to: "sku.name", from: "skuName", as: v => typeof v === "string" ? v.split("_")[0] : v },
    { to: "virtualNetworkType", from: "virtualNetworkType" },
    { to: "virtualNetworkConfiguration.subnetResourceId", from: "virtualNetworkConfiguration.subnetId" },
    { to: "publicNetworkAccess", from: "publicNetworkAccessEnabled", as: enabledOrDisabled, fix: "set it to false" },
    { to: "apiVersionConstraint.minApiVersion", from: "minApiVersion" },
    ...([
        ["Protocols.Tls10", ["security.frontendTls10Enabled", "security.enableFrontendTls10"]],
        ["Protocols.Tls11", ["security.frontendTls11Enabled", "security.enableFrontendTls11"]],
        ["Protocols.Ssl30", ["security.frontendSsl30Enabled", "security.enableFrontendSsl30"]],
        ["Backend.Protocols.Tls10", ["security.backendTls10Enabled", "security.enableBackendTls10"]],
        ["Backend.Protocols.Tls11", ["security.backendTls11Enabled", "security.enableBackendTls11"]],
        ["Backend.Protocols.Ssl30", ["security.backendSsl30Enabled", "security.enableBackendSsl30"]],
        ["Ciphers.TripleDes168", ["security.tripleDesCiphersEnabled"]],
    ] as const).map(([key, from]) => ({ to: `customProperties["${APIM_SECURITY}${key}"]`, from, fix: "set it to false or remove it" })),
]);

/** KubernetesFleetManager → azure-native containerservice Fleet. */
const FLEET = mappings<FleetArgs>([
    { to: "fleetName", from: "name" },
    { to: "resourceGroupName", from: "resourceGroupName" },
]);

/** FleetMember → azure-native containerservice FleetMember (its fleet by kubernetesFleetId). */
const FLEET_MEMBER = mappings<FleetMemberArgs>([
    { to: "fleetMemberName", from: "name" },
    { to: "clusterResourceId", from: "kubernetesClusterId" },
    { to: "fleetName", from: "kubernetesFleetId", as: idPart(4) },
    { to: "resourceGroupName", from: "kubernetesFleetId", as: idPart(1) },
]);

/** A classic boolean on/off switch as azure-native's state enum (true → Enabled, false → Disabled). */
const enabledState = (v: unknown): unknown => isTrue(v) ? "Enabled" : isFalse(v) ? "Disabled" : v;

/**
 * ApplicationGateway → azure-native network ApplicationGateway. sku { name, tier } is spelled as
 * azure-native spells it; the WAF policy is referenced by its id (firewallPolicyId) instead of
 * firewallPolicy { id }; the inline WAF is the wafConfiguration block, with azure-native's
 * enabled and firewallMode fields (both required by the provider).
 */
const APPLICATION_GATEWAY = mappings<ApplicationGatewayArgs>([
    { to: "applicationGatewayName", from: "name" },
    { to: "resourceGroupName", from: "resourceGroupName" },
    { to: "sku", from: "sku" },
    { to: "firewallPolicy.id", from: "firewallPolicyId" },
    { to: "webApplicationFirewallConfiguration", from: "wafConfiguration" },
]);

/** waf Policy → azure-native network WebApplicationFirewallPolicy. */
const WAF_POLICY = mappings<WafPolicyArgs>([
    { to: "policyName", from: "name" },
    { to: "resourceGroupName", from: "resourceGroupName" },
    // policySettings.enabled (a boolean, default true) is azure-native's state enum (unset is Enabled too).
    { to: "policySettings.state", from: "policySettings.enabled", as: enabledState, fix: "set it to true" },
    // policySettings.mode defaults to Prevention once the block is declared (the provider's schema
    // default); without the block the policy carries no settings, as an azure-native one without policySettings.
    { to: "policySettings.mode", from: "policySettings.mode", absent: "Prevention", absentIn: "policySettings" },
]);

/** FrontdoorEndpoint → azure-native cdn AFDEndpoint (its profile by cdnFrontdoorProfileId). */
const FRONT_DOOR_ENDPOINT = mappings<FrontDoorEndpointArgs>([
    { to: "endpointName", from: "name" },
    { to: "profileName", from: "cdnFrontdoorProfileId", as: idPart(4) },
    { to: "resourceGroupName", from: "cdnFrontdoorProfileId", as: idPart(1) },
    // enabled defaults to true, as an unset azure-native enabledState is Enabled.
    { to: "enabledState", from: "enabled", as: enabledState, fix: "set it to true" },
    { to: "id", from: "id" as Fields<FrontDoorEndpointArgs> },
]);

/** A classic firewall association { domains [{ cdnFrontdoorDomainId }], patternsToMatch } as azure-native's associations list. */
function firewallAssociations(v: unknown): unknown {
    if (!isObj(v)) return v;
    const domains = get(v, "domains");
    return [{
        domains: Array.isArray(domains) ? domains.map((_, i) => { const d = get(domains, i); return isObj(d) ? { id: get(d, "cdnFrontdoorDomainId") } : d; }) : domains,
        patternsToMatch: get(v, "patternsToMatch"),
    }];
}

/**
 * FrontdoorSecurityPolicy → azure-native cdn SecurityPolicy. The classic provider's security
 * policy has one kind, securityPolicies.firewall: a declared firewall block is parameters.type
 * WebApplicationFirewall, its cdnFrontdoorFirewallPolicyId the wafPolicy id, and its one
 * association block (domains[].cdnFrontdoorDomainId: endpoint or custom domain ids) the associations.
 */
const FRONT_DOOR_SECURITY_POLICY = mappings<FrontDoorSecurityPolicyArgs>([
    { to: "securityPolicyName", from: "name" },
    { to: "profileName", from: "cdnFrontdoorProfileId", as: idPart(4) },
    { to: "resourceGroupName", from: "cdnFrontdoorProfileId", as: idPart(1) },
    { to: "parameters.type", from: "securityPolicies.firewall", as: v => isObj(v) ? "WebApplicationFirewall" : v },
    { to: "parameters.wafPolicy.id", from: "securityPolicies.firewall.cdnFrontdoorFirewallPolicyId" },
    { to: "parameters.associations", from: "securityPolicies.firewall.association", as: firewallAssociations },
]);

/** FrontdoorFirewallPolicy → azure-native frontdoor Policy (the Front Door WAF policy). */
const FRONT_DOOR_FIREWALL_POLICY = mappings<FrontDoorFirewallPolicyArgs>([
    { to: "policyName", from: "name" },
    { to: "resourceGroupName", from: "resourceGroupName" },
    { to: "sku.name", from: "skuName" },
    // enabled (a boolean, default true) is azure-native's enabledState enum (unset is Enabled too).
    { to: "policySettings.enabledState", from: "enabled", as: enabledState, fix: "set it to true" },
    // mode is required by the provider (Detection or Prevention).
    { to: "policySettings.mode", from: "mode" },
]);

/**
 * Subnet → azure-native network Subnet. The classic Subnet has no network security group field:
 * an NSG is attached by a separate SubnetNetworkSecurityGroupAssociation (see below), so the view
 * never carries networkSecurityGroup.
 */
const SUBNET = mappings<SubnetArgs>([
    { to: "subnetName", from: "name" },
    { to: "virtualNetworkName", from: "virtualNetworkName" },
    { to: "resourceGroupName", from: "resourceGroupName" },
    { to: "id", from: "id" as Fields<SubnetArgs> },
]);

/** SubnetNetworkSecurityGroupAssociation (no azure-native twin: there the NSG is a field of the subnet). */
const SUBNET_NSG_ASSOCIATION = mappings<SubnetNsgAssociationArgs>([
    { to: "subnetId", from: "subnetId" },
    { to: "networkSecurityGroupId", from: "networkSecurityGroupId" },
]);

/** An inline subnet block { name, id, securityGroup: nsg id } as azure-native's subnets[] entry. */
function inlineSubnet(s: unknown): unknown {
    if (!isObj(s)) return s;
    const nsg = get(s, "securityGroup");
    return { name: get(s, "name"), id: get(s, "id"), ...(nsg === undefined ? {} : { networkSecurityGroup: nsg === null ? null : { id: nsg } }) };
}

/** VirtualNetwork → azure-native network VirtualNetwork, with its inline subnets blocks. */
const VIRTUAL_NETWORK = mappings<VirtualNetworkArgs>([
    { to: "virtualNetworkName", from: "name" },
    { to: "resourceGroupName", from: "resourceGroupName" },
    { to: "id", from: "id" as Fields<VirtualNetworkArgs> },
    // Each block's securityGroup (the NSG id) is azure-native's networkSecurityGroup.id.
    { to: "subnets", from: "subnets", as: v => Array.isArray(v) ? v.map((_, i) => inlineSubnet(get(v, i))) : v },
]);

export const classicSubnetNsgAssociation = (props: Obj): Adapted => adapt(props, SUBNET_NSG_ASSOCIATION);

export const classicCluster = (props: Obj): Adapted => adapt(props, CLUSTER);
/** The defaultNodePool block of a classic cluster. */
export const classicDefaultPool = (pool: Obj): Adapted => adapt(pool, DEFAULT_POOL, "defaultNodePool.");
export const classicNodePool = (props: Obj): Adapted => adapt(props, NODE_POOL);
export const classicRegistry = (props: Obj): Adapted => adapt(props, REGISTRY);

/** A classic type and its adapter into the view of an azure-native type. */
export interface ClassicTwin {
    token: string;
    adapt: (props: Obj) => Adapted;
}

/**
 * The classic twins of azure-native types that single-resource views know (`module:Type` of
 * azure-native → the classic tokens and their adapters). One azure-native type may have several:
 * its Extension is classic's KubernetesClusterExtension on AKS and arckubernetes ClusterExtension on Arc.
 */
export const CLASSIC_TWINS: Readonly<Record<string, readonly ClassicTwin[]>> = {
    "containerregistry:Registry": [{ token: CLASSIC.registry, adapt: classicRegistry }],
    "monitor:DiagnosticSetting": [{ token: CLASSIC.diagnosticSetting, adapt: props => adapt(props, DIAGNOSTIC_SETTING) }],
    "kubernetesconfiguration:Extension": [
        { token: CLASSIC.extension, adapt: props => adapt(props, EXTENSION) },
        { token: CLASSIC.arcExtension, adapt: props => adapt(props, ARC_EXTENSION) },
    ],
    "containerservice:Fleet": [{ token: CLASSIC.fleet, adapt: props => adapt(props, FLEET) }],
    "containerservice:FleetMember": [{ token: CLASSIC.fleetMember, adapt: props => adapt(props, FLEET_MEMBER) }],
    "security:Pricing": [{ token: CLASSIC.subscriptionPricing, adapt: props => adapt(props, SUBSCRIPTION_PRICING) }],
    "apimanagement:ApiManagementService": [{ token: CLASSIC.apiManagement, adapt: props => adapt(props, API_MANAGEMENT) }],
    "kubernetes:ConnectedCluster": [{ token: CLASSIC.arcCluster, adapt: props => adapt(props, ARC_CLUSTER) }],
    "network:ApplicationGateway": [{ token: CLASSIC.applicationGateway, adapt: props => adapt(props, APPLICATION_GATEWAY) }],
    "network:WebApplicationFirewallPolicy": [{ token: CLASSIC.wafPolicy, adapt: props => adapt(props, WAF_POLICY) }],
    "cdn:AFDEndpoint": [{ token: CLASSIC.frontDoorEndpoint, adapt: props => adapt(props, FRONT_DOOR_ENDPOINT) }],
    "cdn:SecurityPolicy": [{ token: CLASSIC.frontDoorSecurityPolicy, adapt: props => adapt(props, FRONT_DOOR_SECURITY_POLICY) }],
    "frontdoor:Policy": [{ token: CLASSIC.frontDoorFirewallPolicy, adapt: props => adapt(props, FRONT_DOOR_FIREWALL_POLICY) }],
    "network:Subnet": [{ token: CLASSIC.subnet, adapt: props => adapt(props, SUBNET) }],
    "network:VirtualNetwork": [{ token: CLASSIC.virtualNetwork, adapt: props => adapt(props, VIRTUAL_NETWORK) }],
};

/** The classic twin of an azure-native `module:Type` whose token is `type`, if any. */
export function classicTwinOf(module: string, kind: string, type: string): ClassicTwin | undefined {
    return CLASSIC_TWINS[`${module}:${kind}`]?.find(t => t.token === type);
}

/** The classic tokens that are twins of an azure-native `module:Type`. */
export function classicTwinTokens(module: string, kind: string): string[] {
    return (CLASSIC_TWINS[`${module}:${kind}`] ?? []).map(t => t.token);
}
