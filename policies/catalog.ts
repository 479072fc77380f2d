// The catalog: every policy of the pack, in the order of the practices. Adding a policy is one
// file under policies/, one spec under test/, and one line here.
import { AksGuardPolicy } from "./lib/policy";

// Practices 1-5: Kubernetes workloads (group A)
import { runAsNonRoot } from "./k8s/run-as-non-root";

// Practices 1-5: Kubernetes workloads (group B)
import { noPrivilegedContainers } from "./k8s/no-privileged-containers";

// AKS and Azure: clusters and node pools

// AKS and Azure: registries, Defender plan, gateway and stack policies

// Kubernetes RBAC and service accounts
import { noClusterAdminBinding } from "./k8s/no-cluster-admin-binding";
import { preferNamespacedRbac } from "./k8s/prefer-namespaced-rbac";
import { rbacNoWildcards } from "./k8s/rbac-no-wildcards";
import { rbacNoEscalationVerbs } from "./k8s/rbac-no-escalation-verbs";
import { rbacBindGroups } from "./k8s/rbac-bind-groups";
import { dedicatedServiceAccount } from "./k8s/dedicated-service-account";
import { helmReleaseOpaque } from "./k8s/helm-release-opaque";

// Kubernetes namespaces, mesh and boundaries

export const policies: AksGuardPolicy[] = [
    // Practices 1-5: Kubernetes workloads (group A)
    runAsNonRoot,

    // Practices 1-5: Kubernetes workloads (group B)
    noPrivilegedContainers,

    // AKS and Azure: clusters and node pools

    // AKS and Azure: registries, Defender plan, gateway and stack policies

    // Kubernetes RBAC and service accounts
    noClusterAdminBinding,
    preferNamespacedRbac,
    rbacNoWildcards,
    rbacNoEscalationVerbs,
    rbacBindGroups,
    dedicatedServiceAccount,
    helmReleaseOpaque,

    // Kubernetes namespaces, mesh and boundaries
];
