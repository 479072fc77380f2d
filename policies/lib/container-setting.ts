// Rules of the form "every container sets securityContext.<field> explicitly to <safe>", with the
// fix that sets it: one definition for the policies that differ only in field and value.
import { Config, ConfigSchema, PolicyMetadata, workloadPolicy } from "./policy";
import { get, show, UNKNOWN } from "./values";
import { containersOf } from "./workload";

/**
 * A remediable workload policy: a container whose securityContext.`field` is known and not `safe`
 * is a violation, and so is one that leaves it unset (except in a Patch, which judges only what it
 * sets, and where `unsetAllowed` says the config allows it). Each finding's fix sets `safe` exactly there.
 */
export function requiredContainerSetting<S extends ConfigSchema = {}>(
    info: PolicyMetadata<S>, field: string, safe: boolean, unsetAllowed: (cfg: Config<S>) => boolean = () => false,
) {
    return workloadPolicy(info, (pod, cfg, report) => {
        for (const cv of containersOf(pod)) {
            const v = get(cv.c, "securityContext", field);
            if (v === UNKNOWN || v === safe) continue;
            const fix = { target: cv.c, path: ["securityContext", field], value: safe };
            const path = `${cv.path}.securityContext.${field}`;
            if (v === undefined || v === null) {
                if (!pod.partial && !unsetAllowed(cfg)) report(`${cv.label} does not set ${path}; set it to ${safe}.`, fix);
            } else {
                report(`${cv.label} sets ${path} to ${show(v)}; set it to ${safe}.`, fix);
            }
        }
    }, { remediable: true });
}
