// The catalog: every policy of the pack, in the order of the practices. Adding a policy is one
// file under policies/, one spec under test/, and one line here.
import { AksGuardPolicy } from "./lib/policy";

// Practices 1-5: Kubernetes workloads (group A)
import { noPlaintextSecretsInEnv } from "./k8s/no-plaintext-secrets-in-env";
import { noPrivilegedPorts } from "./k8s/no-privileged-ports";
import { runAsNonRoot } from "./k8s/run-as-non-root";
import { runAsNonRootGroup } from "./k8s/run-as-non-root-group";
import { allowedRegistries } from "./k8s/allowed-registries";
import { imageTagPinned } from "./k8s/image-tag-pinned";
import { dropAllCapabilities } from "./k8s/drop-all-capabilities";
import { noPrivilegeEscalation } from "./k8s/no-privilege-escalation";
import { readOnlyRootFilesystem } from "./k8s/read-only-root-filesystem";

// Practices 1-5: Kubernetes workloads (group B)
import { noPrivilegedContainers } from "./k8s/no-privileged-containers";
import { noHostNamespaces } from "./k8s/no-host-namespaces";
import { noHostPathVolumes } from "./k8s/no-host-path-volumes";
import { seccompProfile } from "./k8s/seccomp-profile";
import { safeKernelSettings } from "./k8s/safe-kernel-settings";
import { memoryRequestsLimits } from "./k8s/memory-requests-limits";
import { cpuRequestsLimits } from "./k8s/cpu-requests-limits";

// AKS and Azure: clusters and node pools
import { imageCleanerEnabled } from "./azure/image-cleaner-enabled";
import { rbacEnabled } from "./azure/rbac-enabled";
import { entraIdIntegration } from "./azure/entra-id-integration";
import { localAccountsDisabled } from "./azure/local-accounts-disabled";
import { workloadIdentity } from "./azure/workload-identity";
import { networkPolicyEnabled } from "./azure/network-policy-enabled";
import { systemNodePoolIsolated } from "./azure/system-node-pool-isolated";
import { azurePolicyAddon } from "./azure/azure-policy-addon";
import { defenderEnabled } from "./azure/defender-enabled";
import { privateApiServer } from "./azure/private-api-server";
import { runCommandDisabled } from "./azure/run-command-disabled";
import { noNodePublicIp } from "./azure/no-node-public-ip";
import { egressThroughFirewall } from "./azure/egress-through-firewall";
import { autoUpgradeEnabled } from "./azure/auto-upgrade-enabled";
import { supportedKubernetesVersion } from "./azure/supported-kubernetes-version";
import { kmsEtcdEncryption } from "./azure/kms-etcd-encryption";
import { encryptionAtHost } from "./azure/encryption-at-host";

// AKS and Azure: registries, Defender plan, gateway and stack policies
import { acrAdminUserDisabled } from "./azure/acr-admin-user-disabled";
import { acrAnonymousPullDisabled } from "./azure/acr-anonymous-pull-disabled";
import { defenderContainersPlan } from "./azure/azure-defender-containers-plan";
import { appGatewayWaf } from "./azure/azure-app-gateway-waf";
import { serviceMeshEnabled } from "./azure/service-mesh-enabled";
import { auditLogsEnabled } from "./azure/audit-logs-enabled";
import { clusterConsistency } from "./azure/cluster-consistency";

// AKS and Azure: node subnets, Front Door, API Management, Fleet and Arc
import { nodeSubnetNsg } from "./azure/aks-node-subnet-nsg";
import { frontDoorWaf } from "./azure/azure-front-door-waf";
import { apimHardened } from "./azure/azure-apim-hardened";
import { fleetMembership } from "./azure/aks-fleet-membership";
import { arcClusterGoverned } from "./azure/azure-arc-cluster-governed";

// Kubernetes RBAC and service accounts
import { noClusterAdminBinding } from "./k8s/no-cluster-admin-binding";
import { preferNamespacedRbac } from "./k8s/prefer-namespaced-rbac";
import { rbacNoWildcards } from "./k8s/rbac-no-wildcards";
import { rbacNoEscalationVerbs } from "./k8s/rbac-no-escalation-verbs";
import { rbacBindGroups } from "./k8s/rbac-bind-groups";
import { dedicatedServiceAccount } from "./k8s/dedicated-service-account";
import { helmReleaseOpaque } from "./k8s/helm-release-opaque";

// Kubernetes namespaces, mesh and boundaries
import { ingressTls } from "./k8s/ingress-tls";
import { internalLoadBalancer } from "./k8s/internal-load-balancer";
import { meshMtlsStrict } from "./k8s/mesh-mtls-strict";
import { meshAuthorization } from "./k8s/mesh-authorization";
import { namespaceDefaultDeny } from "./k8s/namespace-default-deny";
import { namespaceMeshInjection } from "./k8s/namespace-mesh-injection";
import { namespaceResourceQuota } from "./k8s/namespace-resource-quota";
import { noDefaultNamespace } from "./k8s/no-default-namespace";
import { noExternalIps } from "./k8s/no-external-ips";
import { noNodePortServices } from "./k8s/no-node-port-services";

export const policies: AksGuardPolicy[] = [
    // Practices 1-5: Kubernetes workloads (group A)
    noPlaintextSecretsInEnv,
    noPrivilegedPorts,
    runAsNonRoot,
    runAsNonRootGroup,
    allowedRegistries,
    imageTagPinned,
    dropAllCapabilities,
    noPrivilegeEscalation,
    readOnlyRootFilesystem,

    // Practices 1-5: Kubernetes workloads (group B)
    noPrivilegedContainers,
    noHostNamespaces,
    noHostPathVolumes,
    seccompProfile,
    safeKernelSettings,
    memoryRequestsLimits,
    cpuRequestsLimits,

    // AKS and Azure: clusters and node pools
    imageCleanerEnabled,
    rbacEnabled,
    entraIdIntegration,
    localAccountsDisabled,
    workloadIdentity,
    networkPolicyEnabled,
    systemNodePoolIsolated,
    azurePolicyAddon,
    defenderEnabled,
    privateApiServer,
    runCommandDisabled,
    noNodePublicIp,
    egressThroughFirewall,
    autoUpgradeEnabled,
    supportedKubernetesVersion,
    kmsEtcdEncryption,
    encryptionAtHost,

    // AKS and Azure: registries, Defender plan, gateway and stack policies
    acrAdminUserDisabled,
    acrAnonymousPullDisabled,
    defenderContainersPlan,
    appGatewayWaf,
    serviceMeshEnabled,
    auditLogsEnabled,
    clusterConsistency,

    // AKS and Azure: node subnets, Front Door, API Management, Fleet and Arc
    nodeSubnetNsg,
    frontDoorWaf,
    apimHardened,
    fleetMembership,
    arcClusterGoverned,

    // Kubernetes RBAC and service accounts
    noClusterAdminBinding,
    preferNamespacedRbac,
    rbacNoWildcards,
    rbacNoEscalationVerbs,
    rbacBindGroups,
    dedicatedServiceAccount,
    helmReleaseOpaque,

    // Kubernetes namespaces, mesh and boundaries
    namespaceResourceQuota,
    namespaceDefaultDeny,
    noDefaultNamespace,
    meshMtlsStrict,
    meshAuthorization,
    namespaceMeshInjection,
    internalLoadBalancer,
    noExternalIps,
    noNodePortServices,
    ingressTls,
];
