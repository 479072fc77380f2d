// Rules of the form "every container sets securityContext.<field> explicitly to <safe>", with the
// fix that sets it: one definition for the policies that differ only in field and value.
import { PolicyInfo, workloadPolicy } from "./policy";
import { setIn } from "./remediate";
import { get, show, UNKNOWN } from "./values";
import { ContainerView, containersOf, PodView } from "./workload";

/**
 * A remediable workload policy: a container whose securityContext.`field` is known and not `safe`
 * is a violation, and so is one that leaves it unset (except in a Patch, which judges only what it
 * sets). The fix sets `safe` exactly there.
 */
export function requiredContainerSetting(info: PolicyInfo, field: string, safe: boolean) {
    const unsafe = (pod: PodView, cv: ContainerView): boolean => {
        const v = get(cv.c, "securityContext", field);
        if (v === UNKNOWN || v === safe) return false;
        return !((v === undefined || v === null) && pod.partial);
    };
    return workloadPolicy(info, (pod, _cfg, report) => {
        for (const cv of containersOf(pod)) {
            if (!unsafe(pod, cv)) continue;
            const path = `${cv.path}.securityContext.${field}`;
            const v = get(cv.c, "securityContext", field);
            if (v === undefined || v === null) report(`${cv.label} does not set ${path}; set it to ${safe}.`);
            else report(`${cv.label} sets ${path} to ${show(v)}; set it to ${safe}.`);
        }
    }, pod => {
        let changed = false;
        for (const cv of containersOf(pod)) {
            if (unsafe(pod, cv)) changed = setIn(cv.c, ["securityContext", field], safe) || changed;
        }
        return changed;
    });
}
