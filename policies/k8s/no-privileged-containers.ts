// k8s-no-privileged-containers
// Every container (including init and ephemeral containers) sets securityContext.privileged
// explicitly to false. With requireExplicit: false, only privileged: true is a violation.
// Remediation sets privileged: false on every container.
import { workloadPolicy } from "../lib/policy";
import { setIn } from "../lib/remediate";
import { get, show, UNKNOWN } from "../lib/values";
import { containersOf } from "../lib/workload";

export const noPrivilegedContainers = workloadPolicy<{ requireExplicit: boolean }>({
    name: "k8s-no-privileged-containers",
    practice: "4",
    description: "Containers must not run privileged; privileged must be set explicitly to false.",
    enforcementLevel: "mandatory",
    severity: "critical",
    remediationSteps: "Set securityContext.privileged: false on every container, init container and ephemeral container.",
    config: {
        requireExplicit: { type: "boolean", default: true, description: "Also report containers that leave privileged unset." },
    },
}, (pod, cfg, report) => {
    for (const cv of containersOf(pod)) {
        const field = `${cv.path}.securityContext.privileged`;
        const v = get(cv.c, "securityContext", "privileged");
        if (v === UNKNOWN || v === false) continue;
        if (v === undefined || v === null) {
            if (cfg.requireExplicit && !pod.partial) report(`${cv.label} does not set ${field}; set it to false.`);
        } else if (v === true || cfg.requireExplicit) {
            report(`${cv.label} sets ${field} to ${show(v)}; set it to false.`);
        }
    }
}, pod => {
    let changed = false;
    for (const cv of containersOf(pod)) changed = setIn(cv.c, ["securityContext", "privileged"], false) || changed;
    return changed;
});
