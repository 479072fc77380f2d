// k8s-internal-load-balancer
// A Service of type LoadBalancer carries the annotation
// service.beta.kubernetes.io/azure-load-balancer-internal: "true" (any case, as the Azure cloud
// provider reads it), so that AKS gives it a private address in the cluster's virtual network
// instead of a public IP. Services listed in allowedPublicServices (globs on namespace/name) may be
// public; a Service without metadata.namespace is matched as default/<name>.
import { landingNamespace } from "../lib/k8s";
import { matchesAny } from "../lib/exemptions";
import { objectPolicy } from "../lib/policy";
import { get, sameIgnoringCase, UNKNOWN } from "../lib/values";

export const INTERNAL_LB_ANNOTATION = "service.beta.kubernetes.io/azure-load-balancer-internal";

export const internalLoadBalancer = objectPolicy({
    name: "k8s-internal-load-balancer",
    practice: "11.1",
    description: "LoadBalancer Services must be internal (azure-load-balancer-internal: \"true\").",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: `Add the annotation ${INTERNAL_LB_ANNOTATION}: "true" to the Service, and publish it through an Application Gateway, Front Door or an ingress controller with a WAF; or list it in allowedPublicServices.`,
    config: {
        allowedPublicServices: {
            type: "array", items: { type: "string" }, default: [],
            description: "Services (globs on namespace/name) that may have a public load balancer.",
        },
    },
}, { Service: ["core"] }, (svc, cfg, report, args) => {
    const type = get(svc.obj, "spec", "type");
    if (type !== "LoadBalancer") return; // unknown, another type, or a patch that leaves the type alone
    const value = get(svc.obj, "metadata", "annotations", INTERNAL_LB_ANNOTATION);
    if (value === UNKNOWN) return;
    if (sameIgnoringCase(value, "true")) return;
    if (value === undefined && svc.partial) return; // the annotation may already be on the live object
    const allowed = Array.isArray(cfg.allowedPublicServices) ? cfg.allowedPublicServices : [];
    if (allowed.length > 0) {
        const ns = landingNamespace(svc, args.provider);
        if (ns === UNKNOWN) return; // cannot be matched against allowedPublicServices until it is known
        if (ns !== undefined && matchesAny(allowed, `${ns}/${svc.name}`)) return;
    }
    const field = `${svc.path}metadata.annotations["${INTERNAL_LB_ANNOTATION}"]`;
    const problem = value === undefined || value === null ? "is not set" : typeof value === "string" ? "is not \"true\"" : "is not the string \"true\"";
    report(`a load balancer Service gets a public IP: ${field} ${problem}; set it to "true" or list the service in allowedPublicServices.`);
});
