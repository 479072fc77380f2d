// k8s-no-host-namespaces
// A pod does not share the node's namespaces: hostNetwork, hostPID and hostIPC are not true, and
// no container (init and ephemeral containers included) binds a hostPort. `hostPort: 0` means
// no host port. Only `true` counts for the namespace flags (false and unset are the safe value);
// a hostPort that is set to anything other than 0 (a number or a wrong type) is reported.
import { workloadPolicy } from "../lib/policy";
import { arr, get, obj, show, UNKNOWN } from "../lib/values";
import { containersOf } from "../lib/workload";

const HOST_NAMESPACES = ["hostNetwork", "hostPID", "hostIPC"] as const;

export const noHostNamespaces = workloadPolicy({
    name: "k8s-no-host-namespaces",
    practice: "4",
    description: "Pods must not share the node's network, PID or IPC namespace, and containers must not bind host ports.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: "Remove hostNetwork, hostPID and hostIPC from the pod spec (or set them to false) and remove hostPort from every container port; expose the pod through a Service instead.",
}, (pod, _cfg, report) => {
    for (const field of HOST_NAMESPACES) {
        if (get(pod.spec, field) === true) report(`${pod.specPath}.${field} is true; remove it or set it to false.`);
    }
    for (const cv of containersOf(pod)) {
        arr(cv.c, "ports").forEach((_item, i, ports) => {
            const port = obj(ports, i);
            if (!port) return;
            const v = get(port, "hostPort");
            if (v === undefined || v === null || v === 0 || v === UNKNOWN) return;
            report(`${cv.label} sets ${cv.path}.ports[${i}].hostPort to ${show(v)}; remove it and expose the port through a Service.`);
        });
    }
});
