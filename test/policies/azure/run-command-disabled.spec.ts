import * as assert from "assert";
import { UNKNOWN_STRING } from "../../../harness";
import { CLUSTER_VERSIONED, clusterWith, hardenedCluster } from "../../support/azure";
import { messages, PolicyContract } from "../../support/util";

const policy = "aks-run-command-disabled";

export const contract: PolicyContract = {
    policy,
    bad: [clusterWith(c => { c.apiServerAccessProfile.disableRunCommand = false; })],
    target: 0,
    field: ["apiServerAccessProfile", "disableRunCommand"],
};

describe(policy, () => {
    it("passes the hardened cluster (disableRunCommand: true)", async () => {
        assert.deepStrictEqual(await messages(policy, hardenedCluster()), []);
    });

    it("fires when Run Command stays enabled", async () => {
        assert.deepStrictEqual(await messages(policy, contract.bad), ['ManagedCluster "prod-aks": sets apiServerAccessProfile.disableRunCommand to false; set it to true.']);
        assert.deepStrictEqual(await messages(policy, clusterWith(c => { delete c.apiServerAccessProfile; })), ['ManagedCluster "prod-aks": does not set apiServerAccessProfile.disableRunCommand; set it to true.']);
    });

    it("defers an unknown value, and still fires when a neighbouring field is unknown", async () => {
        assert.deepStrictEqual(await messages(policy, clusterWith(c => { c.apiServerAccessProfile.disableRunCommand = UNKNOWN_STRING; })), []);
        assert.strictEqual((await messages(policy, clusterWith(c => { c.apiServerAccessProfile.disableRunCommand = false; c.apiServerAccessProfile.enablePrivateCluster = UNKNOWN_STRING; }))).length, 1);
    });

    it("matches a versioned ManagedCluster token", async () => {
        assert.strictEqual((await messages(policy, clusterWith(c => { delete c.apiServerAccessProfile; }, { token: CLUSTER_VERSIONED }))).length, 1);
    });
});
