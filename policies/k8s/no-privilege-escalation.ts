// k8s-no-privilege-escalation
// Every container (including init and ephemeral containers) sets
// securityContext.allowPrivilegeEscalation explicitly to false: left unset, a process may gain
// more privileges than its parent (setuid binaries, no_new_privs off).
// Remediation sets allowPrivilegeEscalation: false on every container where it is missing or not
// false (in a Patch only where the patch sets it).
import { requiredContainerSetting } from "../lib/container-setting";

export const noPrivilegeEscalation = requiredContainerSetting({
    name: "k8s-no-privilege-escalation",
    practice: "4",
    description: "Containers must set allowPrivilegeEscalation explicitly to false.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: "Set securityContext.allowPrivilegeEscalation: false on every container, init container and ephemeral container.",
}, "allowPrivilegeEscalation", false);
