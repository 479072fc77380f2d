// k8s-no-privileged-containers
// Every container (including init and ephemeral containers) sets securityContext.privileged
// explicitly to false. With requireExplicit: false, leaving it unset is allowed too.
// Remediation sets privileged: false on every container that violates the rule, and only there.
import { requiredContainerSetting } from "../lib/container-setting";

export const noPrivilegedContainers = requiredContainerSetting({
    name: "k8s-no-privileged-containers",
    practice: "4",
    description: "Containers must not run privileged; privileged must be set explicitly to false.",
    enforcementLevel: "mandatory",
    severity: "critical",
    remediationSteps: "Set securityContext.privileged: false on every container, init container and ephemeral container.",
    config: {
        requireExplicit: { type: "boolean", default: true, description: "Also report containers that leave privileged unset." },
    },
}, "privileged", false, cfg => cfg.requireExplicit === false);
