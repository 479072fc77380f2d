// k8s-mesh-mtls-strict
// Service-to-service traffic is mutually authenticated and encrypted: an Istio PeerAuthentication
// (security.istio.io, any version) does not set spec.mtls.mode, or any
// spec.portLevelMtls[<port>].mode, to PERMISSIVE or DISABLE; a Dapr Configuration (dapr.io) does
// not set spec.mtls.enabled to false. UNSET inherits from the parent scope and is not judged here.
// The client side too: an Istio DestinationRule (networking.istio.io, any version) does not set
// tls.mode DISABLE (plaintext to the destination, whatever the server's PeerAuthentication says)
// in spec.trafficPolicy, any of its portLevelSettings, or the same inside a subset's trafficPolicy.
// Mode names compare case-insensitively (a lower-case value is no safer than the upper-case one).
import { customResourceFilter, customResourceObjects } from "../lib/custom-resources";
import { K8sObject } from "../lib/k8s";
import { k8sPolicy, viewsOf } from "../lib/policy";
import { KindGroups } from "../lib/tokens";
import { arr, get, isFalse, obj, sameIgnoringCase, UNKNOWN } from "../lib/values";

const MESH_KINDS: KindGroups = { PeerAuthentication: ["security.istio.io"], Configuration: ["dapr.io"], DestinationRule: ["networking.istio.io"] };
const WEAK_MODES = new Set(["PERMISSIVE", "DISABLE"]);

const weak = (mode: unknown) => typeof mode === "string" && WEAK_MODES.has(mode.toUpperCase());

/** The paths of a DestinationRule's traffic policies (the rule's own, then each subset's) that set tls.mode DISABLE. */
function plaintextPolicies(o: K8sObject): string[] {
    const out: string[] = [];
    const judge = (policy: unknown, at: string) => {
        if (sameIgnoringCase(get(policy, "tls", "mode"), "DISABLE")) out.push(`${at}.tls.mode`);
        arr(policy, "portLevelSettings").forEach((port, i) => {
            if (sameIgnoringCase(get(port, "tls", "mode"), "DISABLE")) out.push(`${at}.portLevelSettings[${i}].tls.mode`);
        });
    };
    judge(get(o.obj, "spec", "trafficPolicy"), `${o.path}spec.trafficPolicy`);
    arr(o.obj, "spec", "subsets").forEach((subset, i) => judge(get(subset, "trafficPolicy"), `${o.path}spec.subsets[${i}].trafficPolicy`));
    return out;
}

export const meshMtlsStrict = k8sPolicy({
    name: "k8s-mesh-mtls-strict",
    practice: "7",
    description: "Istio PeerAuthentication must require strict mTLS (no permissive or disabled mode, also per port), no Istio DestinationRule may turn TLS off (tls.mode DISABLE), and Dapr mTLS must stay on.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: "Set spec.mtls.mode (and every spec.portLevelMtls entry) of the PeerAuthentication to STRICT; in a DestinationRule set tls.mode to ISTIO_MUTUAL (or remove tls so that Istio's automatic mTLS applies); for Dapr set spec.mtls.enabled: true in its Configuration.",
}, viewsOf(customResourceFilter(MESH_KINDS), (type, props, name) => customResourceObjects(type, props, name, MESH_KINDS)), (o, _cfg, report) => {
    if (o.kind === "Configuration") {
        const enabled = get(o.obj, "spec", "mtls", "enabled");
        if (isFalse(enabled)) {
            report(`${o.path}spec.mtls.enabled turns Dapr mTLS off; set it to true.`);
        }
        return;
    }
    if (o.kind === "DestinationRule") {
        for (const field of plaintextPolicies(o)) {
            report(`${field} sends plaintext to the destination, whatever its PeerAuthentication requires; set it to ISTIO_MUTUAL, or remove the tls setting so that Istio's automatic mTLS applies.`);
        }
        return;
    }
    // The messages name the field, not the mode, so that they never repeat a resource string.
    if (weak(get(o.obj, "spec", "mtls", "mode"))) {
        report(`${o.path}spec.mtls.mode lets workloads accept plaintext traffic; set it to STRICT.`);
    }
    const ports = obj(o.obj, "spec", "portLevelMtls");
    // Port entries are named by their position in the map, not by their key (a resource string).
    Object.keys(ports ?? {}).forEach((port, i) => {
        const mode = get(ports, port, "mode");
        if (mode !== UNKNOWN && weak(mode)) {
            report(`${o.path}spec.portLevelMtls[${i}].mode (port-level entry ${i + 1}) lets that port accept plaintext traffic; set it to STRICT.`);
        }
    });
});
