// k8s-no-external-ips
// A Service does not set spec.externalIPs: traffic to any listed address is routed to the service
// on every node, which bypasses the cluster's load balancer and lets whoever can create a Service
// intercept traffic for that address (CVE-2020-8554). Expose services through an internal load
// balancer or an Ingress instead.
import { objectPolicy } from "../lib/policy";
import { get, UNKNOWN } from "../lib/values";

export const noExternalIps = objectPolicy({
    name: "k8s-no-external-ips",
    practice: "11.1",
    description: "Services must not set spec.externalIPs.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: "Remove spec.externalIPs; expose the service through an internal LoadBalancer Service or an Ingress.",
}, { Service: ["core"] }, (svc, _cfg, report) => {
    const ips = get(svc.obj, "spec", "externalIPs");
    if (ips === UNKNOWN) return;
    const listed = Array.isArray(ips) ? ips.length : typeof ips === "string" && ips !== "" ? 1 : 0;
    if (listed > 0) {
        report(`${svc.path}spec.externalIPs lists ${listed} address${listed === 1 ? "" : "es"}; remove it and expose the service through an internal load balancer or an Ingress.`);
    }
});
