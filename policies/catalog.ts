// The catalog: every policy of the pack, in the order of the practices. Adding a policy is one
// file under policies/, one spec under test/, and one line here.
import { AksGuardPolicy } from "./lib/policy";

// Practices 1-5: Kubernetes workloads (group A)
import { runAsNonRoot } from "./k8s/run-as-non-root";

// Practices 1-5: Kubernetes workloads (group B)
import { noPrivilegedContainers } from "./k8s/no-privileged-containers";

// AKS and Azure: clusters and node pools
import { imageCleanerEnabled } from "./azure/image-cleaner-enabled";

// AKS and Azure: registries, Defender plan, gateway and stack policies
import { acrAdminUserDisabled } from "./azure/acr-admin-user-disabled";
import { acrAnonymousPullDisabled } from "./azure/acr-anonymous-pull-disabled";
import { defenderContainersPlan } from "./azure/azure-defender-containers-plan";
import { appGatewayWaf } from "./azure/azure-app-gateway-waf";
import { serviceMeshEnabled } from "./azure/service-mesh-enabled";
import { auditLogsEnabled } from "./azure/audit-logs-enabled";
import { clusterConsistency } from "./azure/cluster-consistency";

// Kubernetes RBAC and service accounts

// Kubernetes namespaces, mesh and boundaries

export const policies: AksGuardPolicy[] = [
    // Practices 1-5: Kubernetes workloads (group A)
    runAsNonRoot,

    // Practices 1-5: Kubernetes workloads (group B)
    noPrivilegedContainers,

    // AKS and Azure: clusters and node pools
    imageCleanerEnabled,

    // AKS and Azure: registries, Defender plan, gateway and stack policies
    acrAdminUserDisabled,
    acrAnonymousPullDisabled,
    defenderContainersPlan,
    appGatewayWaf,
    serviceMeshEnabled,
    auditLogsEnabled,
    clusterConsistency,

    // Kubernetes RBAC and service accounts

    // Kubernetes namespaces, mesh and boundaries
];
