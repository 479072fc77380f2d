// k8s-no-host-path-volumes
// A pod mounts no hostPath volume, unless its path lies under one of allowedHostPaths (default
// none). A prefix matches on a path-segment boundary: `/foo` allows `/foo` and `/foo/bar`, not
// `/foobar`. Paths are normalised first (`.`, `..`, repeated and trailing slashes), so
// `/foo/../etc` is judged as `/etc`; a relative or non-string path is never allowed. The message
// names the path as written (quoted, shortened past 120 characters), so the user can find it.
import { workloadPolicy } from "../lib/policy";
import { arr, get, obj, str, UNKNOWN } from "../lib/values";

/** An absolute path with `.`, `..`, empty and trailing segments resolved; undefined when not absolute. */
export function normalisePath(p: string): string | undefined {
    if (!p.startsWith("/")) return undefined;
    const out: string[] = [];
    for (const seg of p.split("/")) {
        if (seg === "" || seg === ".") continue;
        if (seg === "..") out.pop();
        else out.push(seg);
    }
    return "/" + out.join("/");
}

/** A host path as a message names it: quoted as written, shortened when very long. */
function quotePath(p: string): string {
    return JSON.stringify(p.length > 120 ? p.slice(0, 117) + "..." : p);
}

/** True when `path` is `prefix` or below it (both already normalised). */
function under(path: string, prefix: string): boolean {
    return prefix === "/" || path === prefix || path.startsWith(prefix + "/");
}

export const noHostPathVolumes = workloadPolicy({
    name: "k8s-no-host-path-volumes",
    practice: "4",
    description: "Pods must not mount hostPath volumes outside the allowed host path prefixes.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: "Replace hostPath volumes with emptyDir, configMap, secret, projected or persistentVolumeClaim volumes; if a node path is unavoidable, ask the platform team to add its prefix to allowedHostPaths.",
    config: {
        allowedHostPaths: {
            type: "array", items: { type: "string" }, default: [],
            description: "Host path prefixes that hostPath volumes may use, matched on a path-segment boundary (/foo allows /foo/bar, not /foobar).",
        },
    },
}, (pod, cfg, report) => {
    const allowed = (Array.isArray(cfg.allowedHostPaths) ? cfg.allowedHostPaths : [])
        .map(p => typeof p === "string" ? normalisePath(p) : undefined)
        .filter((p): p is string => p !== undefined);
    arr(pod.spec, "volumes").forEach((item, i) => {
        const volume = obj(item);
        if (!volume) return;
        const hostPath = get(volume, "hostPath");
        if (hostPath === undefined || hostPath === null || hostPath === UNKNOWN) return; // not (yet known to be) a hostPath volume
        const field = `${pod.specPath}.volumes[${i}].hostPath`;
        const label = `volume "${str(volume, "name") ?? `#${i}`}"`;
        const path = get(hostPath, "path");
        const what = typeof path === "string" ? `host path ${quotePath(path)}` : "a host path";
        if (allowed.length === 0) {
            report(`${label} mounts ${what} (${field}); replace it with a volume that does not expose the node's filesystem.`);
            return;
        }
        if (path === UNKNOWN) return; // a known hostPath, but whether its path is allowed is not known yet
        const normalised = typeof path === "string" ? normalisePath(path) : undefined;
        if (normalised !== undefined && allowed.some(prefix => under(normalised, prefix))) return;
        report(`${label} mounts ${what} outside allowedHostPaths (${field}.path); use an allowed prefix or a volume that does not expose the node's filesystem.`);
    });
});
