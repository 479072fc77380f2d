// k8s-read-only-root-filesystem
// Every container (including init and ephemeral containers) sets
// securityContext.readOnlyRootFilesystem: true, so that a compromised process cannot change the
// image's files; writable paths come from volumes (emptyDir) instead.
// Remediation sets readOnlyRootFilesystem: true on every container where it is missing or not
// true (in a Patch only where the patch sets it).
import { workloadPolicy } from "../lib/policy";
import { setIn } from "../lib/remediate";
import { get, show, UNKNOWN } from "../lib/values";
import { ContainerView, containersOf, PodView } from "../lib/workload";

/** True when the container's readOnlyRootFilesystem is known and not true (or missing outside a Patch). */
function writable(pod: PodView, cv: ContainerView): boolean {
    const v = get(cv.c, "securityContext", "readOnlyRootFilesystem");
    if (v === UNKNOWN || v === true) return false;
    return !((v === undefined || v === null) && pod.partial);
}

export const readOnlyRootFilesystem = workloadPolicy({
    name: "k8s-read-only-root-filesystem",
    practice: "4",
    description: "Containers must run with a read-only root filesystem (readOnlyRootFilesystem: true).",
    enforcementLevel: "mandatory",
    severity: "medium",
    remediationSteps: "Set securityContext.readOnlyRootFilesystem: true on every container, init container and ephemeral container, and mount emptyDir volumes where the application must write.",
}, (pod, _cfg, report) => {
    for (const cv of containersOf(pod)) {
        if (!writable(pod, cv)) continue;
        const field = `${cv.path}.securityContext.readOnlyRootFilesystem`;
        const v = get(cv.c, "securityContext", "readOnlyRootFilesystem");
        if (v === undefined || v === null) report(`${cv.label} does not set ${field}; set it to true.`);
        else report(`${cv.label} sets ${field} to ${show(v)}; set it to true.`);
    }
}, pod => {
    let changed = false;
    for (const cv of containersOf(pod)) {
        if (writable(pod, cv)) changed = setIn(cv.c, ["securityContext", "readOnlyRootFilesystem"], true) || changed;
    }
    return changed;
});
