// k8s-cpu-requests-limits
// Every container and init container sets a CPU request; a CPU limit is required only with
// requireLimits (CPU limits throttle, so many teams leave them off on purpose). When both are
// set, the request is not above the limit. Ephemeral containers are not judged (the API forbids
// resources on them). Quantities compare exactly (`500m` = `0.5`); a value that is not a
// Kubernetes quantity is reported as malformed.
import { workloadPolicy } from "../lib/policy";
import { compareQuantities } from "../lib/quantity";
import { amountOf } from "../lib/container-resources";
import { containersOf } from "../lib/workload";

export const cpuRequestsLimits = workloadPolicy({
    name: "k8s-cpu-requests-limits",
    practice: "5",
    description: "Containers must set a CPU request (and a CPU limit with requireLimits), with the request not above the limit.",
    enforcementLevel: "advisory",
    severity: "low",
    remediationSteps: "Set resources.requests.cpu on every container and init container (for example 100m); with requireLimits also set resources.limits.cpu at or above the request.",
    config: {
        requireLimits: { type: "boolean", default: false, description: "Also require a CPU limit on every container." },
    },
}, (pod, cfg, report) => {
    for (const cv of containersOf(pod, ["containers", "initContainers"])) {
        const request = amountOf(cv, "requests", "cpu");
        const limit = amountOf(cv, "limits", "cpu");
        if (request.state === "unset" && !pod.partial) report(`${cv.label} sets no CPU request (${request.path}); set one.`);
        if (limit.state === "unset" && !pod.partial && cfg.requireLimits === true) report(`${cv.label} sets no CPU limit (${limit.path}); set one.`);
        for (const [a, what] of [[request, "request"], [limit, "limit"]] as const) {
            if (a.state === "malformed") report(`${cv.label} has a CPU ${what} that is not a valid Kubernetes quantity (${a.path}); use a value such as 250m.`);
        }
        if (request.quantity && limit.quantity && compareQuantities(request.quantity, limit.quantity) > 0) {
            report(`${cv.label} requests more CPU than its limit (${request.path} is above ${limit.path}); lower the request or raise the limit.`);
        }
    }
});
