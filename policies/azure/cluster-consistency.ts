// aks-cluster-consistency
// All AKS clusters of one stack agree on their security-relevant settings: RBAC, local accounts,
// Entra ID integration and Azure RBAC, OIDC issuer and workload identity, network policy, the
// Azure Policy add-on, Defender, private API server, run command, auto-upgrade channels,
// Kubernetes major.minor version, KMS etcd encryption, image cleaner, outbound type, node public
// IPs and encryption at host (inline pools and AgentPool resources of the cluster). Missing values
// count as Azure's defaults; unknown or malformed values are left out of the comparison. Where
// clusters disagree, the clusters with the safest value are the reference (among equally safe
// values, e.g. two network policy engines, the most common, then the first cluster's); every other
// cluster is reported, naming the setting and the clusters on each side.
import type { PolicyResource } from "@pulumi/policy";
import { addonProfile, agentPoolView, CLUSTER_TYPES, NODE_POOL_TYPES, NodePoolView } from "../lib/azure";
import { linkPoolToCluster, StackCluster, stackClusters, stackNodePools, StackResource } from "../lib/azure-stack";
import { stackPolicy } from "../lib/policy";
import { get, isFalse, isTrue, sameIgnoringCase, UNKNOWN } from "../lib/values";

/** A comparable value: a boolean, or a canonical string shown as is. UNKNOWN: not known yet; undefined: not comparable. */
type Value = boolean | string | typeof UNKNOWN | undefined;

interface Setting {
    label: string;
    read: (c: StackCluster, pools: PoolValues) => Value;
    /** How hardened a value is (higher is safer); the safest group is the reference the others are held to. */
    rank: (v: boolean | string) => number;
}

/** Rank of a flag whose hardened value is `safe`. */
const safe = (safeValue: boolean) => (v: boolean | string) => (v === safeValue ? 1 : 0);
/** Rank of an enum: the weak values rank 0, the rest 1. */
const except = (...weak: string[]) => (v: boolean | string) => (typeof v === "string" && weak.includes(v) ? 0 : 1);
/** Rank of a major.minor version: newer is safer. */
const newer = (v: boolean | string) => (typeof v === "string" ? v.split(".").reduce((n, part) => n * 1000 + Number(part), 0) : 0);

/** A boolean (or "true"/"false" in any case, as ARM JSON may carry it), else undefined. */
const bool = (v: unknown): boolean | undefined => (isTrue(v) ? true : isFalse(v) ? false : undefined);

/** A boolean with Azure's default when unset; anything but a boolean is not comparable. */
const flag = (dflt: boolean, ...path: string[]) => (c: StackCluster): Value => {
    const v = get(c.props, ...path);
    return v === UNKNOWN ? UNKNOWN : v === undefined || v === null ? dflt : bool(v);
};

/** An AKS enum, compared case-insensitively and shown in its canonical spelling; other strings are not comparable. */
const choice = (dflt: string, known: string[], ...path: string[]) => (c: StackCluster): Value => {
    const v = get(c.props, ...path);
    if (v === UNKNOWN) return UNKNOWN;
    if (v === undefined || v === null) return dflt;
    return known.find(k => sameIgnoringCase(v, k));
};

/** The Azure Policy add-on (addonProfiles key in any case); absent means off. */
function azurePolicyAddon(c: StackCluster): Value {
    const addon = addonProfile(c.view, "azurepolicy");
    if (addon === UNKNOWN) return UNKNOWN;
    const v = addon === undefined ? undefined : get(addon.value, "enabled");
    return v === UNKNOWN ? UNKNOWN : v === undefined || v === null ? false : bool(v);
}

/** Kubernetes major.minor ("1.33"); an unset version follows AKS's default and is not comparable. */
function minorVersion(c: StackCluster): Value {
    const v = get(c.props, "kubernetesVersion");
    if (v === UNKNOWN) return UNKNOWN;
    const m = typeof v === "string" ? /^v?(\d+)\.(\d+)(?:\.|$)/.exec(v) : null;
    return m ? `${Number(m[1])}.${Number(m[2])}` : undefined;
}

/** Node pool values of a cluster: its inline agentPoolProfiles and the AgentPool resources linked to it. */
interface PoolValues {
    publicIp: Value;
    encryptionAtHost: Value;
}

function poolValues(c: StackCluster, agentPools: StackResource[]): PoolValues {
    // Inline pools belong to the cluster; a separate AgentPool whose link is not known yet only defers.
    const pools: { pool: NodePoolView; linked: boolean }[] = c.view.pools.map(pool => ({ pool, linked: true }));
    for (const ap of agentPools) {
        const link = linkPoolToCluster(ap, c);
        const pool = agentPoolView(ap.resource.type, ap.props, ap.resource.name);
        if (link !== false && pool) pools.push({ pool, linked: link === true });
    }
    // Some pool with a public IP / some pool without encryption at host decides; unknowns otherwise defer.
    const some = (field: string, bad: (v: unknown) => boolean): Value => {
        let unknown = c.view.poolsUnknown;
        for (const { pool, linked } of pools) {
            const v = get(pool.pool, field);
            if (v === UNKNOWN) unknown = true;
            else if (bad(v)) {
                if (linked) return true;
                unknown = true;
            }
        }
        return unknown ? UNKNOWN : false;
    };
    const publicIp = some("enableNodePublicIP", isTrue);
    const missingEah = some("enableEncryptionAtHost", v => !isTrue(v));
    return {
        publicIp,
        encryptionAtHost: missingEah === UNKNOWN ? UNKNOWN : pools.length === 0 ? undefined : !missingEah,
    };
}

const SETTINGS: Setting[] = [
    { label: "Kubernetes RBAC (enableRBAC)", read: flag(true, "enableRBAC"), rank: safe(true) },
    { label: "local accounts (disableLocalAccounts)", read: flag(false, "disableLocalAccounts"), rank: safe(true) },
    { label: "Entra ID integration (aadProfile.managed)", read: flag(false, "aadProfile", "managed"), rank: safe(true) },
    { label: "Azure RBAC (aadProfile.enableAzureRBAC)", read: flag(false, "aadProfile", "enableAzureRBAC"), rank: safe(true) },
    { label: "OIDC issuer (oidcIssuerProfile.enabled)", read: flag(false, "oidcIssuerProfile", "enabled"), rank: safe(true) },
    { label: "workload identity (securityProfile.workloadIdentity.enabled)", read: flag(false, "securityProfile", "workloadIdentity", "enabled"), rank: safe(true) },
    { label: "network policy (networkProfile.networkPolicy)", read: choice("none", ["azure", "calico", "cilium", "none"], "networkProfile", "networkPolicy"), rank: except("none") },
    { label: "Azure Policy add-on (addonProfiles.azurepolicy.enabled)", read: azurePolicyAddon, rank: safe(true) },
    { label: "Defender (securityProfile.defender.securityMonitoring.enabled)", read: flag(false, "securityProfile", "defender", "securityMonitoring", "enabled"), rank: safe(true) },
    { label: "private API server (apiServerAccessProfile.enablePrivateCluster)", read: flag(false, "apiServerAccessProfile", "enablePrivateCluster"), rank: safe(true) },
    { label: "run command (apiServerAccessProfile.disableRunCommand)", read: flag(false, "apiServerAccessProfile", "disableRunCommand"), rank: safe(true) },
    { label: "upgrade channel (autoUpgradeProfile.upgradeChannel)", read: choice("none", ["none", "patch", "stable", "rapid", "node-image"], "autoUpgradeProfile", "upgradeChannel"), rank: except("none") },
    { label: "node OS upgrade channel (autoUpgradeProfile.nodeOSUpgradeChannel)", read: choice("NodeImage", ["None", "Unmanaged", "SecurityPatch", "NodeImage"], "autoUpgradeProfile", "nodeOSUpgradeChannel"), rank: except("None", "Unmanaged") },
    { label: "Kubernetes version (kubernetesVersion major.minor)", read: minorVersion, rank: newer },
    { label: "KMS etcd encryption (securityProfile.azureKeyVaultKms.enabled)", read: flag(false, "securityProfile", "azureKeyVaultKms", "enabled"), rank: safe(true) },
    { label: "image cleaner (securityProfile.imageCleaner.enabled)", read: flag(false, "securityProfile", "imageCleaner", "enabled"), rank: safe(true) },
    { label: "outbound type (networkProfile.outboundType)", read: choice("loadBalancer", ["loadBalancer", "userDefinedRouting", "managedNATGateway", "userAssignedNATGateway", "none", "block"], "networkProfile", "outboundType"), rank: except("loadBalancer", "managedNATGateway", "userAssignedNATGateway", "none") },
    { label: "node public IPs (enableNodePublicIP on some node pool)", read: (_c, pools) => pools.publicIp, rank: safe(false) },
    { label: "encryption at host (enableEncryptionAtHost on every node pool)", read: (_c, pools) => pools.encryptionAtHost, rank: safe(true) },
];

const names = (cs: StackCluster[]) => cs.map(c => `"${c.name}"`).join(", ");
const shown = (v: boolean | string) => (typeof v === "boolean" ? String(v) : v);

export const clusterConsistency = stackPolicy({
    name: "aks-cluster-consistency",
    practice: "12",
    description: "All AKS clusters of a stack must agree on their security-relevant settings, so that no environment is the weak one.",
    enforcementLevel: "advisory",
    severity: "medium",
    remediationSteps: "Declare every cluster from one shared component or set of defaults, and give the differing clusters the hardened value of the named setting.",
}, false, [...CLUSTER_TYPES, ...NODE_POOL_TYPES], (resources: PolicyResource[], cfg, report) => {
    const clusters = stackClusters(resources, cfg);
    if (clusters.length < 2) return;
    const agentPools = stackNodePools(resources, cfg);
    const pools = new Map<StackCluster, PoolValues>(clusters.map(c => [c, poolValues(c, agentPools)]));
    for (const s of SETTINGS) {
        const groups = new Map<boolean | string, StackCluster[]>();
        for (const c of clusters) {
            const v = s.read(c, pools.get(c)!);
            if (v === UNKNOWN || v === undefined) continue;
            groups.set(v, [...(groups.get(v) ?? []), c]);
        }
        if (groups.size < 2) continue;
        // The reference: the safest value; among equally safe ones the most common; then the first cluster's.
        const [refValue, ref] = [...groups].reduce((best, g) => {
            const d = s.rank(g[0]) - s.rank(best[0]);
            return d > 0 || (d === 0 && g[1].length > best[1].length) ? g : best;
        });
        for (const [v, cs] of groups) {
            if (v === refValue) continue;
            for (const c of cs) {
                report(`ManagedCluster "${c.name}": ${s.label} is ${shown(v)} while ${names(ref)} ${ref.length > 1 ? "have" : "has"} ${shown(refValue)}; give the clusters of this stack the same hardened value.`, c.resource.urn);
            }
        }
    }
});
