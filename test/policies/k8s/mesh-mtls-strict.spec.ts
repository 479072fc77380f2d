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
});
