// The catalog: every policy of the pack, grouped by the practice it serves, in the order of the
// practices. Adding a policy is one file under policies/, one spec under test/, and one line here.
import { AksGuardPolicy } from "./lib/policy";

// Practice 1: Harden the application
import { noPlaintextSecretsInEnv } from "./k8s/no-plaintext-secrets-in-env";

// Practice 2: Harden container images
import { noPrivilegedPorts } from "./k8s/no-privileged-ports";
import { runAsNonRoot } from "./k8s/run-as-non-root";
import { runAsNonRootGroup } from "./k8s/run-as-non-root-group";

// Practice 3: Scan images; use trusted and fresh images
import { allowedRegistries } from "./k8s/allowed-registries";
import { imageTagPinned } from "./k8s/image-tag-pinned";
import { imageCleanerEnabled } from "./azure/image-cleaner-enabled";
import { acrAdminUserDisabled } from "./azure/acr-admin-user-disabled";
import { acrAnonymousPullDisabled } from "./azure/acr-anonymous-pull-disabled";
import { acrNetworkRestricted } from "./azure/acr-network-restricted";

// Practice 4: Harden Kubernetes deployments
import { dropAllCapabilities } from "./k8s/drop-all-capabilities";
import { noPrivilegeEscalation } from "./k8s/no-privilege-escalation";
import { readOnlyRootFilesystem } from "./k8s/read-only-root-filesystem";
import { noPrivilegedContainers } from "./k8s/no-privileged-containers";
import { noHostNamespaces } from "./k8s/no-host-namespaces";
import { noHostPathVolumes } from "./k8s/no-host-path-volumes";
import { restrictedVolumeTypes } from "./k8s/restricted-volume-types";
import { seccompProfile } from "./k8s/seccomp-profile";
import { safeKernelSettings } from "./k8s/safe-kernel-settings";

// Practice 5: Set memory requests and limits
import { memoryRequestsLimits } from "./k8s/memory-requests-limits";
import { cpuRequestsLimits } from "./k8s/cpu-requests-limits";
import { namespaceResourceQuota } from "./k8s/namespace-resource-quota";

// Practice 6: Namespace isolation: node pools in subnets guarded by NSGs
import { nodeSubnetNsg } from "./azure/aks-node-subnet-nsg";

// Practice 6.1: Namespace isolation: RBAC
import { rbacEnabled } from "./azure/rbac-enabled";
import { entraIdIntegration } from "./azure/entra-id-integration";
import { localAccountsDisabled } from "./azure/local-accounts-disabled";
import { workloadIdentity } from "./azure/workload-identity";
import { managedIdentity } from "./azure/managed-identity";
import { noClusterAdminBinding } from "./k8s/no-cluster-admin-binding";
import { preferNamespacedRbac } from "./k8s/prefer-namespaced-rbac";
import { rbacNoWildcards } from "./k8s/rbac-no-wildcards";
import { rbacNoEscalationVerbs } from "./k8s/rbac-no-escalation-verbs";
import { rbacBindGroups } from "./k8s/rbac-bind-groups";
import { dedicatedServiceAccount } from "./k8s/dedicated-service-account";
import { noAnonymousBindings } from "./k8s/no-anonymous-bindings";
import { rbacNoPrivilegePaths } from "./k8s/rbac-no-privilege-paths";
import { noDefaultServiceAccountBinding } from "./k8s/no-default-service-account-binding";
import { noLegacyServiceAccountTokens } from "./k8s/no-legacy-service-account-tokens";

// Practice 6.2: Namespace isolation: network policies and node-pool segregation
import { networkPolicyEnabled } from "./azure/network-policy-enabled";
import { systemNodePoolIsolated } from "./azure/system-node-pool-isolated";
import { namespaceDefaultDeny } from "./k8s/namespace-default-deny";
import { noDefaultNamespace } from "./k8s/no-default-namespace";

// Practice 7: Layer-7 protection: service mesh or Dapr with mTLS
import { serviceMeshEnabled } from "./azure/service-mesh-enabled";
import { meshMtlsStrict } from "./k8s/mesh-mtls-strict";
import { namespaceMeshInjection } from "./k8s/namespace-mesh-injection";
import { meshAuthorization } from "./k8s/mesh-authorization";
import { meshNoInjectionOptOut } from "./k8s/mesh-no-injection-opt-out";

// Practice 8: Azure Policy (Gatekeeper, audit then deny, allowed registries)
import { azurePolicyAddon } from "./azure/azure-policy-addon";

// Practice 9: Microsoft Defender for Containers
import { defenderEnabled } from "./azure/defender-enabled";
import { defenderContainersPlan } from "./azure/azure-defender-containers-plan";
import { auditLogsEnabled } from "./azure/audit-logs-enabled";

// Practice 10: Private API server
import { privateApiServer } from "./azure/private-api-server";
import { runCommandDisabled } from "./azure/run-command-disabled";
import { nodeSshDisabled } from "./azure/node-ssh-disabled";

// Practice 11.1: Cluster boundaries: ingress
import { noNodePublicIp } from "./azure/no-node-public-ip";
import { appGatewayWaf } from "./azure/azure-app-gateway-waf";
import { internalLoadBalancer } from "./k8s/internal-load-balancer";
import { noExternalIps } from "./k8s/no-external-ips";
import { noNodePortServices } from "./k8s/no-node-port-services";
import { ingressTls } from "./k8s/ingress-tls";
import { ingressNginxNoSnippets } from "./k8s/ingress-nginx-no-snippets";
import { ingressNginxPatched } from "./k8s/ingress-nginx-patched";
import { frontDoorWaf } from "./azure/azure-front-door-waf";
import { apimHardened } from "./azure/azure-apim-hardened";

// Practice 11.2: Cluster boundaries: egress
import { egressThroughFirewall } from "./azure/egress-through-firewall";

// Practice 12: Consistency across clusters
import { autoUpgradeEnabled } from "./azure/auto-upgrade-enabled";
import { supportedKubernetesVersion } from "./azure/supported-kubernetes-version";
import { clusterConsistency } from "./azure/cluster-consistency";
import { fleetMembership } from "./azure/aks-fleet-membership";
import { arcClusterGoverned } from "./azure/azure-arc-cluster-governed";

// Additional AKS hardening
import { kmsEtcdEncryption } from "./azure/kms-etcd-encryption";
import { encryptionAtHost } from "./azure/encryption-at-host";
import { helmReleaseOpaque } from "./k8s/helm-release-opaque";

export const policies: AksGuardPolicy[] = [
    // Practice 1: Harden the application
    noPlaintextSecretsInEnv,

    // Practice 2: Harden container images
    noPrivilegedPorts,
    runAsNonRoot,
    runAsNonRootGroup,

    // Practice 3: Scan images; use trusted and fresh images
    allowedRegistries,
    imageTagPinned,
    imageCleanerEnabled,
    acrAdminUserDisabled,
    acrAnonymousPullDisabled,
    acrNetworkRestricted,

    // Practice 4: Harden Kubernetes deployments
    dropAllCapabilities,
    noPrivilegeEscalation,
    readOnlyRootFilesystem,
    noPrivilegedContainers,
    noHostNamespaces,
    noHostPathVolumes,
    restrictedVolumeTypes,
    seccompProfile,
    safeKernelSettings,

    // Practice 5: Set memory requests and limits
    memoryRequestsLimits,
    cpuRequestsLimits,
    namespaceResourceQuota,

    // Practice 6: Namespace isolation: node pools in subnets guarded by NSGs
    nodeSubnetNsg,

    // Practice 6.1: Namespace isolation: RBAC
    rbacEnabled,
    entraIdIntegration,
    localAccountsDisabled,
    workloadIdentity,
    managedIdentity,
    noClusterAdminBinding,
    preferNamespacedRbac,
    rbacNoWildcards,
    rbacNoEscalationVerbs,
    rbacBindGroups,
    dedicatedServiceAccount,
    noAnonymousBindings,
    rbacNoPrivilegePaths,
    noDefaultServiceAccountBinding,
    noLegacyServiceAccountTokens,

    // Practice 6.2: Namespace isolation: network policies and node-pool segregation
    networkPolicyEnabled,
    systemNodePoolIsolated,
    namespaceDefaultDeny,
    noDefaultNamespace,

    // Practice 7: Layer-7 protection: service mesh or Dapr with mTLS
    serviceMeshEnabled,
    meshMtlsStrict,
    namespaceMeshInjection,
    meshAuthorization,
    meshNoInjectionOptOut,

    // Practice 8: Azure Policy (Gatekeeper, audit then deny, allowed registries)
    azurePolicyAddon,

    // Practice 9: Microsoft Defender for Containers
    defenderEnabled,
    defenderContainersPlan,
    auditLogsEnabled,

    // Practice 10: Private API server
    privateApiServer,
    runCommandDisabled,
    nodeSshDisabled,

    // Practice 11.1: Cluster boundaries: ingress
    noNodePublicIp,
    appGatewayWaf,
    internalLoadBalancer,
    noExternalIps,
    noNodePortServices,
    ingressTls,
    ingressNginxNoSnippets,
    ingressNginxPatched,
    frontDoorWaf,
    apimHardened,

    // Practice 11.2: Cluster boundaries: egress
    egressThroughFirewall,

    // Practice 12: Consistency across clusters
    autoUpgradeEnabled,
    supportedKubernetesVersion,
    clusterConsistency,
    fleetMembership,
    arcClusterGoverned,

    // Additional AKS hardening
    kmsEtcdEncryption,
    encryptionAtHost,
    helmReleaseOpaque,
];
