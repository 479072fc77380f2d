import * as assert from "assert";
import { UNKNOWN_STRING } from "../../../harness";
import { k8s, list, peerAuthentication } from "../../support/stack-fixtures";
import { messages, PolicyContract } from "../../support/util";

const policy = "k8s-mesh-mtls-strict";

export const contract: PolicyContract = {
    policy,
    bad: [peerAuthentication("apps", "PERMISSIVE")],
    target: 0,
    field: ["spec", "mtls", "mode"],
};

const dapr = (mtls: unknown, token = "kubernetes:dapr.io/v1alpha1:Configuration") =>
    k8s(token, "daprsystem", "dapr-system", { spec: { mtls, tracing: { samplingRate: "1" } } });

/** The generic CustomResource token some SDKs register, with apiVersion and kind in props. */
const generic = (props: Record<string, unknown>, patch = false) =>
    ({ type: `kubernetes:apiextensions.k8s.io:CustomResource${patch ? "Patch" : ""}`, name: "pa", props });

describe(policy, () => {
    for (const version of ["v1", "v1beta1", "v1alpha1"]) {
        it(`passes a STRICT PeerAuthentication (security.istio.io/${version})`, async () => {
            assert.deepStrictEqual(await messages(policy, peerAuthentication("apps", "STRICT", "default", `security.istio.io/${version}`)), []);
        });
        for (const mode of ["PERMISSIVE", "DISABLE"]) {
            it(`fires on mode ${mode} (security.istio.io/${version})`, async () => {
                assert.deepStrictEqual(await messages(policy, peerAuthentication("apps", mode, "default", `security.istio.io/${version}`)), [
                    'PeerAuthentication "apps/default": spec.mtls.mode lets workloads accept plaintext traffic; set it to STRICT.',
                ]);
            });
        }
    }

    it("compares modes case-insensitively and leaves UNSET (inherited) alone", async () => {
        assert.strictEqual((await messages(policy, peerAuthentication("apps", "permissive"))).length, 1);
        assert.deepStrictEqual(await messages(policy, peerAuthentication("apps", "UNSET")), []);
        assert.deepStrictEqual(await messages(policy, k8s("kubernetes:security.istio.io/v1:PeerAuthentication", "pa", "apps", { spec: { selector: { matchLabels: { app: "web" } } } })), []);
    });

    it("fires on each weak portLevelMtls entry, even when the workload mode is STRICT", async () => {
        const pa = k8s("kubernetes:security.istio.io/v1beta1:PeerAuthentication", "web", "apps", {
            spec: { selector: { matchLabels: { app: "web" } }, mtls: { mode: "STRICT" }, portLevelMtls: { 8080: { mode: "DISABLE" }, 8443: { mode: "STRICT" }, 9090: { mode: "PERMISSIVE" } } },
        });
        assert.deepStrictEqual(await messages(policy, pa), [
            'PeerAuthentication "apps/web": spec.portLevelMtls[0].mode (port-level entry 1) lets that port accept plaintext traffic; set it to STRICT.',
            'PeerAuthentication "apps/web": spec.portLevelMtls[2].mode (port-level entry 3) lets that port accept plaintext traffic; set it to STRICT.',
        ]);
    });

    it("defers an unknown mode and still reports a known weak port beside it", async () => {
        const pa = k8s("kubernetes:security.istio.io/v1:PeerAuthentication", "web", "apps", {
            spec: { mtls: { mode: UNKNOWN_STRING }, portLevelMtls: { 8080: { mode: UNKNOWN_STRING }, 9090: { mode: "DISABLE" } } },
        });
        const m = await messages(policy, pa);
        assert.strictEqual(m.length, 1);
        assert.match(m[0], /portLevelMtls\[1\]/);
    });

    it("reads the generic CustomResource token with apiVersion and kind in props", async () => {
        const bad = peerAuthentication("apps", "DISABLE").props;
        assert.strictEqual((await messages(policy, generic(bad))).length, 1);
        assert.strictEqual((await messages(policy, generic(bad, true))).length, 1);
        assert.deepStrictEqual(await messages(policy, generic({ ...bad, apiVersion: UNKNOWN_STRING })), []);
        assert.deepStrictEqual(await messages(policy, generic({ ...bad, apiVersion: "example.com/v1" })), []);
    });

    it("judges a Patch on what it sets, and every item of a List", async () => {
        const patch = k8s("kubernetes:security.istio.io/v1:PeerAuthenticationPatch", "default", "istio-system", { spec: { mtls: { mode: "PERMISSIVE" } } });
        assert.strictEqual((await messages(policy, patch)).length, 1);
        assert.deepStrictEqual(await messages(policy, k8s("kubernetes:security.istio.io/v1:PeerAuthenticationPatch", "default", "istio-system", {})), []);
        const m = await messages(policy, list("kubernetes:security.istio.io/v1:PeerAuthenticationList", "pas", [peerAuthentication("a", "STRICT"), peerAuthentication("b", "PERMISSIVE")]));
        assert.deepStrictEqual(m, ['PeerAuthentication "b/default": items[1].spec.mtls.mode lets workloads accept plaintext traffic; set it to STRICT.']);
    });

    it("fires when a Dapr Configuration turns mTLS off", async () => {
        assert.deepStrictEqual(await messages(policy, dapr({ enabled: false })), ['Configuration "dapr-system/daprsystem": spec.mtls.enabled turns Dapr mTLS off; set it to true.']);
        assert.strictEqual((await messages(policy, dapr({ enabled: "False" }))).length, 1);
        assert.strictEqual((await messages(policy, generic(dapr({ enabled: false }).props))).length, 1);
    });

    it("passes a Dapr Configuration with mTLS on or unset, and defers an unknown one", async () => {
        assert.deepStrictEqual(await messages(policy, [dapr({ enabled: true, workloadCertTTL: "24h" }), dapr(undefined), dapr({ enabled: UNKNOWN_STRING })]), []);
    });

    it("does not judge a Configuration of another group", async () => {
        assert.deepStrictEqual(await messages(policy, dapr({ enabled: false }, "kubernetes:example.com/v1:Configuration")), []);
    });

    // DestinationRule fields from Istio's networking/v1 API reference (TrafficPolicy.tls,
    // TrafficPolicy.portLevelSettings[].tls, Subset.trafficPolicy; ClientTLSSettings.TLSmode
    // DISABLE: "Do not setup a TLS connection to the upstream endpoint").
    const destinationRule = (spec: Record<string, unknown>, apiVersion = "networking.istio.io/v1") =>
        k8s(`kubernetes:${apiVersion}:DestinationRule`, "web", "apps", { spec: { host: "web.apps.svc.cluster.local", ...spec } });
    const plaintext = (field: string, label = 'DestinationRule "apps/web"') =>
        `${label}: ${field} sends plaintext to the destination, whatever its PeerAuthentication requires; set it to ISTIO_MUTUAL, or remove the tls setting so that Istio's automatic mTLS applies.`;

    for (const version of ["v1", "v1beta1", "v1alpha3"]) {
        it(`fires on a DestinationRule (networking.istio.io/${version}) with trafficPolicy.tls.mode DISABLE`, async () => {
            assert.deepStrictEqual(await messages(policy, destinationRule({ trafficPolicy: { tls: { mode: "DISABLE" } } }, `networking.istio.io/${version}`)), [plaintext("spec.trafficPolicy.tls.mode")]);
        });
    }

    it("fires on every portLevelSettings entry and subset traffic policy that disables TLS, even beside ISTIO_MUTUAL", async () => {
        const dr = destinationRule({
            trafficPolicy: { tls: { mode: "ISTIO_MUTUAL" }, portLevelSettings: [{ port: { number: 8080 }, tls: { mode: "DISABLE" } }, { port: { number: 8443 }, tls: { mode: "ISTIO_MUTUAL" } }, { port: { number: 9090 }, tls: { mode: "disable" } }] },
            subsets: [{ name: "v1", labels: { version: "v1" } }, { name: "v2", labels: { version: "v2" }, trafficPolicy: { tls: { mode: "DISABLE" }, portLevelSettings: [{ port: { number: 80 }, tls: { mode: "DISABLE" } }] } }],
        });
        assert.deepStrictEqual(await messages(policy, dr), [
            plaintext("spec.trafficPolicy.portLevelSettings[0].tls.mode"),
            plaintext("spec.trafficPolicy.portLevelSettings[2].tls.mode"),
            plaintext("spec.subsets[1].trafficPolicy.tls.mode"),
            plaintext("spec.subsets[1].trafficPolicy.portLevelSettings[0].tls.mode"),
        ]);
    });

    it("passes DestinationRules that keep TLS: ISTIO_MUTUAL, MUTUAL, SIMPLE, or no tls (automatic mTLS)", async () => {
        for (const mode of ["ISTIO_MUTUAL", "MUTUAL", "SIMPLE"]) {
            assert.deepStrictEqual(await messages(policy, destinationRule({ trafficPolicy: { tls: { mode } } })), [], mode);
        }
        assert.deepStrictEqual(await messages(policy, destinationRule({ trafficPolicy: { loadBalancer: { simple: "ROUND_ROBIN" } } })), []);
        assert.deepStrictEqual(await messages(policy, destinationRule({})), []);
    });

    it("reads a DestinationRule as a generic CustomResource, a Patch and a List item", async () => {
        const bad = destinationRule({ trafficPolicy: { tls: { mode: "DISABLE" } } });
        assert.strictEqual((await messages(policy, generic(bad.props))).length, 1);
        assert.strictEqual((await messages(policy, { ...bad, type: "kubernetes:networking.istio.io/v1:DestinationRulePatch" })).length, 1);
        assert.deepStrictEqual(await messages(policy, list("kubernetes:networking.istio.io/v1beta1:DestinationRuleList", "drs", [destinationRule({}), bad])),
            [plaintext("items[1].spec.trafficPolicy.tls.mode")]);
    });

    it("defers unknown DestinationRule modes and gives clean verdicts on malformed ones", async () => {
        assert.deepStrictEqual(await messages(policy, destinationRule({ trafficPolicy: { tls: { mode: UNKNOWN_STRING }, portLevelSettings: UNKNOWN_STRING }, subsets: UNKNOWN_STRING })), []);
        assert.deepStrictEqual(await messages(policy, destinationRule({ trafficPolicy: { tls: UNKNOWN_STRING, portLevelSettings: [{ tls: { mode: "DISABLE" } }] } })), [plaintext("spec.trafficPolicy.portLevelSettings[0].tls.mode")]);
        assert.deepStrictEqual(await messages(policy, destinationRule({ trafficPolicy: "x", subsets: [null, 3, { trafficPolicy: [] }] })), []);
        assert.deepStrictEqual(await messages(policy, destinationRule({ trafficPolicy: { tls: { mode: 0 }, portLevelSettings: { port: 1 } } })), []);
    });
});
