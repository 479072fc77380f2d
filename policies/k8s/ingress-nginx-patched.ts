// k8s-ingress-nginx-patched
// A container running the ingress-nginx controller image (a repository ending in
// ingress-nginx/controller, from any registry or mirror) has a tag at or above minimumVersions
// (default 1.11.5 and 1.12.1: the first releases of each line without CVE-2025-1974, the
// unauthenticated code execution through the admission webhook). A tag is compared with the entry
// of its own major.minor line; a line above every entry passes, a line below all of them fails; a
// tag that is no version, or a digest-only image, cannot be verified and is reported as such.
import { imagesOf } from "../lib/image";
import { workloadPolicy } from "../lib/policy";

type Version = [number, number, number];

function parseVersion(tag: string): Version | undefined {
    const m = /^v?(\d+)\.(\d+)\.(\d+)(?:[-+@].*)?$/.exec(tag);
    return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

const cmp = (a: Version, b: Version) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];

/** Whether `v` is patched: at or above its line's minimum, or in a line above every listed one. */
function patched(v: Version, minimums: Version[]): boolean {
    const line = minimums.find(m => m[0] === v[0] && m[1] === v[1]);
    if (line) return cmp(v, line) >= 0;
    return minimums.every(m => cmp([v[0], v[1], 0], [m[0], m[1], 0]) > 0);
}

export const ingressNginxPatched = workloadPolicy({
    name: "k8s-ingress-nginx-patched",
    practice: "11.1",
    description: "The ingress-nginx controller must run a release without CVE-2025-1974 (at or above minimumVersions in its line).",
    enforcementLevel: "mandatory",
    severity: "critical",
    remediationSteps: "Upgrade the ingress-nginx controller image (registry.k8s.io/ingress-nginx/controller) to 1.11.5, 1.12.1 or later, pinned by tag and digest; on AKS, prefer the application routing add-on, which Microsoft patches.",
    config: {
        minimumVersions: {
            type: "array", items: { type: "string" }, default: ["1.11.5", "1.12.1"],
            description: "The first patched release of each major.minor line; a line above every entry passes.",
        },
    },
}, (pod, cfg, report) => {
    const minimums = (Array.isArray(cfg.minimumVersions) ? cfg.minimumVersions : [])
        .map(v => typeof v === "string" ? parseVersion(v) : undefined).filter((v): v is Version => v !== undefined);
    for (const img of imagesOf(pod)) {
        if (!img.ref || !/(^|\/)ingress-nginx\/controller$/.test(img.ref.repository)) continue;
        const where = `${img.cv.label} (${img.field})`;
        const v = img.ref.tag === undefined ? undefined : parseVersion(img.ref.tag);
        if (v === undefined) {
            report(`${where} runs the ingress-nginx controller without a version tag, so whether it is patched against CVE-2025-1974 cannot be verified; pin a patched release tag (with its digest).`);
        } else if (!patched(v, minimums)) {
            report(`${where} runs ingress-nginx controller ${img.ref.tag}, below the patched releases ${minimums.map(m => m.join(".")).join(", ")} (CVE-2025-1974); upgrade the controller image.`);
        }
    }
});
