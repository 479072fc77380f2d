import * as assert from "assert";
import { UNKNOWN_STRING } from "../../../harness";
import { CLUSTER_PREVIEW, clusterWith, hardenedCluster } from "../../support/azure";
import { messages, PolicyContract } from "../../support/util";

const policy = "aks-network-policy-enabled";
const fix = "set it to one of azure, calico, cilium so that NetworkPolicies are enforced.";

export const contract: PolicyContract = {
    policy,
    bad: [clusterWith(c => { c.networkProfile.networkPolicy = "none"; })],
    target: 0,
    field: ["networkProfile", "networkPolicy"],
};

describe(policy, () => {
    it("passes azure, calico and cilium in any case", async () => {
        assert.deepStrictEqual(await messages(policy, hardenedCluster()), []);
        for (const engine of ["azure", "Azure", "calico", "CALICO", "Cilium"]) {
            assert.deepStrictEqual(await messages(policy, clusterWith(c => { c.networkProfile.networkPolicy = engine; })), [], engine);
        }
    });

    it("fires on none, on an empty string and on an unset networkPolicy", async () => {
        assert.deepStrictEqual(await messages(policy, contract.bad), [`ManagedCluster "prod-aks": sets networkProfile.networkPolicy to no supported engine; ${fix}`]);
        for (const change of [(c: any) => { c.networkProfile.networkPolicy = ""; }, (c: any) => { delete c.networkProfile.networkPolicy; }, (c: any) => { delete c.networkProfile; }]) {
            assert.deepStrictEqual(await messages(policy, clusterWith(change)), [`ManagedCluster "prod-aks": does not set networkProfile.networkPolicy; ${fix}`]);
        }
    });

    it("never repeats the configured value", async () => {
        const m = await messages(policy, clusterWith(c => { c.networkProfile.networkPolicy = "weave-secret-engine"; }));
        assert.strictEqual(m.length, 1);
        assert.ok(!m[0].includes("weave"), m[0]);
    });

    it("defers an unknown networkPolicy, and still fires when a neighbouring field is unknown", async () => {
        assert.deepStrictEqual(await messages(policy, clusterWith(c => { c.networkProfile.networkPolicy = UNKNOWN_STRING; })), []);
        assert.deepStrictEqual(await messages(policy, clusterWith(c => { c.networkProfile = UNKNOWN_STRING; })), []);
        assert.strictEqual((await messages(policy, clusterWith(c => { c.networkProfile.networkPolicy = "none"; c.networkProfile.outboundType = UNKNOWN_STRING; }))).length, 1);
    });

    it("matches a preview ManagedCluster token", async () => {
        assert.strictEqual((await messages(policy, clusterWith(c => { delete c.networkProfile; }, { token: CLUSTER_PREVIEW }))).length, 1);
    });
});
