// aks-private-api-server
// The API server is not open to the internet: the cluster is private
// (apiServerAccessProfile.enablePrivateCluster: true), or apiServerAccessProfile.authorizedIPRanges
// lists at least one range. Every listed range, private cluster or not, must be valid, must not be
// 0.0.0.0/0 or ::/0, and must be no broader than /maxPrefixLength (default 16; a bare address is a
// /32 or /128). IPv6 ranges are held to maxPrefixLength + 32 (an IPv4 /16 ~ an IPv6 /48 site),
// because one IPv4 address corresponds to one IPv6 /64 subnet. requirePrivateCluster accepts only
// private clusters.
import { clusterPolicy } from "../lib/azure";
import { arr, get, show, UNKNOWN } from "../lib/values";

/** The prefix length and family of an address or CIDR range, or undefined when malformed. */
function parseRange(s: string): { family: 4 | 6; prefix: number } | undefined {
    const [addr, len, ...rest] = s.trim().split("/");
    if (rest.length > 0) return undefined;
    const family = isIPv4(addr) ? 4 : isIPv6(addr) ? 6 : undefined;
    if (!family) return undefined;
    const bits = family === 4 ? 32 : 128;
    if (len === undefined) return { family, prefix: bits };
    if (!/^\d{1,3}$/.test(len) || Number(len) > bits) return undefined;
    return { family, prefix: Number(len) };
}

function isIPv4(a: string): boolean {
    const parts = a.split(".");
    return parts.length === 4 && parts.every(p => /^\d{1,3}$/.test(p) && Number(p) <= 255);
}

function isIPv6(a: string): boolean {
    if (!/^[0-9A-Fa-f:.]+$/.test(a) || a.split("::").length > 2) return false;
    let groups = a.split(":").filter(g => g !== "");
    const last = groups[groups.length - 1];
    if (last !== undefined && last.includes(".")) {
        if (!isIPv4(last)) return false;
        groups = [...groups.slice(0, -1), "0", "0"];   // an embedded IPv4 address fills two groups
    }
    if (!groups.every(g => /^[0-9A-Fa-f]{1,4}$/.test(g))) return false;
    return a.includes("::") ? groups.length < 8 : groups.length === 8;
}

export const privateApiServer = clusterPolicy<{ maxPrefixLength: number; requirePrivateCluster: boolean }>({
    name: "aks-private-api-server",
    practice: "10",
    description: "The AKS API server must be private or limited to narrow authorized IP ranges.",
    enforcementLevel: "mandatory",
    severity: "critical",
    remediationSteps: "Set apiServerAccessProfile.enablePrivateCluster: true, or list your egress ranges in apiServerAccessProfile.authorizedIPRanges (never 0.0.0.0/0, nothing broader than /maxPrefixLength).",
    config: {
        maxPrefixLength: {
            type: "integer", minimum: 0, maximum: 32, default: 16,
            description: "The broadest IPv4 prefix an authorized range may have (IPv6 ranges: this + 32).",
        },
        requirePrivateCluster: { type: "boolean", default: false, description: "Accept only private clusters, whatever the authorized ranges." },
    },
}, (cluster, cfg, report) => {
    const access = get(cluster.props, "apiServerAccessProfile");
    if (access === UNKNOWN) return;
    const priv = get(access, "enablePrivateCluster");
    const ranges = get(access, "authorizedIPRanges");
    const isPrivate = priv === true;

    const privField = "apiServerAccessProfile.enablePrivateCluster";
    const privNow = priv === undefined || priv === null ? `does not set ${privField}` : `sets ${privField} to ${show(priv)}`;
    if (cfg.requirePrivateCluster && !isPrivate && priv !== UNKNOWN) report(`${privNow}; set it to true (requirePrivateCluster).`);
    if (ranges === UNKNOWN) return;
    const list = arr(access, "authorizedIPRanges");
    if (!isPrivate && priv !== UNKNOWN && !cfg.requirePrivateCluster && list.length === 0) {
        const rangesNow = ranges === undefined || ranges === null ? "no" : Array.isArray(ranges) ? "empty" : `${show(ranges)} as`;
        report(`${privNow} and has ${rangesNow} apiServerAccessProfile.authorizedIPRanges, so the API server is open to the internet; make it private or list your egress ranges.`);
    }
    list.forEach((item, i) => {
        const v = get(item);
        if (v === UNKNOWN) return;
        const field = `apiServerAccessProfile.authorizedIPRanges[${i}]`;
        const r = typeof v === "string" ? parseRange(v) : undefined;
        if (!r) {
            report(`${field} is ${typeof v === "string" ? "not an IP address or CIDR range" : show(v)}; list IPv4 or IPv6 ranges such as 203.0.113.0/24.`);
        } else if (r.prefix === 0) {
            report(`${field} allows every address (/0); list only your own egress ranges.`);
        } else {
            const max = r.family === 4 ? cfg.maxPrefixLength : Math.min(128, cfg.maxPrefixLength + 32);
            if (r.prefix < max) report(`${field} is a /${r.prefix}, broader than the allowed /${max}; list narrower ranges.`);
        }
    });
});
