// aks-node-ssh-disabled
// No node accepts SSH logins as a local user: every node pool, in the cluster's agentPoolProfiles
// and as an AgentPool, sets securityProfile.sshAccess to Disabled (the SSH service is off) or
// EntraId (SSH only with an Entra ID identity). LocalUser, or leaving it unset (AKS's default,
// LocalUser: anyone with the cluster's SSH key logs in as a local user), fails; values compare as
// AKS compares enums, ignoring case. As Azure Policy's "Azure Kubernetes Clusters should disable SSH".
// The classic @pulumi/azure provider (6.40.0, azurerm 4.x) cannot express sshAccess on any node
// pool, so its pools keep AKS's default. What a classic program decides is whether the nodes get an
// SSH key at all: a KubernetesCluster that declares linuxProfile (an admin SSH key) fails, once
// for the cluster and all its pools; without linuxProfile AKS installs no key, and it passes.
import { aksPolicy, enumIn } from "../lib/azure";
import { get, UNKNOWN } from "../lib/values";

const SAFE = ["Disabled", "EntraId"];

export const nodeSshDisabled = aksPolicy({
    name: "aks-node-ssh-disabled",
    practice: "10",
    description: "AKS node pools should not accept SSH logins as a local user (securityProfile.sshAccess Disabled or EntraId).",
    enforcementLevel: "advisory",
    severity: "medium",
    remediationSteps: "Set securityProfile.sshAccess: \"Disabled\" (or \"EntraId\") on every node pool, in agentPoolProfiles and on each AgentPool; debug nodes with kubectl debug node/... instead. With the classic @pulumi/azure provider, which cannot set sshAccess, remove linuxProfile so that no SSH key is installed on the nodes.",
}, {
    cluster: (cluster, _cfg, report) => {
        if (!cluster.classic) return;
        const key = get(cluster.props, "linuxProfile", "ssh");
        if (key === undefined || key === null || key === UNKNOWN) return;
        report(`declares ${cluster.fields("linuxProfile.ssh").name}, so every node pool accepts SSH logins as a local user with that key, and the classic provider cannot set securityProfile.sshAccess to Disabled; remove linuxProfile so that no key is installed (or declare the cluster with azure-native and disable SSH per pool).`);
    },
    nodePool: (pool, _cfg, report) => {
        if (pool.classic) return; // judged on the cluster's linuxProfile (see above)
        const v = get(pool.pool, "securityProfile", "sshAccess");
        if (v === UNKNOWN || enumIn(v, SAFE)) return;
        const field = pool.field("securityProfile.sshAccess").name;
        const why = v === undefined || v === null
            ? `does not set ${field}, so it keeps AKS's default (LocalUser: SSH logins with the cluster's key)`
            : enumIn(v, ["LocalUser"]) ? `sets ${field} to allow SSH logins as a local user` : `sets ${field} to a value other than Disabled or EntraId`;
        report(`${pool.label} ${why}; set it to Disabled (or EntraId).`);
    },
});
