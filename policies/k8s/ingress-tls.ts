// k8s-ingress-tls
// An Ingress declares TLS for every host it routes: each spec.rules[].host is listed in some
// spec.tls[].hosts, where a wildcard `*.example.com` covers exactly one label (`a.example.com`,
// not `example.com` or `a.b.example.com`) and host names compare case-insensitively. A rule
// without a host (and an Ingress that only has a default backend) needs at least one TLS entry.
// Unknown hosts and TLS entries are deferred; a Patch is judged only when it sets both rules and tls.
import { objectPolicy } from "../lib/policy";
import { arr, get, UNKNOWN } from "../lib/values";

/** True when a TLS host entry covers a rule host (both lower-cased). */
export function tlsCovers(tlsHost: string, host: string): boolean {
    if (tlsHost === host) return true;
    if (!tlsHost.startsWith("*.") || host.startsWith("*.")) return false;
    const dot = host.indexOf(".");
    return dot > 0 && host.slice(dot) === tlsHost.slice(1);
}

export const ingressTls = objectPolicy({
    name: "k8s-ingress-tls",
    practice: "11.1",
    description: "Ingresses must declare TLS for every host they route.",
    enforcementLevel: "advisory",
    severity: "medium",
    remediationSteps: "Add a spec.tls entry whose hosts list every spec.rules[].host, with a certificate secret (for example from cert-manager or Key Vault).",
}, { Ingress: ["networking.k8s.io", "extensions"] }, (ing, _cfg, report) => {
    const rules = get(ing.obj, "spec", "rules");
    const tls = get(ing.obj, "spec", "tls");
    if (rules === UNKNOWN || tls === UNKNOWN) return;
    if (ing.partial && (rules === undefined || tls === undefined)) return; // the live object keeps what the patch omits

    // What the TLS entries cover: known host names, and whether some entry is still unknown.
    const entries = Array.isArray(tls) ? tls : [];
    const tlsHosts: string[] = [];
    let tlsUnknown = false;
    entries.forEach(entry => {
        const hosts = get(entry, "hosts");
        if (hosts === UNKNOWN) { tlsUnknown = true; return; }
        for (const h of arr(entry, "hosts")) {
            const v = get(h);
            if (v === UNKNOWN) tlsUnknown = true;
            else if (typeof v === "string") tlsHosts.push(v.toLowerCase());
        }
    });

    const missing: string[] = [];
    const list = Array.isArray(rules) ? rules : [];
    list.forEach((rule, i) => {
        const host = get(rule, "host");
        if (host === UNKNOWN) return;
        if (host === undefined || host === null || host === "") {
            if (entries.length === 0) missing.push(`${ing.path}spec.rules[${i}] (no host) has no TLS entry`);
            return;
        }
        if (typeof host !== "string") return; // not a host name: the API server rejects it
        if (tlsUnknown || tlsHosts.some(t => tlsCovers(t, host.toLowerCase()))) return;
        missing.push(`${ing.path}spec.rules[${i}].host is not in any spec.tls[].hosts`);
    });
    // networking.k8s.io/v1 calls it defaultBackend, the beta versions backend.
    const backendField = get(ing.obj, "spec", "defaultBackend") !== undefined ? "defaultBackend" : "backend";
    const backend = get(ing.obj, "spec", backendField);
    if (list.length === 0 && backend !== undefined && backend !== null && backend !== UNKNOWN && entries.length === 0) {
        missing.push(`${ing.path}spec.${backendField} serves every host and there is no TLS entry`);
    }
    for (const m of missing) report(`${m}; add a spec.tls entry covering it with a certificate secret.`);
});
