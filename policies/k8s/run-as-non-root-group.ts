// k8s-run-as-non-root-group
// Every container runs with an effective runAsGroup (its own securityContext, else the pod's)
// that is set and not 0, the pod's fsGroup is not 0 and is set when the pod declares a volume
// (fsGroup is the group that owns its volumes; a pod without volumes has nothing for it to own, so
// asking for it there blocks no risk: settled semantics, round 3), and the pod's
// supplementalGroups do not contain 0: no process gets the root group.
// Windows pods (spec.os.name: windows) are not judged: the API forbids these fields there (so
// while spec.os.name is unknown, a missing runAsGroup or fsGroup is deferred; a root group that is
// set is still reported, since only a Linux pod may set it).
import { workloadPolicy } from "../lib/policy";
import { arr, get, show, UNKNOWN } from "../lib/values";
import { containersOf, effective } from "../lib/workload";

/** Why a group ID is not acceptable, or undefined when it is (or cannot be judged yet). */
function badGroup(v: unknown): string | undefined {
    if (v === UNKNOWN) return undefined;
    if (typeof v !== "number" || !Number.isInteger(v) || v < 0) return `is ${show(v)}, not a group ID`;
    return v === 0 ? "is 0 (the root group)" : undefined;
}

export const runAsNonRootGroup = workloadPolicy({
    name: "k8s-run-as-non-root-group",
    practice: "2",
    description: "Containers must run with a non-root group: effective runAsGroup set and not 0, pod fsGroup not 0 (and set when the pod declares a volume), and no 0 in supplementalGroups.",
    enforcementLevel: "mandatory",
    severity: "medium",
    remediationSteps: "Set securityContext.runAsGroup and securityContext.fsGroup on the pod to a non-zero GID (e.g. 10001), and remove 0 from supplementalGroups.",
}, (pod, _cfg, report) => {
    // What the pod leaves unset is a finding only on Linux; the OS is read only when it decides something.
    const found: { message: string; unset: boolean }[] = [];
    const podCtx = `${pod.specPath}.securityContext`;
    for (const cv of containersOf(pod)) {
        const { value, path } = effective(pod, cv, "runAsGroup");
        if (value === undefined || value === null) {
            if (!pod.partial) found.push({ unset: true, message: `${cv.label} has no effective securityContext.runAsGroup (neither ${cv.path}.securityContext.runAsGroup nor ${podCtx}.runAsGroup); set a non-zero GID.` });
            continue;
        }
        const why = badGroup(value);
        if (why) found.push({ unset: false, message: `${cv.label} runs with ${path} that ${why}; set a non-zero GID.` });
    }
    const fsGroup = get(pod.spec, "securityContext", "fsGroup");
    if (fsGroup === undefined || fsGroup === null) {
        if (!pod.partial) {
            const volumes = get(pod.spec, "volumes");
            if (Array.isArray(volumes) && volumes.length > 0) found.push({ unset: true, message: `the pod declares volumes (${pod.specPath}.volumes) but does not set ${podCtx}.fsGroup, so its volumes keep their default group; set a non-zero GID.` });
        }
    } else {
        const why = badGroup(fsGroup);
        if (why) found.push({ unset: false, message: `the pod's ${podCtx}.fsGroup ${why}; set a non-zero GID.` });
    }
    arr(pod.spec, "securityContext", "supplementalGroups").forEach((g, i) => {
        if (get(g) === 0) found.push({ unset: false, message: `the pod adds the root group in ${podCtx}.supplementalGroups[${i}]; remove 0 from supplementalGroups.` });
    });
    if (found.length === 0) return;
    const os = get(pod.spec, "os", "name");
    if (os === "windows") return;
    for (const f of found) if (!(f.unset && os === UNKNOWN)) report(f.message);
});
