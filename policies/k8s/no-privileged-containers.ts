// k8s-no-privileged-containers
// No container (including init and ephemeral containers) sets securityContext.privileged: true.
// Leaving it unset passes: Kubernetes' default is false, and a mandatory policy fails only on a
// real risk (settled semantics, round 3). requireExplicit: true asks for an explicit false too.
// Remediation sets privileged: false on every container that violates the rule, and only there.
import { requiredContainerSetting } from "../lib/container-setting";

export const noPrivilegedContainers = requiredContainerSetting({
    name: "k8s-no-privileged-containers",
    practice: "4",
    description: "Containers must not run privileged (securityContext.privileged: true); requireExplicit also asks for an explicit false.",
    enforcementLevel: "mandatory",
    severity: "critical",
    remediationSteps: "Set securityContext.privileged: false on every container, init container and ephemeral container.",
    config: {
        requireExplicit: { type: "boolean", default: false, description: "Also report containers that leave privileged unset (Kubernetes' default is false)." },
    },
}, "privileged", false, cfg => cfg.requireExplicit !== true);
