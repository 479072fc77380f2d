// aks-supported-kubernetes-version
// A cluster's kubernetesVersion, and every node pool's orchestratorVersion (in agentPoolProfiles
// or as an AgentPool), is at least minimumVersion (default 1.33, the oldest AKS version in
// support), compared by major.minor. Unset lets AKS pick a supported default (pools follow the
// control plane) and passes; a value that is not a version is reported.
import { aksPolicy } from "../lib/azure";
import { Report } from "../lib/policy";
import { get, show, UNKNOWN } from "../lib/values";

type Version = [major: number, minor: number];

/** `1.33`, `1.33.2`, `v1.33.2-preview` → [1, 33]; anything else → undefined. */
function majorMinor(v: unknown): Version | undefined {
    if (typeof v !== "string") return undefined;
    const m = /^v?(\d+)\.(\d+)(?:\.\d+)?(?:[-+][0-9A-Za-z.-]+)?$/.exec(v.trim());
    return m ? [Number(m[1]), Number(m[2])] : undefined;
}

const older = (a: Version, b: Version) => a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);

function judge(v: unknown, field: string, minimum: string, report: Report): void {
    if (v === undefined || v === null || v === UNKNOWN) return;
    const min = majorMinor(minimum);
    const got = majorMinor(v);
    if (!got) report(`${field} is ${typeof v === "string" ? "not a Kubernetes version (major.minor[.patch])" : show(v)}; set a version of ${minimum} or later.`);
    else if (min && older(got, min)) report(`${field} is older than the minimum ${minimum} (by major.minor); upgrade to ${minimum} or later.`);
}

export const supportedKubernetesVersion = aksPolicy({
    name: "aks-supported-kubernetes-version",
    practice: "12",
    description: "AKS clusters and node pools should run a Kubernetes version that AKS still supports (at least minimumVersion).",
    enforcementLevel: "advisory",
    severity: "medium",
    remediationSteps: "Upgrade kubernetesVersion on the ManagedCluster and orchestratorVersion on every node pool to minimumVersion or later, and use an auto-upgrade channel to stay in support.",
    config: {
        minimumVersion: {
            type: "string", default: "1.33", pattern: "^v?[0-9]+\\.[0-9]+(\\.[0-9]+)?$",
            description: "The oldest Kubernetes version (major.minor) accepted; keep it at the oldest AKS version still in support.",
        },
    },
}, {
    cluster: (cluster, cfg, report) => judge(get(cluster.props, "kubernetesVersion"), cluster.fields("kubernetesVersion").name, cfg.minimumVersion, report),
    nodePool: (pool, cfg, report) => judge(get(pool.pool, "orchestratorVersion"), `${pool.label}: ${pool.field("orchestratorVersion").name}`, cfg.minimumVersion, report),
});
