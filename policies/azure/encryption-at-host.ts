// aks-encryption-at-host
// Every node pool encrypts its VMs' temp disks, caches and disk data flows at the host
// (enableEncryptionAtHost: true), whether declared in agentPoolProfiles or as an AgentPool.
import { nodePoolPolicy, poolNotOn } from "../lib/azure";

export const encryptionAtHost = nodePoolPolicy({
    name: "aks-encryption-at-host",
    practice: "extra",
    description: "AKS node pools should enable encryption at host.",
    enforcementLevel: "advisory",
    severity: "medium",
    remediationSteps: "Set enableEncryptionAtHost: true on every node pool (the subscription needs the EncryptionAtHost feature; existing pools are recreated).",
}, (pool, _cfg, report) => {
    const why = poolNotOn(pool, "enableEncryptionAtHost");
    if (why) report(`${pool.label} ${why}.`);
});
