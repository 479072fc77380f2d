// k8s-run-as-non-root
// Every container runs with an effective runAsNonRoot: true (its own securityContext, else the
// pod's), and no effective runAsUser is below minUserId (default 1, so never UID 0).
// Remediation sets runAsNonRoot: true on each container whose effective value is not true; a
// too-low runAsUser has no safe automatic value and stays a violation.
import { workloadPolicy } from "../lib/policy";
import { show, UNKNOWN } from "../lib/values";
import { containersOf, effective } from "../lib/workload";

export const runAsNonRoot = workloadPolicy({
    name: "k8s-run-as-non-root",
    practice: "2",
    description: "Containers must run as a non-root user: effective runAsNonRoot: true and no runAsUser below minUserId.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: "Set securityContext.runAsNonRoot: true (pod or container) and a runAsUser of minUserId or above, and build the image with a non-root USER.",
    config: {
        minUserId: { type: "integer", minimum: 0, default: 1, description: "The lowest UID a container may run as." },
    },
}, (pod, cfg, report) => {
    for (const cv of containersOf(pod)) {
        const nonRoot = effective(pod, cv, "runAsNonRoot");
        // The container's own setting wins over the pod's, so the fix sets it there.
        const fix = { target: cv.c, path: ["securityContext", "runAsNonRoot"], value: true };
        if (nonRoot.value === undefined || nonRoot.value === null) {
            if (!pod.partial) report(`${cv.label} has no effective securityContext.runAsNonRoot (neither ${cv.path}.securityContext.runAsNonRoot nor ${pod.specPath}.securityContext.runAsNonRoot); set it to true.`, fix);
        } else if (nonRoot.value !== true && nonRoot.value !== UNKNOWN) {
            report(`${cv.label} runs with ${nonRoot.path} = ${show(nonRoot.value)}; set it to true.`, fix);
        }
        const user = effective(pod, cv, "runAsUser");
        if (user.value === undefined || user.value === null || user.value === UNKNOWN) continue;
        if (typeof user.value !== "number" || !Number.isInteger(user.value)) {
            report(`${cv.label} has a non-numeric ${user.path} (${show(user.value)}); set a numeric UID of ${cfg.minUserId} or above.`);
        } else if (user.value < cfg.minUserId) {
            report(`${cv.label} runs as UID ${user.value} (${user.path}); set a UID of ${cfg.minUserId} or above.`);
        }
    }
}, { remediable: true });
