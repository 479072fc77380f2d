import * as assert from "assert";
import { UNKNOWN_STRING } from "../../../harness";
import { CLUSTER_PREVIEW, CLUSTER_VERSIONED, clusterWith, hardenedCluster } from "../../support/azure";
import { messages, PolicyContract } from "../../support/util";

const policy = "aks-image-cleaner-enabled";

export const contract: PolicyContract = {
    policy,
    bad: [clusterWith(c => { c.securityProfile.imageCleaner.enabled = false; })],
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

    it("fires when securityProfile has no imageCleaner, or there is no securityProfile", async () => {
        const expected = ['ManagedCluster "prod-aks": does not set securityProfile.imageCleaner.enabled; set it to true to remove unused images from the nodes.'];
        assert.deepStrictEqual(await messages(policy, clusterWith(c => { delete c.securityProfile.imageCleaner; })), expected);
        assert.deepStrictEqual(await messages(policy, clusterWith(c => { delete c.securityProfile; })), expected);
    });

    it("defers an unknown imageCleaner, and still fires when a neighbouring profile is unknown", async () => {
        assert.deepStrictEqual(await messages(policy, clusterWith(c => { c.securityProfile.imageCleaner = UNKNOWN_STRING; })), []);
        assert.deepStrictEqual(await messages(policy, clusterWith(c => { c.securityProfile = UNKNOWN_STRING; })), []);
        const m = await messages(policy, clusterWith(c => { c.securityProfile.imageCleaner.enabled = false; c.securityProfile.defender = UNKNOWN_STRING; }));
        assert.strictEqual(m.length, 1);
    });

    it("matches versioned and preview ManagedCluster tokens", async () => {
        for (const token of [CLUSTER_VERSIONED, CLUSTER_PREVIEW]) {
            assert.strictEqual((await messages(policy, clusterWith(c => { c.securityProfile.imageCleaner.enabled = false; }, { token }))).length, 1, token);
            assert.deepStrictEqual(await messages(policy, hardenedCluster({ token })), [], token);
        }
    });

    it("exempts a cluster by its Pulumi name or its Azure name", async () => {
        assert.deepStrictEqual(await messages(policy, contract.bad, { excludeResources: ["prod-*"] }), []);
        assert.deepStrictEqual(await messages(policy, clusterWith(c => { c.securityProfile.imageCleaner.enabled = false; }, { name: "pulumi-name" }), { excludeResources: ["prod-aks"] }), []);
        assert.strictEqual((await messages(policy, contract.bad, { excludeResources: ["staging-*"] })).length, 1);
    });
});
