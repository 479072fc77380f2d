// The pod view: every workload kind, in every API version and variant, reduced to one pod spec
// with its containers, so that a rule is written once for all of them.
import { K8sObject, k8sObjects } from "./k8s";
import { KindGroups } from "./tokens";
import { get, Obj, obj, str, unnoted } from "./values";

/** The workload kinds and the API groups that serve them. */
export const WORKLOAD_KINDS: KindGroups = {
    Pod: ["core"],
    PodTemplate: ["core"],
    ReplicationController: ["core"],
    Deployment: ["apps", "extensions"],
    ReplicaSet: ["apps", "extensions"],
    DaemonSet: ["apps", "extensions"],
    StatefulSet: ["apps"],
    Job: ["batch"],
    CronJob: ["batch"],
};

/** Where each kind keeps its pod template (the pod spec is `<path>.spec`, its metadata `<path>.metadata`). */
const TEMPLATE_PATH: Record<string, string[]> = {
    Pod: [],
    PodTemplate: ["template"],
    CronJob: ["spec", "jobTemplate", "spec", "template"],
};
const DEFAULT_TEMPLATE_PATH = ["spec", "template"];

export interface PodView extends K8sObject {
    /** The pod spec. */
    spec: Obj;
    /** Path of the pod spec in the resource's properties, e.g. `spec.template.spec`. */
    specPath: string;
    /** The pod's own metadata (the template's for controllers): annotations live here. */
    podMeta: Obj | undefined;
}

/** The pods a resource declares; [] for non-workload types and for objects without a known pod spec. */
export function podViews(type: string, props: Obj, resourceName: string): PodView[] {
    const out: PodView[] = [];
    for (const o of k8sObjects(type, props, resourceName, WORKLOAD_KINDS)) {
        const tpl = TEMPLATE_PATH[o.kind] ?? DEFAULT_TEMPLATE_PATH;
        const spec = obj(o.obj, ...tpl, "spec");
        if (!spec) continue; // absent (a patch that leaves it alone) or unknown: nothing to judge
        const at = tpl.length ? `${o.path}${tpl.join(".")}.spec` : `${o.path}spec`;
        out.push({ ...o, spec, specPath: at, podMeta: obj(o.obj, ...tpl, "metadata") });
    }
    return out;
}

export type ContainerKind = "containers" | "initContainers" | "ephemeralContainers";
export const ALL_CONTAINER_KINDS: readonly ContainerKind[] = ["containers", "initContainers", "ephemeralContainers"];

export interface ContainerView {
    c: Obj;
    kind: ContainerKind;
    index: number;
    name: string;
    /** Path of the container, e.g. `spec.template.spec.initContainers[0]`. */
    path: string;
    /** How messages name it: `init container "setup"`. */
    label: string;
}

const KIND_LABEL: Record<ContainerKind, string> = {
    containers: "container",
    initContainers: "init container",
    ephemeralContainers: "ephemeral container",
};

/** Every container of a pod (containers, initContainers, ephemeralContainers unless narrowed). */
export function containersOf(pod: PodView, kinds: readonly ContainerKind[] = ALL_CONTAINER_KINDS): ContainerView[] {
    const out: ContainerView[] = [];
    for (const kind of kinds) {
        const list = get(pod.spec, kind);
        if (!Array.isArray(list)) continue;
        list.forEach((_item, index) => {
            const c = obj(list, index);
            if (!c) return;
            const name = unnoted(() => str(c, "name")) ?? `#${index}`; // a label: an unknown name defers nothing
            out.push({ c, kind, index, name, path: `${pod.specPath}.${kind}[${index}]`, label: `${KIND_LABEL[kind]} "${name}"` });
        });
    }
    return out;
}

/**
 * The effective value of a securityContext field for a container: the container's own when it
 * sets one, otherwise the pod's (Kubernetes semantics for runAsNonRoot, runAsUser, runAsGroup,
 * seccompProfile, seLinuxOptions, appArmorProfile, windowsOptions). Returns where it came from:
 * the path for messages, and the object whose securityContext holds it (the container or the pod
 * spec) for a fix.
 */
export function effective(pod: PodView, cv: ContainerView, field: string): { value: unknown; path: string; owner: Obj } {
    const own = get(cv.c, "securityContext", field);
    if (own !== undefined && own !== null) return { value: own, path: `${cv.path}.securityContext.${field}`, owner: cv.c };
    return { value: get(pod.spec, "securityContext", field), path: `${pod.specPath}.securityContext.${field}`, owner: pod.spec };
}
