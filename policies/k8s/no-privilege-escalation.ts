// k8s-no-privilege-escalation
// Every container (including init and ephemeral containers) sets
// securityContext.allowPrivilegeEscalation explicitly to false: left unset, a process may gain
// more privileges than its parent (setuid binaries, no_new_privs off).
// Remediation sets allowPrivilegeEscalation: false on every container where it is missing or not
// false (in a Patch only where the patch sets it).
import { workloadPolicy } from "../lib/policy";
import { setIn } from "../lib/remediate";
import { get, show, UNKNOWN } from "../lib/values";
import { ContainerView, containersOf, PodView } from "../lib/workload";

/** True when the container's allowPrivilegeEscalation is known and not false (or missing outside a Patch). */
function escalates(pod: PodView, cv: ContainerView): boolean {
    const v = get(cv.c, "securityContext", "allowPrivilegeEscalation");
    if (v === UNKNOWN || v === false) return false;
    return !((v === undefined || v === null) && pod.partial);
}

export const noPrivilegeEscalation = workloadPolicy({
    name: "k8s-no-privilege-escalation",
    practice: "4",
    description: "Containers must set allowPrivilegeEscalation explicitly to false.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: "Set securityContext.allowPrivilegeEscalation: false on every container, init container and ephemeral container.",
}, (pod, _cfg, report) => {
    for (const cv of containersOf(pod)) {
        if (!escalates(pod, cv)) continue;
        const field = `${cv.path}.securityContext.allowPrivilegeEscalation`;
        const v = get(cv.c, "securityContext", "allowPrivilegeEscalation");
        if (v === undefined || v === null) report(`${cv.label} does not set ${field}; set it to false.`);
        else report(`${cv.label} sets ${field} to ${show(v)}; set it to false.`);
    }
}, pod => {
    let changed = false;
    for (const cv of containersOf(pod)) {
        if (escalates(pod, cv)) changed = setIn(cv.c, ["securityContext", "allowPrivilegeEscalation"], false) || changed;
    }
    return changed;
});
