// k8s-no-privileged-ports
// No container (including init and ephemeral containers) declares a containerPort or hostPort
// below 1024 unless allowedPorts lists it: binding a privileged port needs root or
// NET_BIND_SERVICE. A hostPort of 0 means no host port, and a containerPort of 0 or none is no port.
import { workloadPolicy } from "../lib/policy";
import { arr, get } from "../lib/values";
import { containersOf } from "../lib/workload";

const FIRST_UNPRIVILEGED_PORT = 1024;

export const noPrivilegedPorts = workloadPolicy({
    name: "k8s-no-privileged-ports",
    practice: "2",
    description: "Containers must not use privileged ports (containerPort or hostPort below 1024).",
    enforcementLevel: "mandatory",
    severity: "medium",
    remediationSteps: "Listen on a port of 1024 or above in the container (e.g. 8080) and map the well-known port in the Service (port: 80, targetPort: 8080); list unavoidable ports in allowedPorts.",
    config: {
        allowedPorts: {
            type: "array", items: { type: "integer" }, default: [],
            description: "Ports below 1024 that containers may still use (as containerPort or hostPort).",
        },
    },
}, (pod, cfg, report) => {
    const allowed = new Set(Array.isArray(cfg.allowedPorts) ? cfg.allowedPorts : []);
    for (const cv of containersOf(pod)) {
        arr(cv.c, "ports").forEach((_, i) => {
            for (const field of ["containerPort", "hostPort"] as const) {
                const port = get(cv.c, "ports", i, field);
                // Unknown, missing, 0 ("none") and non-numbers (not a port the runtime binds) are not judged.
                if (typeof port !== "number" || !Number.isInteger(port) || port <= 0 || port >= FIRST_UNPRIVILEGED_PORT) continue;
                if (allowed.has(port)) continue;
                report(`${cv.label} uses privileged port ${port} (${cv.path}.ports[${i}].${field}); use a port of ${FIRST_UNPRIVILEGED_PORT} or above, or list it in allowedPorts.`);
            }
        });
    }
});
