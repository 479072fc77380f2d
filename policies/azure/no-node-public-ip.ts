// aks-no-node-public-ip
// No node pool gives its nodes public IP addresses (enableNodePublicIP: true), whether the pool
// is declared in the cluster's agentPoolProfiles or as an AgentPool (true, or "true" in any case
// as ARM JSON may carry it). Unset is Azure's default (off).
import { nodePoolPolicy } from "../lib/azure";
import { get, isTrue } from "../lib/values";

export const noNodePublicIp = nodePoolPolicy({
    name: "aks-no-node-public-ip",
    practice: "11.1",
    description: "AKS node pools must not give nodes public IP addresses.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: "Remove enableNodePublicIP: true from the node pool (or set it to false); reach nodes through the virtual network and expose workloads through a load balancer or gateway.",
}, (pool, _cfg, report) => {
    if (isTrue(get(pool.pool, "enableNodePublicIP"))) report(`${pool.label} sets ${pool.field("enableNodePublicIP").name} to true; set it to false.`);
});
