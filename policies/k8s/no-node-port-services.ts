// k8s-no-node-port-services
// A Service is not of type NodePort: a node port opens the service on every node's address,
// outside the ingress path and its TLS and WAF. Use ClusterIP behind an Ingress, or an internal
// LoadBalancer Service.
import { objectPolicy } from "../lib/policy";
import { get } from "../lib/values";

export const noNodePortServices = objectPolicy({
    name: "k8s-no-node-port-services",
    practice: "11.1",
    description: "Services must not be exposed on a port of every node.",
    enforcementLevel: "advisory",
    severity: "medium",
    remediationSteps: "Change spec.type to ClusterIP and expose the service through an Ingress, or use an internal LoadBalancer Service.",
}, { Service: ["core"] }, (svc, _cfg, report) => {
    // Service types compare case-sensitively, as the API server validates them.
    if (get(svc.obj, "spec", "type") === "NodePort") {
        report(`${svc.path}spec.type opens the service on a port of every node; use ClusterIP behind an Ingress or an internal load balancer.`);
    }
});
