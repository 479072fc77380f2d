// The catalog: every policy of the pack, in the order of the practices. Adding a policy is one
// file under policies/, one spec under test/, and one line here.
import { AksGuardPolicy } from "./lib/policy";

// Practices 1-5: Kubernetes workloads
import { runAsNonRoot } from "./k8s/run-as-non-root";
import { noPrivilegedContainers } from "./k8s/no-privileged-containers";

export const policies: AksGuardPolicy[] = [
    // Practices 1-5: Kubernetes workloads
    runAsNonRoot,
    noPrivilegedContainers,
];
