// k8s-read-only-root-filesystem
// Every container (including init and ephemeral containers) sets
// securityContext.readOnlyRootFilesystem: true, so that a compromised process cannot change the
// image's files; writable paths come from volumes (emptyDir) instead.
// Remediation sets readOnlyRootFilesystem: true on every container where it is missing or not
// true (in a Patch only where the patch sets it).
import { requiredContainerSetting } from "../lib/container-setting";

export const readOnlyRootFilesystem = requiredContainerSetting({
    name: "k8s-read-only-root-filesystem",
    practice: "4",
    description: "Containers must run with a read-only root filesystem (readOnlyRootFilesystem: true).",
    enforcementLevel: "mandatory",
    severity: "medium",
    remediationSteps: "Set securityContext.readOnlyRootFilesystem: true on every container, init container and ephemeral container, and mount emptyDir volumes where the application must write.",
}, "readOnlyRootFilesystem", true);
