import * as assert from "assert";
import { UNKNOWN_STRING } from "../../../harness";
import { CLUSTER_PREVIEW, clusterWith, hardenedCluster } from "../../support/azure";
import { messages, PolicyContract } from "../../support/util";

const policy = "aks-auto-upgrade-enabled";
const channelFix = "set it to patch, stable or rapid.";
const nodeOS = 'ManagedCluster "prod-aks": sets autoUpgradeProfile.nodeOSUpgradeChannel to a channel that does not patch the node OS; set it to NodeImage or SecurityPatch.';

export const contract: PolicyContract = {
    policy,
    bad: [clusterWith(c => { c.autoUpgradeProfile.upgradeChannel = "none"; })],
    target: 0,
    field: ["autoUpgradeProfile", "upgradeChannel"],
};

describe(policy, () => {
    it("passes the hardened cluster and every upgrading channel", async () => {
        assert.deepStrictEqual(await messages(policy, hardenedCluster()), []);
        for (const channel of ["rapid", "stable", "patch", "Stable"]) {
            assert.deepStrictEqual(await messages(policy, clusterWith(c => { c.autoUpgradeProfile.upgradeChannel = channel; })), [], channel);
        }
    });

    it("fires on upgradeChannel none in any case", async () => {
        for (const channel of ["none", "None"]) {
            assert.deepStrictEqual(await messages(policy, clusterWith(c => { c.autoUpgradeProfile.upgradeChannel = channel; })), [
                `ManagedCluster "prod-aks": sets autoUpgradeProfile.upgradeChannel to the channel that turns automatic upgrades off; ${channelFix}`,
            ]);
        }
    });

    // AKS docs ("Automatically upgrade an AKS cluster", channels table): node-image "automatically
    // upgrades the node image to the latest version available" and leaves the Kubernetes version alone;
    // node OS images are the job of nodeOSUpgradeChannel.
    it("fires on upgradeChannel node-image in any case, which never upgrades Kubernetes", async () => {
        for (const channel of ["node-image", "Node-Image"]) {
            assert.deepStrictEqual(await messages(policy, clusterWith(c => { c.autoUpgradeProfile.upgradeChannel = channel; })), [
                'ManagedCluster "prod-aks": sets autoUpgradeProfile.upgradeChannel to the channel that upgrades only node images, never Kubernetes itself; set it to patch, stable or rapid, and leave node images to autoUpgradeProfile.nodeOSUpgradeChannel.',
            ], channel);
        }
    });

    it("fires on an unset upgradeChannel (AKS's default is none)", async () => {
        const expected = [`ManagedCluster "prod-aks": does not set autoUpgradeProfile.upgradeChannel (AKS's default is none); ${channelFix}`];
        assert.deepStrictEqual(await messages(policy, clusterWith(c => { delete c.autoUpgradeProfile.upgradeChannel; })), expected);
        assert.deepStrictEqual(await messages(policy, clusterWith(c => { delete c.autoUpgradeProfile; })), expected);
    });

    it("passes an unset nodeOSUpgradeChannel (AKS's default is NodeImage) and SecurityPatch", async () => {
        assert.deepStrictEqual(await messages(policy, clusterWith(c => { delete c.autoUpgradeProfile.nodeOSUpgradeChannel; })), []);
        assert.deepStrictEqual(await messages(policy, clusterWith(c => { c.autoUpgradeProfile.nodeOSUpgradeChannel = "SecurityPatch"; })), []);
    });

    it("fires on nodeOSUpgradeChannel None or Unmanaged, in any case", async () => {
        for (const channel of ["None", "Unmanaged", "unmanaged"]) {
            assert.deepStrictEqual(await messages(policy, clusterWith(c => { c.autoUpgradeProfile.nodeOSUpgradeChannel = channel; })), [nodeOS], channel);
        }
    });

    it("defers an unknown channel and still reports the known one beside it", async () => {
        assert.deepStrictEqual(await messages(policy, clusterWith(c => { c.autoUpgradeProfile = UNKNOWN_STRING; })), []);
        assert.deepStrictEqual(await messages(policy, clusterWith(c => { c.autoUpgradeProfile.upgradeChannel = UNKNOWN_STRING; c.autoUpgradeProfile.nodeOSUpgradeChannel = "Unmanaged"; })), [nodeOS]);
        assert.strictEqual((await messages(policy, clusterWith(c => { c.autoUpgradeProfile.upgradeChannel = "none"; c.autoUpgradeProfile.nodeOSUpgradeChannel = UNKNOWN_STRING; }))).length, 1);
    });

    it("matches a preview ManagedCluster token", async () => {
        assert.strictEqual((await messages(policy, clusterWith(c => { c.autoUpgradeProfile.upgradeChannel = "none"; }, { token: CLUSTER_PREVIEW }))).length, 1);
    });
});
