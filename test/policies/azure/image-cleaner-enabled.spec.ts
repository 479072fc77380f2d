import * as assert from "assert";
import { UNKNOWN_STRING } from "../../../harness";
import { cluster, CLUSTER_PREVIEW, CLUSTER_VERSIONED, hardenedCluster, hardenedClusterProps } from "../../azure";
import { messages, mutate, PolicyContract } from "../../util";

const policy = "aks-image-cleaner-enabled";

export const contract: PolicyContract = {
    policy,
    bad: [cluster(mutate(hardenedClusterProps(), c => { c.securityProfile.imageCleaner.enabled = false; }))],
    target: 0,
    field: ["securityProfile", "imageCleaner", "enabled"],
};

describe(policy, () => {
    it("passes the hardened cluster", async () => {
        assert.deepStrictEqual(await messages(policy, hardenedCluster()), []);
    });

    it("fires when Image Cleaner is disabled", async () => {
        assert.deepStrictEqual(await messages(policy, contract.bad), [
            'ManagedCluster "prod-aks": sets securityProfile.imageCleaner.enabled to false; set it to true to remove unused images from the nodes.',
        ]);
    });

    it("fires when securityProfile has no imageCleaner", async () => {
        const m = await messages(policy, cluster(mutate(hardenedClusterProps(), c => { delete c.securityProfile.imageCleaner; })));
        assert.deepStrictEqual(m, ['ManagedCluster "prod-aks": does not set securityProfile.imageCleaner.enabled; set it to true to remove unused images from the nodes.']);
    });

    it("defers an unknown securityProfile", async () => {
        assert.deepStrictEqual(await messages(policy, cluster(mutate(hardenedClusterProps(), c => { c.securityProfile = UNKNOWN_STRING; }))), []);
    });

    it("matches versioned and preview ManagedCluster tokens", async () => {
        for (const token of [CLUSTER_VERSIONED, CLUSTER_PREVIEW]) {
            assert.strictEqual((await messages(policy, cluster(contract.bad[0].props, { token }))).length, 1, token);
            assert.deepStrictEqual(await messages(policy, hardenedCluster({ token })), [], token);
        }
    });

    it("exempts a cluster by its Azure name", async () => {
        assert.deepStrictEqual(await messages(policy, contract.bad, { excludeResources: ["prod-*"] }), []);
    });
});
