// aks-private-api-server
// The API server is not open to the internet: the cluster is private
// (apiServerAccessProfile.enablePrivateCluster: true), or apiServerAccessProfile.authorizedIPRanges
// lists at least one range. Every listed range, private cluster or not, must be valid, must not be
// 0.0.0.0/0 or ::/0, and must be no broader than /maxPrefixLength (default 16; a bare address is a
// /32 or /128). IPv6 ranges are held to maxPrefixLength + 32 (an IPv4 /16 ~ an IPv6 /48 site),
// because one IPv4 address corresponds to one IPv6 /64 subnet. An IPv4-mapped IPv6 range
// (::ffff:a.b.c.d/p, p >= 96) is judged as the IPv4 range /(p-96) it maps; an IPv6 range that
// contains the whole mapped block ::ffff:0:0/96 admits every IPv4 address and is always too broad.
// requirePrivateCluster accepts only private clusters.
import { clusterPolicy } from "../lib/azure";
import { arr, get, isTrue, show, UNKNOWN } from "../lib/values";

/**
 * The prefix length and family of an address or CIDR range, or undefined when malformed. An
 * IPv6 range inside the IPv4-mapped block ::ffff:0:0/96 (`::ffff:10.0.0.0/104`) is the IPv4 range
 * it maps (`mapped`: its written IPv6 prefix); an IPv6 range that contains the whole block
 * (`::ffff:0:0/80`, `::/64`) has `coversIPv4`: it admits every IPv4 address.
 */
function parseRange(s: string): { family: 4 | 6; prefix: number; mapped?: number; coversIPv4?: boolean } | undefined {
    const [addr, len, ...rest] = s.trim().split("/");
    if (rest.length > 0) return undefined;
    const family = isIPv4(addr) ? 4 : isIPv6(addr) ? 6 : undefined;
    if (!family) return undefined;
    const bits = family === 4 ? 32 : 128;
    if (len !== undefined && (!/^\d{1,3}$/.test(len) || Number(len) > bits)) return undefined;
    const prefix = len === undefined ? bits : Number(len);
    if (family === 6 && prefix > 0) {
        const groups = ipv6Groups(addr);
        // The first min(prefix, 96) bits are those of ::ffff:0:0 (five zero groups, then ffff).
        const inMapped = MAPPED.every((g, i) => {
            const keep = Math.max(0, Math.min(16, Math.min(prefix, 96) - 16 * i));
            const mask = keep === 0 ? 0 : (0xffff << (16 - keep)) & 0xffff;
            return (groups[i] & mask) === (g & mask);
        });
        if (inMapped && prefix >= 96) return { family: 4, prefix: prefix - 96, mapped: prefix };
        if (inMapped) return { family, prefix, coversIPv4: true };
    }
    return { family, prefix };
}

/** The first six 16-bit groups of the IPv4-mapped block ::ffff:0:0/96. */
const MAPPED = [0, 0, 0, 0, 0, 0xffff];

/** The eight 16-bit groups of a valid IPv6 address (an embedded IPv4 address fills the last two). */
function ipv6Groups(a: string): number[] {
    const parse = (part: string): number[] => part === "" ? [] : part.split(":").flatMap(g => {
        if (!g.includes(".")) return [parseInt(g, 16)];
        const [b0, b1, b2, b3] = g.split(".").map(Number);
        return [(b0 << 8) | b1, (b2 << 8) | b3];
    });
    const [head, tail] = a.split("::");
    if (tail === undefined) return parse(head);
    const h = parse(head), t = parse(tail);
    return [...h, ...new Array<number>(8 - h.length - t.length).fill(0), ...t];
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

export const privateApiServer = clusterPolicy({
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
    const isPrivate = isTrue(priv);

    const privField = cluster.fields("apiServerAccessProfile.enablePrivateCluster").name;
    const rangesField = cluster.fields("apiServerAccessProfile.authorizedIPRanges").name;
    const privNow = priv === undefined || priv === null ? `does not set ${privField}` : `sets ${privField} to ${show(priv)}`;
    if (cfg.requirePrivateCluster && !isPrivate && priv !== UNKNOWN) report(`${privNow}; set it to true (requirePrivateCluster).`);
    if (ranges === UNKNOWN) return;
    const list = arr(access, "authorizedIPRanges");
    if (!isPrivate && priv !== UNKNOWN && !cfg.requirePrivateCluster && list.length === 0) {
        const rangesNow = ranges === undefined || ranges === null ? "no" : Array.isArray(ranges) ? "empty" : `${show(ranges)} as`;
        report(`${privNow} and has ${rangesNow} ${rangesField}, so the API server is open to the internet; make it private or list your egress ranges.`);
    }
    list.forEach((_item, i) => {
        const v = get(list, i);
        if (v === UNKNOWN) return;
        const field = `${rangesField}[${i}]`;
        const r = typeof v === "string" ? parseRange(v) : undefined;
        if (!r) {
            report(`${field} is ${typeof v === "string" ? "not an IP address or CIDR range" : show(v)}; list IPv4 or IPv6 ranges such as 203.0.113.0/24.`);
        } else if (r.prefix === 0) {
            const written = r.mapped === undefined ? "" : ` as an IPv4-mapped /${r.mapped}`;
            report(`${field} allows every address (/0${written}); list only your own egress ranges.`);
        } else if (r.coversIPv4) {
            report(`${field} is a /${r.prefix} that contains every IPv4-mapped address (::ffff:0:0/96), so it admits every IPv4 address; list narrower ranges.`);
        } else {
            const max = r.family === 4 ? cfg.maxPrefixLength : Math.min(128, cfg.maxPrefixLength + 32);
            const shown = r.mapped === undefined ? `a /${r.prefix}` : `an IPv4-mapped /${r.mapped}, i.e. an IPv4 /${r.prefix}`;
            if (r.prefix < max) report(`${field} is ${shown}, broader than the allowed /${max}; list narrower ranges.`);
        }
    });
});
