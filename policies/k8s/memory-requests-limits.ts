// k8s-memory-requests-limits
// Every container and init container sets a memory request and a memory limit, the request is
// not above the limit, and the limit is not above maxMemoryLimit when that is configured.
// Ephemeral containers are not judged (the API forbids resources on them). A request left to
// default to the limit is still reported: the request is what the scheduler reserves, so it
// should be stated. Quantities compare exactly (`1Gi` = `1024Mi` > `1G`); a value that is not a
// Kubernetes quantity is reported as malformed.
import { workloadPolicy } from "../lib/policy";
import { compareQuantities, parseQuantity, QUANTITY_PATTERN } from "../lib/quantity";
import { amountOf } from "../lib/container-resources";
import { containersOf } from "../lib/workload";

export const memoryRequestsLimits = workloadPolicy({
    name: "k8s-memory-requests-limits",
    practice: "5",
    description: "Containers must set a memory request and a memory limit, with the request not above the limit.",
    enforcementLevel: "mandatory",
    severity: "medium",
    remediationSteps: "Set resources.requests.memory and resources.limits.memory on every container and init container (for example 128Mi and 256Mi), with the request at or below the limit and the limit within maxMemoryLimit.",
    config: {
        maxMemoryLimit: {
            type: "string", pattern: QUANTITY_PATTERN,
            description: "The largest memory limit a container may set, as a Kubernetes quantity (e.g. 4Gi); unset means no bound.",
        },
    },
}, (pod, cfg, report) => {
    const max = typeof cfg.maxMemoryLimit === "string" && cfg.maxMemoryLimit !== "" ? parseQuantity(cfg.maxMemoryLimit) : undefined;
    for (const cv of containersOf(pod, ["containers", "initContainers"])) {
        const request = amountOf(cv, "requests", "memory");
        const limit = amountOf(cv, "limits", "memory");
        for (const [a, what] of [[request, "request"], [limit, "limit"]] as const) {
            if (a.state === "unset" && !pod.partial) report(`${cv.label} sets no memory ${what} (${a.path}); set one.`);
            if (a.state === "malformed") report(`${cv.label} has a memory ${what} that is not a valid Kubernetes quantity (${a.path}); use a value such as 256Mi.`);
        }
        if (request.quantity && limit.quantity && compareQuantities(request.quantity, limit.quantity) > 0) {
            report(`${cv.label} requests more memory than its limit (${request.path} is above ${limit.path}); lower the request or raise the limit.`);
        }
        if (max && limit.quantity && compareQuantities(limit.quantity, max) > 0) {
            report(`${cv.label} sets a memory limit above maxMemoryLimit (${limit.path}); lower it.`);
        }
    }
});
