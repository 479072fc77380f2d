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

// Kubernetes namespaces, mesh and boundaries
import { ingressTls } from "./k8s/ingress-tls";
import { internalLoadBalancer } from "./k8s/internal-load-balancer";
import { meshMtlsStrict } from "./k8s/mesh-mtls-strict";
import { namespaceDefaultDeny } from "./k8s/namespace-default-deny";
import { namespaceMeshInjection } from "./k8s/namespace-mesh-injection";
import { namespaceResourceQuota } from "./k8s/namespace-resource-quota";
import { noDefaultNamespace } from "./k8s/no-default-namespace";
import { noExternalIps } from "./k8s/no-external-ips";
import { noNodePortServices } from "./k8s/no-node-port-services";

export const policies: AksGuardPolicy[] = [
    // Practices 1-5: Kubernetes workloads (group A)
    runAsNonRoot,

    // Practices 1-5: Kubernetes workloads (group B)
    noPrivilegedContainers,

    // AKS and Azure: clusters and node pools

    // AKS and Azure: registries, Defender plan, gateway and stack policies

    // Kubernetes RBAC and service accounts

    // Kubernetes namespaces, mesh and boundaries
    namespaceResourceQuota,
    namespaceDefaultDeny,
    noDefaultNamespace,
    meshMtlsStrict,
    namespaceMeshInjection,
    internalLoadBalancer,
    noExternalIps,
    noNodePortServices,
    ingressTls,
];
