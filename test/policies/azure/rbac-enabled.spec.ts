import * as assert from "assert";
import { UNKNOWN_STRING } from "../../../harness";
import { CLUSTER_PREVIEW, CLUSTER_VERSIONED, clusterWith, hardenedCluster } from "../../support/azure";
import { messages, PolicyContract } from "../../support/util";

const policy = "aks-rbac-enabled";

export const contract: PolicyContract = {
    policy,
    bad: [clusterWith(c => { c.enableRBAC = false; })],
    target: 0,
    field: ["enableRBAC"],
};

describe(policy, () => {
    it("passes the hardened cluster (enableRBAC: true)", async () => {
        assert.deepStrictEqual(await messages(policy, hardenedCluster()), []);
    });

    it("passes a cluster that leaves enableRBAC unset (Azure's default is on)", async () => {
        assert.deepStrictEqual(await messages(policy, clusterWith(c => { delete c.enableRBAC; })), []);
        assert.deepStrictEqual(await messages(policy, clusterWith(c => { c.enableRBAC = null; })), []);
    });

    it("fires when enableRBAC is false", async () => {
        assert.deepStrictEqual(await messages(policy, contract.bad), [
            'ManagedCluster "prod-aks": sets enableRBAC to false; set it to true (or leave it unset) so that Kubernetes RBAC authorizes every request.',
        ]);
    });

    it("fires when enableRBAC is the string \"false\" in any case (ARM JSON), and passes \"true\"", async () => {
        for (const v of ["false", "False", "FALSE"]) {
            assert.deepStrictEqual(await messages(policy, clusterWith(c => { c.enableRBAC = v; })), [
                'ManagedCluster "prod-aks": sets enableRBAC to false; set it to true (or leave it unset) so that Kubernetes RBAC authorizes every request.',
            ], v);
        }
        assert.deepStrictEqual(await messages(policy, clusterWith(c => { c.enableRBAC = "true"; })), []);
    });

    it("defers an unknown enableRBAC, and still fires when a neighbouring field is unknown", async () => {
        assert.deepStrictEqual(await messages(policy, clusterWith(c => { c.enableRBAC = UNKNOWN_STRING; })), []);
        assert.strictEqual((await messages(policy, clusterWith(c => { c.enableRBAC = false; c.aadProfile = UNKNOWN_STRING; }))).length, 1);
    });

    it("matches versioned and preview ManagedCluster tokens", async () => {
        for (const token of [CLUSTER_VERSIONED, CLUSTER_PREVIEW]) {
            assert.strictEqual((await messages(policy, clusterWith(c => { c.enableRBAC = false; }, { token }))).length, 1, token);
        }
    });
});
