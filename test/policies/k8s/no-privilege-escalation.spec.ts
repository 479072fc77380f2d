import { describeRequiredSetting, settingContract } from "../../support/container-setting";

export const contract = settingContract("k8s-no-privilege-escalation", "allowPrivilegeEscalation", false);

describeRequiredSetting("k8s-no-privilege-escalation", "allowPrivilegeEscalation", false, "allows privilege escalation");
