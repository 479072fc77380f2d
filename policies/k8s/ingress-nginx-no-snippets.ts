// k8s-ingress-nginx-no-snippets
// An Ingress served by ingress-nginx (class nginx or the AKS application routing class
// webapprouting.kubernetes.azure.com, which is ingress-nginx, or no class: the default class may
// be either) carries no nginx.ingress.kubernetes.io/*-snippet annotation, no value in the
// annotations that ingress-nginx copies into nginx.conf that could inject configuration (`;`,
// `{`, `}`, a line break, `alias `, `root `, `_by_lua`, `/etc/`, `/var/run/secrets`), and no path
// under /etc, /root, /var/run/secrets or /var/run/kubernetes, nor with a `..` segment
// (CVE-2021-25742, CVE-2021-25745, CVE-2023-5043/5044, CVE-2025-1097/1098/24514). A ConfigMap
// whose data sets allow-snippet-annotations to "true" (the controller's switch for snippets) fails
// too. Values are never repeated in messages; an Ingress whose class is not known yet is deferred.
import { KindGroups } from "../lib/tokens";
import { objectPolicy } from "../lib/policy";
import { arr, get, obj, UNKNOWN } from "../lib/values";

const KINDS: KindGroups = { Ingress: ["networking.k8s.io", "extensions"], ConfigMap: ["core"] };
const NGINX_CLASSES = new Set(["nginx", "webapprouting.kubernetes.azure.com"]);
const PREFIX = "nginx.ingress.kubernetes.io/";
/** The annotations whose values ingress-nginx writes into nginx.conf. */
const INTERPOLATED = new Set(["auth-url", "auth-signin", "auth-tls-match-cn", "mirror-target", "mirror-host", "permanent-redirect", "temporal-redirect", "rewrite-target", "server-alias"]);
const INJECTION: readonly [RegExp, string][] = [
    [/;/, "a ';'"], [/[{}]/, "a brace"], [/[\r\n]/, "a line break"], [/alias\s/, "an alias directive"], [/root\s/, "a root directive"],
    [/_by_lua/, "a Lua directive"], [/\/etc\//, "a path under /etc/"], [/\/var\/run\/secrets/, "a path under /var/run/secrets"],
];
const FORBIDDEN_PATHS = ["/etc", "/root", "/var/run/secrets", "/var/run/kubernetes"];

/** Whether ingress-nginx serves the Ingress: true, false, or UNKNOWN while its class is computed. */
function servedByNginx(ingress: Record<string, unknown>): boolean | typeof UNKNOWN {
    const cls = get(ingress, "spec", "ingressClassName") ?? get(ingress, "metadata", "annotations", "kubernetes.io/ingress.class");
    if (cls === UNKNOWN) return UNKNOWN;
    return typeof cls !== "string" || cls === "" || NGINX_CLASSES.has(cls);
}

function interpolated(key: string): boolean {
    const short = key.slice(PREFIX.length);
    return INTERPOLATED.has(short) || short.startsWith("proxy-redirect-");
}

export const ingressNginxNoSnippets = objectPolicy({
    name: "k8s-ingress-nginx-no-snippets",
    practice: "11.1",
    description: "Ingresses served by ingress-nginx must not inject nginx configuration through snippet annotations, annotation values or paths, and the controller must not allow snippet annotations.",
    enforcementLevel: "mandatory",
    severity: "critical",
    remediationSteps: "Remove *-snippet annotations and use ingress-nginx's supported annotations instead; keep annotation values to plain URLs and hosts; serve applications under their own paths; set allow-snippet-annotations to \"false\" in the controller ConfigMap.",
}, KINDS, (o, _cfg, report) => {
    const at = o.path;
    if (o.kind === "ConfigMap") {
        if (get(o.obj, "data", "allow-snippet-annotations") === "true") {
            report(`data sets allow-snippet-annotations to "true", so any Ingress can inject nginx configuration (${at}data["allow-snippet-annotations"]); set it to "false".`);
        }
        return;
    }
    if (servedByNginx(o.obj) !== true) return; // another controller's, or not known yet
    const annotations = obj(o.obj, "metadata", "annotations") ?? {};
    for (const key of Object.keys(annotations)) {
        if (!key.startsWith(PREFIX)) continue;
        const field = `${at}metadata.annotations["${key}"]`;
        const value = get(annotations, key);
        if (value === UNKNOWN) continue; // an unknown value may still be empty
        if (key.endsWith("-snippet")) {
            report(`annotation ${key} injects raw nginx configuration (${field}); remove it and use ingress-nginx's supported annotations.`);
            continue;
        }
        if (!interpolated(key) || typeof value !== "string") continue;
        const found = INJECTION.find(([re]) => re.test(value));
        if (found) report(`annotation ${key} has a value with ${found[1]}, which can inject nginx configuration (${field}); use a plain URL or host name.`);
    }
    arr(o.obj, "spec", "rules").forEach((rule, i) => {
        arr(rule, "http", "paths").forEach((p, j) => {
            const path = get(p, "path");
            if (typeof path !== "string") return;
            const segments = path.split("/");
            const bad = segments.includes("..") ? "a .. segment"
                : FORBIDDEN_PATHS.find(f => path === f || path.startsWith(f + "/")) ?? undefined;
            if (bad) report(`rules[${i}].http.paths[${j}].path has ${bad.startsWith("/") ? `a path under ${bad}` : bad}, which can expose the controller's files and service account token (CVE-2021-25745) (${at}spec.rules[${i}].http.paths[${j}].path); serve the application under its own path.`);
        });
    });
});
