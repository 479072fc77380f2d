// k8s-mesh-mtls-strict
// Service-to-service traffic is mutually authenticated and encrypted: an Istio PeerAuthentication
// (security.istio.io, any version) does not set spec.mtls.mode, or any
// spec.portLevelMtls[<port>].mode, to PERMISSIVE or DISABLE; a Dapr Configuration (dapr.io) does
// not set spec.mtls.enabled to false. UNSET inherits from the parent scope and is not judged here.
// Mode names compare case-insensitively (a lower-case value is no safer than the upper-case one).
import { customResourceFilter, customResourceObjects } from "../lib/custom-resources";
import { k8sPolicy, viewsOf } from "../lib/policy";
import { KindGroups } from "../lib/tokens";
import { get, isFalse, obj, UNKNOWN } from "../lib/values";

const MESH_KINDS: KindGroups = { PeerAuthentication: ["security.istio.io"], Configuration: ["dapr.io"] };
const WEAK_MODES = new Set(["PERMISSIVE", "DISABLE"]);

const weak = (mode: unknown) => typeof mode === "string" && WEAK_MODES.has(mode.toUpperCase());

export const meshMtlsStrict = k8sPolicy({
    name: "k8s-mesh-mtls-strict",
    practice: "7",
    description: "Istio PeerAuthentication must require strict mTLS (no permissive or disabled mode, also per port); Dapr mTLS must stay on.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: "Set spec.mtls.mode (and every spec.portLevelMtls entry) of the PeerAuthentication to STRICT; for Dapr set spec.mtls.enabled: true in its Configuration.",
}, viewsOf(customResourceFilter(MESH_KINDS), (type, props, name) => customResourceObjects(type, props, name, MESH_KINDS)), (o, _cfg, report) => {
    if (o.kind === "Configuration") {
        const enabled = get(o.obj, "spec", "mtls", "enabled");
        if (isFalse(enabled)) {
            report(`${o.path}spec.mtls.enabled turns Dapr mTLS off; set it to true.`);
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
