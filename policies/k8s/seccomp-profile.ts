// k8s-seccomp-profile
// Every container (init and ephemeral containers too) runs under an effective seccomp profile of
// type RuntimeDefault or Localhost: its own securityContext.seccompProfile, else the pod's.
// Unset, Unconfined and any other type are violations. Types compare exactly, as the API server
// does. Windows pods (spec.os.name: windows) are not judged: the API forbids seccomp on them (so
// while spec.os.name is unknown, a missing profile is deferred; an unsafe one is still reported).
// The deprecated seccomp.security.alpha.kubernetes.io annotations are not read: the field is the
// supported setting and wins over them, so an annotation-only pod counts as unset (stricter).
//
// Remediation sets {type: RuntimeDefault} where the check fires and nowhere else: on each
// container whose own profile is unsafe, and on the pod when a container inherits a missing or
// unsafe pod profile. The whole seccompProfile object is replaced, so a localhostProfile left
// beside an unsafe type goes too (the API rejects it next to RuntimeDefault). An unknown profile
// is left alone, and a Patch gets no profile it did not set.
import { workloadPolicy } from "../lib/policy";
import { get, isObj, show, UNKNOWN } from "../lib/values";
import { containersOf, effective, PodView } from "../lib/workload";

const SAFE_TYPES = new Set(["RuntimeDefault", "Localhost"]);
/** A fresh object each time: the remediated props must not share one object in several places. */
const runtimeDefault = () => ({ type: "RuntimeDefault" });

type Verdict = "safe" | "unknown" | "unset" | "unsafe";

/** How a seccompProfile value (container's or pod's) is judged. */
function judgeProfile(profile: unknown): Verdict {
    if (profile === UNKNOWN) return "unknown";
    if (profile === undefined || profile === null) return "unset";
    const type = get(profile, "type");
    if (type === UNKNOWN) return "unknown";
    return typeof type === "string" && SAFE_TYPES.has(type) ? "safe" : "unsafe";
}

/** Windows pods are outside seccomp; while the OS is unknown, only an unset profile is deferred. */
function osOf(pod: PodView): "windows" | "unknown" | "linux" {
    const os = get(pod.spec, "os", "name");
    return os === UNKNOWN ? "unknown" : os === "windows" ? "windows" : "linux";
}

export const seccompProfile = workloadPolicy({
    name: "k8s-seccomp-profile",
    practice: "4",
    description: "Every container must run under a RuntimeDefault or Localhost seccomp profile.",
    enforcementLevel: "mandatory",
    severity: "medium",
    remediationSteps: "Set securityContext.seccompProfile: {type: RuntimeDefault} on the pod (or Localhost with a localhostProfile), and remove Unconfined profiles from containers.",
}, (pod, _cfg, report) => {
    // The OS is read only when a container's profile is not safe: only then can it decide anything.
    let os: ReturnType<typeof osOf> | undefined;
    for (const cv of containersOf(pod)) {
        const eff = effective(pod, cv, "seccompProfile");
        const verdict = judgeProfile(eff.value);
        if (verdict === "safe" || verdict === "unknown" || (verdict === "unset" && pod.partial)) continue;
        os ??= osOf(pod);
        if (os === "windows") return;
        // Where the effective profile comes from (the container, else the pod) is where it is fixed.
        const fix = { target: eff.owner, path: ["securityContext", "seccompProfile"], value: runtimeDefault() };
        if (verdict === "unset" && os === "linux") {
            report(`${cv.label} has no effective seccomp profile (neither ${cv.path}.securityContext.seccompProfile nor ${pod.specPath}.securityContext.seccompProfile); set its type to RuntimeDefault.`, fix);
        } else if (verdict === "unsafe" && !isObj(eff.value)) {
            report(`${cv.label} runs with ${eff.path} set to ${show(eff.value)}; set it to {type: RuntimeDefault} or a Localhost profile.`, fix);
        } else if (verdict === "unsafe") {
            const type = get(eff.value, "type");
            const what = type === undefined || type === null ? "has no type" : "has an unsafe type";
            report(`${cv.label} runs with ${eff.path} that ${what} (${eff.path}.type); set it to RuntimeDefault or Localhost.`, fix);
        }
    }
}, { remediable: true });
