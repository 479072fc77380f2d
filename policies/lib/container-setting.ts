// Rules of the form "every container sets securityContext.<field> explicitly to <safe>", with the
// fix that sets it: one definition for the policies that differ only in field and value.
import { PolicyInfo, workloadPolicy } from "./policy";
import { setIn } from "./remediate";
import { get, show, UNKNOWN } from "./values";
import { ContainerView, containersOf, PodView } from "./workload";

/**
 * A remediable workload policy: a container whose securityContext.`field` is known and not `safe`
 * is a violation, and so is one that leaves it unset (except in a Patch, which judges only what it
 * sets, and where `unsetAllowed` says the config allows it). The fix sets `safe` exactly there.
 */
export function requiredContainerSetting<C = {}>(info: PolicyInfo, field: string, safe: boolean, unsetAllowed: (cfg: C) => boolean = () => false) {
    const unsafe = (pod: PodView, cv: ContainerView, cfg: C): boolean => {
        const v = get(cv.c, "securityContext", field);
        if (v === UNKNOWN || v === safe) return false;
        return !((v === undefined || v === null) && (pod.partial || unsetAllowed(cfg)));
    };
    return workloadPolicy<C>(info, (pod, cfg, report) => {
        for (const cv of containersOf(pod)) {
            if (!unsafe(pod, cv, cfg)) continue;
            const path = `${cv.path}.securityContext.${field}`;
            const v = get(cv.c, "securityContext", field);
            if (v === undefined || v === null) report(`${cv.label} does not set ${path}; set it to ${safe}.`);
            else report(`${cv.label} sets ${path} to ${show(v)}; set it to ${safe}.`);
        }
    }, (pod, cfg) => {
        let changed = false;
        for (const cv of containersOf(pod)) {
            if (unsafe(pod, cv, cfg)) changed = setIn(cv.c, ["securityContext", field], safe) || changed;
        }
        return changed;
    });
}
