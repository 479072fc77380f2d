import { describeRequiredSetting, settingContract } from "../../support/container-setting";

export const contract = settingContract("k8s-read-only-root-filesystem", "readOnlyRootFilesystem", true);

describeRequiredSetting("k8s-read-only-root-filesystem", "readOnlyRootFilesystem", true, "has a writable root filesystem");
