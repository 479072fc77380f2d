import * as assert from "assert";
import { UNKNOWN_STRING } from "../../../harness";
import { CLUSTER_PREVIEW, clusterWith, hardenedCluster } from "../../support/azure";
import { messages, PolicyContract } from "../../support/util";

const policy = "aks-defender-enabled";
const workspaceFix = "set it to the resource id of the Log Analytics workspace that receives Defender data.";

export const contract: PolicyContract = {
    policy,
    bad: [clusterWith(c => { c.securityProfile.defender.securityMonitoring.enabled = false; })],
    target: 0,
    field: ["securityProfile", "defender", "securityMonitoring", "enabled"],
};

describe(policy, () => {
    it("passes the hardened cluster (sensor on, workspace set)", async () => {
        assert.deepStrictEqual(await messages(policy, hardenedCluster()), []);
    });

    it("fires when the Defender sensor is off", async () => {
        assert.deepStrictEqual(await messages(policy, contract.bad), ['ManagedCluster "prod-aks": sets securityProfile.defender.securityMonitoring.enabled to false; set it to true.']);
    });

    it("fires when the sensor has no Log Analytics workspace", async () => {
        assert.deepStrictEqual(await messages(policy, clusterWith(c => { delete c.securityProfile.defender.logAnalyticsWorkspaceResourceId; })), [
            `ManagedCluster "prod-aks": does not set securityProfile.defender.logAnalyticsWorkspaceResourceId; ${workspaceFix}`,
        ]);
        assert.deepStrictEqual(await messages(policy, clusterWith(c => { c.securityProfile.defender.logAnalyticsWorkspaceResourceId = ""; })), [
            `ManagedCluster "prod-aks": does not set securityProfile.defender.logAnalyticsWorkspaceResourceId; ${workspaceFix}`,
        ]);
    });

    it("fires twice when there is no Defender profile", async () => {
        assert.strictEqual((await messages(policy, clusterWith(c => { delete c.securityProfile; }))).length, 2);
    });

    it("defers an unknown workspace id (a computed output) and still reports the sensor beside it", async () => {
        assert.deepStrictEqual(await messages(policy, clusterWith(c => { c.securityProfile.defender.logAnalyticsWorkspaceResourceId = UNKNOWN_STRING; })), []);
        assert.deepStrictEqual(await messages(policy, clusterWith(c => { c.securityProfile.defender = UNKNOWN_STRING; })), []);
        assert.deepStrictEqual(await messages(policy, clusterWith(c => {
            c.securityProfile.defender.logAnalyticsWorkspaceResourceId = UNKNOWN_STRING;
            c.securityProfile.defender.securityMonitoring.enabled = false;
        })), ['ManagedCluster "prod-aks": sets securityProfile.defender.securityMonitoring.enabled to false; set it to true.']);
    });

    it("matches a preview ManagedCluster token", async () => {
        assert.strictEqual((await messages(policy, clusterWith(c => { c.securityProfile.defender.securityMonitoring.enabled = false; }, { token: CLUSTER_PREVIEW }))).length, 1);
    });
});
