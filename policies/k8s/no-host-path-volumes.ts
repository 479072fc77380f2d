// k8s-no-host-path-volumes
// A pod mounts no hostPath volume, unless its path lies under one of allowedHostPaths (default
// none). A prefix matches on a path-segment boundary: `/foo` allows `/foo` and `/foo/bar`, not
// `/foobar`. Paths are normalised first (`.`, `..`, repeated and trailing slashes), so
// `/foo/../etc` is judged as `/etc`; a relative or non-string path is never allowed. The message
// names the path as written (quoted, shortened past 120 characters), so the user can find it.
// A PersistentVolume's spec.hostPath and spec.local paths are judged the same way: a pod claiming
// such a volume mounts the node's filesystem as surely as one declaring hostPath itself.
import { K8sObject, k8sObjects } from "../lib/k8s";
import { k8sPolicy, Report, viewsOf } from "../lib/policy";
import { kindFilter } from "../lib/tokens";
import { arr, get, obj, str, UNKNOWN, unnoted } from "../lib/values";
import { podViews, PodView, WORKLOAD_KINDS } from "../lib/workload";

const PV_KINDS = { PersistentVolume: ["core"] };

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

/**
 * Judges one host path source (`field` is its path in the resource): with no allowed prefix any
 * known source is reported; else its path must lie under one of them (an unknown path is deferred).
 */
function judgeHostPath(source: unknown, field: string, label: string, kind: string, allowed: string[], report: Report): void {
    if (source === undefined || source === null || source === UNKNOWN) return; // not (yet known to be) such a source
    const path = get(source, "path");
    const what = typeof path === "string" ? `host path ${quotePath(path)}` : "a host path";
    if (allowed.length === 0) {
        report(`${label} ${kind} ${what} (${field}); replace it with a volume that does not expose the node's filesystem.`);
        return;
    }
    if (path === UNKNOWN) return; // a known host path source, but whether its path is allowed is not known yet
    const normalised = typeof path === "string" ? normalisePath(path) : undefined;
    if (normalised !== undefined && allowed.some(prefix => under(normalised, prefix))) return;
    report(`${label} ${kind} ${what} outside allowedHostPaths (${field}.path); use an allowed prefix or a volume that does not expose the node's filesystem.`);
}

const VIEW_KINDS = { ...WORKLOAD_KINDS, ...PV_KINDS };

/** Pods of every workload kind, and PersistentVolumes (which have no pod spec). */
function views(type: string, props: Record<string, unknown>, name: string): (PodView | K8sObject)[] {
    return [...podViews(type, props, name), ...k8sObjects(type, props, name, PV_KINDS)];
}

const isPod = (v: PodView | K8sObject): v is PodView => "specPath" in v;

export const noHostPathVolumes = k8sPolicy({
    name: "k8s-no-host-path-volumes",
    practice: "4",
    description: "Pods must not mount hostPath volumes, nor PersistentVolumes declare hostPath or local paths, outside the allowed host path prefixes.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: "Replace hostPath volumes (and hostPath or local PersistentVolumes) with emptyDir, configMap, secret, projected or persistentVolumeClaim volumes backed by a CSI driver; if a node path is unavoidable, ask the platform team to add its prefix to allowedHostPaths.",
    config: {
        allowedHostPaths: {
            type: "array", items: { type: "string" }, default: [],
            description: "Host path prefixes that hostPath volumes (and hostPath or local PersistentVolumes) may use, matched on a path-segment boundary (/foo allows /foo/bar, not /foobar).",
        },
    },
}, viewsOf(kindFilter(VIEW_KINDS), views), (view, cfg, report) => {
    const allowed = (Array.isArray(cfg.allowedHostPaths) ? cfg.allowedHostPaths : [])
        .map(p => typeof p === "string" ? normalisePath(p) : undefined)
        .filter((p): p is string => p !== undefined);
    if (!isPod(view)) {
        for (const source of ["hostPath", "local"]) {
            judgeHostPath(get(view.obj, "spec", source), `${view.path}spec.${source}`, "it", source === "local" ? "declares a local volume at" : "declares", allowed, report);
        }
        return;
    }
    arr(view.spec, "volumes").forEach((_item, i, volumes) => {
        const volume = obj(volumes, i);
        if (!volume) return;
        judgeHostPath(get(volume, "hostPath"), `${view.specPath}.volumes[${i}].hostPath`, `volume "${unnoted(() => str(volume, "name")) ?? `#${i}`}"`, "mounts", allowed, report);
    });
});
