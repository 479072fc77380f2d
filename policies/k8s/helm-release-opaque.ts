// k8s-helm-release-opaque
// Charts are deployed with kubernetes:helm.sh/v4:Chart, not kubernetes:helm.sh/v3:Release (any
// version): a Release installs its chart through Helm inside the provider, so the Deployments,
// Roles and bindings it creates never reach policy, while Chart v4 registers each of them as its
// own resource and every policy of this pack judges it. Charts the platform team has reviewed may
// stay Releases: config allowedCharts (globs on `<repositoryOpts.repo>/<chart>` when the release
// sets repositoryOpts.repo, otherwise on the chart as written).
import { matchesAny } from "../lib/exemptions";
import { K8sObject } from "../lib/k8s";
import { k8sPolicy, viewsOf } from "../lib/policy";
import { kindFilter, matchK8s } from "../lib/tokens";
import { get, Obj, str, UNKNOWN } from "../lib/values";

interface ReleaseView extends K8sObject {
    chart: unknown;
    repo: unknown;
}

/** A Release's view: its namespace and name are top-level properties, not metadata. */
function releaseViews(type: string, props: Obj, resourceName: string): ReleaseView[] {
    const t = matchK8s(type, { Release: ["helm.sh"] });
    if (!t || t.variant !== "plain") return [];
    const ns = get(props, "namespace");
    const namespace = ns === UNKNOWN ? UNKNOWN : typeof ns === "string" && ns !== "" ? ns : undefined;
    const name = str(props, "name") || resourceName;
    const shown = typeof namespace === "string" ? `${namespace}/${name}` : name;
    return [{
        type: t, kind: t.kind, obj: props, path: "", name, namespace, partial: false, label: `Release "${shown}"`,
        chart: get(props, "chart"), repo: get(props, "repositoryOpts", "repo"),
    }];
}

/** Whether the release's chart is one the platform team allows; UNKNOWN when that depends on a computed value. */
function isAllowed(r: ReleaseView, allowed: unknown): boolean | typeof UNKNOWN {
    if (!Array.isArray(allowed) || allowed.length === 0) return false;
    if (r.chart === UNKNOWN) return UNKNOWN;
    if (typeof r.chart !== "string") return false;
    if (r.repo === UNKNOWN) return UNKNOWN; // the repository, whether set or not, decides what is matched
    // A chart from a repository is that repository's: a same-named chart elsewhere is another chart.
    if (typeof r.repo === "string" && r.repo !== "") return matchesAny(allowed, `${r.repo.replace(/\/+$/, "")}/${r.chart}`);
    return matchesAny(allowed, r.chart);
}

export const helmReleaseOpaque = k8sPolicy({
    name: "k8s-helm-release-opaque",
    practice: "extra",
    description: "Helm charts are deployed with helm.sh/v4:Chart, whose resources policy can judge, not with an opaque helm.sh/v3:Release.",
    enforcementLevel: "advisory",
    severity: "medium",
    remediationSteps: "Replace the kubernetes.helm.v3.Release with a kubernetes.helm.v4.Chart of the same chart, version and values; its resources are then registered and judged one by one.",
    config: {
        allowedCharts: {
            type: "array", items: { type: "string" }, default: [],
            description: "Charts the platform team has reviewed and accepts as Releases (globs on <repositoryOpts.repo>/<chart> when repositoryOpts.repo is set, otherwise on the chart).",
        },
    },
}, viewsOf(kindFilter({ Release: ["helm.sh"] }), releaseViews), (release, cfg, report) => {
    if (isAllowed(release, cfg.allowedCharts) !== false) return; // allowed, or not known yet
    report("installs its chart out of policy's sight (its resources are never judged); deploy the chart with kubernetes:helm.sh/v4:Chart instead.");
});
