import * as assert from "assert";
import { UNKNOWN_STRING } from "../../../harness";
import { CLUSTER_VERSIONED, clusterWith, hardenedCluster } from "../../support/azure";
import { messages, PolicyContract } from "../../support/util";

const policy = "aks-workload-identity";

export const contract: PolicyContract = {
    policy,
    bad: [clusterWith(c => { c.securityProfile.workloadIdentity.enabled = false; })],
    target: 0,
    field: ["securityProfile", "workloadIdentity", "enabled"],
};

describe(policy, () => {
    it("passes the hardened cluster (OIDC issuer and Workload Identity on)", async () => {
        assert.deepStrictEqual(await messages(policy, hardenedCluster()), []);
    });

    it("fires when Workload Identity is off", async () => {
        assert.deepStrictEqual(await messages(policy, contract.bad), ['ManagedCluster "prod-aks": sets securityProfile.workloadIdentity.enabled to false; set it to true.']);
    });

    it("fires when the OIDC issuer is not enabled", async () => {
        assert.deepStrictEqual(await messages(policy, clusterWith(c => { delete c.oidcIssuerProfile; })), ['ManagedCluster "prod-aks": does not set oidcIssuerProfile.enabled; set it to true.']);
    });

    it("defers an unknown field and still reports the known one beside it", async () => {
        assert.deepStrictEqual(await messages(policy, clusterWith(c => { c.oidcIssuerProfile.enabled = UNKNOWN_STRING; c.securityProfile.workloadIdentity = UNKNOWN_STRING; })), []);
        assert.deepStrictEqual(await messages(policy, clusterWith(c => { c.oidcIssuerProfile = UNKNOWN_STRING; c.securityProfile.workloadIdentity.enabled = false; })), [
            'ManagedCluster "prod-aks": sets securityProfile.workloadIdentity.enabled to false; set it to true.',
        ]);
    });

    it("matches a versioned ManagedCluster token", async () => {
        assert.strictEqual((await messages(policy, clusterWith(c => { delete c.oidcIssuerProfile; delete c.securityProfile; }, { token: CLUSTER_VERSIONED }))).length, 2);
    });
});
