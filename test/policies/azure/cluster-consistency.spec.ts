import * as assert from "assert";
import { UNKNOWN_STRING } from "../../../harness";
import { hardenedClusterProps } from "../../support/azure";
import { namedCluster, urn } from "../../support/azure-stack";
import { messages, mutate, PolicyContract } from "../../support/util";

const policy = "aks-cluster-consistency";

/** The hardened cluster of test/support/azure.ts under another name (Azure name `${name}-aks`, resource group "rg"). */
const base = { ...hardenedClusterProps(), resourceGroupName: "rg" };
const like = (name: string, change: (p: any) => void = () => {}) => namedCluster(name, mutate({ ...base, resourceName: `${name}-aks` }, change));
const agentPool = (name: string, props: Record<string, unknown>) =>
    ({ type: "azure-native:containerservice:AgentPool", name, props: { resourceGroupName: "rg", agentPoolName: name, ...props } });

export const contract: PolicyContract = {
    policy,
    bad: [like("prod"), like("dev", p => { p.enableRBAC = false; })],
    target: 1,
    field: ["enableRBAC"],
};

describe(policy, () => {
    it("passes clusters that agree on every setting", async () => {
        assert.deepStrictEqual(await messages(policy, [like("a"), like("b"), like("c")]), []);
    });

    it("passes a single cluster and a stack without clusters", async () => {
        assert.deepStrictEqual(await messages(policy, [like("a", p => { p.enableRBAC = false; })]), []);
        assert.deepStrictEqual(await messages(policy, []), []);
    });

    it("reports the cluster that differs, naming the setting and the clusters on each side", async () => {
        const m = await messages(policy, [like("prod-eu"), like("prod-us"), like("dev", p => { p.enableRBAC = false; })]);
        assert.deepStrictEqual(m, ['ManagedCluster "dev": Kubernetes RBAC (enableRBAC) is false while "prod-eu", "prod-us" have true; give the clusters of this stack the same hardened value.']);
    });

    it("holds the weaker clusters to the safest value, even when they are the majority or come first", async () => {
        const m = await messages(policy, [like("a", p => { p.apiServerAccessProfile.disableRunCommand = false; }), like("b", p => { p.apiServerAccessProfile.disableRunCommand = false; }), like("c")]);
        assert.deepStrictEqual(m, [
            'ManagedCluster "a": run command (apiServerAccessProfile.disableRunCommand) is false while "c" has true; give the clusters of this stack the same hardened value.',
            'ManagedCluster "b": run command (apiServerAccessProfile.disableRunCommand) is false while "c" has true; give the clusters of this stack the same hardened value.',
        ]);
        assert.deepStrictEqual(await messages(policy, [like("old", p => { p.kubernetesVersion = "1.32"; }), like("new")]),
            ['ManagedCluster "old": Kubernetes version (kubernetesVersion major.minor) is 1.32 while "new" has 1.33; give the clusters of this stack the same hardened value.']);
    });

    it("among equally safe values takes the most common, then the first cluster's", async () => {
        const m = await messages(policy, [like("a", p => { p.networkProfile.networkPolicy = "calico"; }), like("b")]);
        assert.deepStrictEqual(m, ['ManagedCluster "b": network policy (networkProfile.networkPolicy) is cilium while "a" has calico; give the clusters of this stack the same hardened value.']);
    });

    const differences: [string, (p: any) => void][] = [
        ["local accounts", p => { p.disableLocalAccounts = false; }],
        ["Entra ID integration", p => { delete p.aadProfile.managed; }],
        ["Azure RBAC", p => { p.aadProfile.enableAzureRBAC = false; }],
        ["OIDC issuer", p => { delete p.oidcIssuerProfile; }],
        ["workload identity", p => { p.securityProfile.workloadIdentity.enabled = false; }],
        ["network policy", p => { p.networkProfile.networkPolicy = "azure"; }],
        ["Azure Policy add-on", p => { p.addonProfiles = { azurePolicy: { enabled: false } }; }],
        ["Defender", p => { delete p.securityProfile.defender; }],
        ["private API server", p => { p.apiServerAccessProfile.enablePrivateCluster = false; }],
        ["upgrade channel", p => { p.autoUpgradeProfile.upgradeChannel = "none"; }],
        ["node OS upgrade channel", p => { p.autoUpgradeProfile.nodeOSUpgradeChannel = "Unmanaged"; }],
        ["Kubernetes version", p => { p.kubernetesVersion = "1.31.1"; }],
        ["KMS etcd encryption", p => { p.securityProfile.azureKeyVaultKms.enabled = false; }],
        ["image cleaner", p => { delete p.securityProfile.imageCleaner; }],
        ["outbound type", p => { p.networkProfile.outboundType = "loadBalancer"; }],
        ["node public IPs", p => { p.agentPoolProfiles[0].enableNodePublicIP = true; }],
        ["encryption at host", p => { p.agentPoolProfiles.push({ name: "user", mode: "User" }); }],
    ];
    for (const [label, change] of differences) {
        it(`reports a difference in ${label}`, async () => {
            const m = await messages(policy, [like("a"), like("b"), like("c", change)]);
            assert.strictEqual(m.length, 1, m.join("\n"));
            assert.ok(m[0].startsWith(`ManagedCluster "c": ${label} (`), m[0]);
            assert.match(m[0], /while "a", "b" have/);
        });
    }

    it("compares enums case-insensitively, add-on keys in any case, versions by major.minor, and missing values as Azure's defaults", async () => {
        const m = await messages(policy, [like("a"), like("b", p => {
            p.networkProfile.networkPolicy = "Cilium";
            p.addonProfiles = { AzurePolicy: { enabled: true } };
            p.kubernetesVersion = "1.33.7";
            p.autoUpgradeProfile = { upgradeChannel: "PATCH" };
            delete p.enableRBAC;
        })]);
        assert.deepStrictEqual(m, []);
    });

    it("judges separate AgentPool resources of the cluster", async () => {
        const bad = agentPool("user", { resourceName: "b-aks", enableEncryptionAtHost: true, enableNodePublicIP: true });
        const m = await messages(policy, [like("a"), like("b"), bad]);
        assert.deepStrictEqual(m, ['ManagedCluster "b": node public IPs (enableNodePublicIP on some node pool) is true while "a" has false; give the clusters of this stack the same hardened value.']);
        const byDependency = { ...agentPool("user", { enableEncryptionAtHost: true, enableNodePublicIP: true }), dependencies: [urn(like("b"))] };
        assert.strictEqual((await messages(policy, [like("a"), like("b"), byDependency])).length, 1);
        const ofNoCluster = agentPool("user", { resourceName: "elsewhere", enableEncryptionAtHost: true, enableNodePublicIP: true });
        assert.deepStrictEqual(await messages(policy, [like("a"), like("b"), ofNoCluster]), []);
    });

    it("leaves unknown values out and still reports a known difference beside them", async () => {
        assert.deepStrictEqual(await messages(policy, [like("a"), like("b", p => { p.enableRBAC = UNKNOWN_STRING; })]), []);
        assert.deepStrictEqual(await messages(policy, [like("a"), like("b", p => { p.securityProfile = UNKNOWN_STRING; })]), []);
        assert.deepStrictEqual(await messages(policy, [like("a"), like("b"), agentPool("user", { resourceName: UNKNOWN_STRING, enableNodePublicIP: true })]), []);
        const m = await messages(policy, [like("a"), like("b", p => { p.enableRBAC = UNKNOWN_STRING; p.disableLocalAccounts = false; }), like("c", p => { p.enableRBAC = false; })]);
        assert.deepStrictEqual(m, [
            'ManagedCluster "c": Kubernetes RBAC (enableRBAC) is false while "a" has true; give the clusters of this stack the same hardened value.',
            'ManagedCluster "b": local accounts (disableLocalAccounts) is false while "a", "c" have true; give the clusters of this stack the same hardened value.',
        ]);
    });

    it("never repeats a string it does not know", async () => {
        const m = await messages(policy, [like("a"), like("b", p => { p.networkProfile.networkPolicy = "s3cr3t"; p.kubernetesVersion = "s3cr3t"; })]);
        assert.deepStrictEqual(m, []);
    });

    it("matches versioned cluster tokens and honours excludeResources", async () => {
        const v = namedCluster("b", mutate({ ...base, resourceName: "b-aks" }, p => { p.enableRBAC = false; }), "azure-native:containerservice/v20240901:ManagedCluster");
        assert.strictEqual((await messages(policy, [like("a"), v])).length, 1);
        assert.deepStrictEqual(await messages(policy, [like("a"), v], { excludeResources: ["b"] }), []);
        assert.deepStrictEqual(await messages(policy, [like("a"), v], { excludeResources: ["b-aks"] }), [], "by the Azure name too");
    });
});
