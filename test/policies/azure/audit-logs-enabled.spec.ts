import * as assert from "assert";
import { UNKNOWN_STRING } from "../../../harness";
import { clusterId, dependingOn, namedCluster, propertyDependingOn } from "../../support/azure-stack";
import { messages, PolicyContract } from "../../support/util";

const policy = "aks-audit-logs-enabled";
const setting = (name: string, resourceUri: unknown, logs: unknown, type = "azure-native:monitor:DiagnosticSetting") =>
    ({ type, name, props: { resourceUri, workspaceId: "/subscriptions/0/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/logs", logs } });
const auditAdmin = [{ category: "kube-audit-admin", enabled: true }, { category: "kube-apiserver", enabled: true }];
const none = (name: string) => `ManagedCluster "${name}": has no diagnostic setting (azure-native:monitor:DiagnosticSetting with resourceUri = the cluster id) exporting the audit log; add one with logs [{ category: "kube-audit-admin", enabled: true }].`;

export const contract: PolicyContract = {
    policy,
    // The setting audits a cluster named "other-aks"; "aks" (Azure name "aks-aks") has none.
    bad: [namedCluster("aks"), setting("diag", clusterId("other"), auditAdmin)],
    target: 0,
    field: ["resourceName"],
};

describe(policy, () => {
    it("passes a cluster whose diagnostic setting depends on it and exports kube-audit-admin", async () => {
        const aks = namedCluster("aks");
        assert.deepStrictEqual(await messages(policy, [aks, dependingOn(setting("diag", UNKNOWN_STRING, auditAdmin), aks)]), []);
    });

    it("passes a setting that names the cluster by id, with kube-audit or an audit category group (any case)", async () => {
        for (const logs of [[{ category: "kube-audit", enabled: true }], [{ categoryGroup: "allLogs", enabled: true }], [{ categoryGroup: "Audit", enabled: true }], [{ category: "KUBE-AUDIT-ADMIN", enabled: true }]]) {
            assert.deepStrictEqual(await messages(policy, [namedCluster("aks"), setting("diag", clusterId("aks"), logs)]), [], JSON.stringify(logs));
        }
        assert.deepStrictEqual(await messages(policy, [namedCluster("aks", { id: clusterId("aks").toUpperCase() }), setting("diag", clusterId("aks"), auditAdmin)]), []);
    });

    it("links a setting whose resourceUri is absent (stack outputs) by its dependency on the cluster", async () => {
        const aks = namedCluster("aks");
        assert.deepStrictEqual(await messages(policy, [aks, dependingOn(setting("diag", undefined, auditAdmin), aks)]), []);
        assert.deepStrictEqual(await messages(policy, [aks, setting("diag", undefined, auditAdmin)]), [none("aks")]);
    });

    it("links an unknown resourceUri by its own propertyDependencies before the resource's dependencies", async () => {
        const a = namedCluster("a"), b = namedCluster("b"), vault = { type: "azure-native:keyvault:Vault", name: "vault", props: {} };
        // The setting depends on both clusters, but its resourceUri was computed from b only.
        const both = dependingOn(setting("diag", UNKNOWN_STRING, auditAdmin), a, b);
        assert.deepStrictEqual(await messages(policy, [a, b, both]), [], "dependencies alone link it to both");
        assert.deepStrictEqual(await messages(policy, [a, b, propertyDependingOn(both, "resourceUri", b)]), [none("a")]);
        // resourceUri computed from a vault: not this cluster's setting, though the setting depends on the cluster.
        const aks = namedCluster("aks");
        const onVault = propertyDependingOn(dependingOn(setting("diag", UNKNOWN_STRING, auditAdmin), aks, vault), "resourceUri", vault);
        assert.deepStrictEqual(await messages(policy, [aks, vault, onVault]), [none("aks")]);
        // Another property's dependencies do not decide resourceUri's link.
        const other = propertyDependingOn(dependingOn(setting("diag", UNKNOWN_STRING, auditAdmin), aks), "workspaceId", vault);
        assert.deepStrictEqual(await messages(policy, [aks, vault, other]), []);
    });

    it("fires on a cluster without any diagnostic setting", async () => {
        assert.deepStrictEqual(await messages(policy, [namedCluster("aks")]), [none("aks")]);
    });

    it("fires when the cluster's setting leaves the audit categories out or disabled, naming the setting", async () => {
        const aks = namedCluster("aks");
        const expected = ['ManagedCluster "aks": its diagnostic setting "diag" enables neither kube-audit nor kube-audit-admin; add logs [{ category: "kube-audit-admin", enabled: true }] (or categoryGroup audit).'];
        assert.deepStrictEqual(await messages(policy, [aks, dependingOn(setting("diag", UNKNOWN_STRING, [{ category: "kube-apiserver", enabled: true }]), aks)]), expected);
        assert.deepStrictEqual(await messages(policy, [aks, setting("diag", clusterId("aks"), [{ category: "kube-audit-admin", enabled: false }])]), expected);
        assert.deepStrictEqual(await messages(policy, [aks, setting("diag", clusterId("aks"), undefined)]), expected);
    });

    it("judges each cluster on its own", async () => {
        const a = namedCluster("a");
        const b = namedCluster("b");
        assert.deepStrictEqual(await messages(policy, [a, b, setting("diag-a", clusterId("a"), auditAdmin)]), [none("b")]);
        assert.deepStrictEqual(await messages(policy, [a, b, dependingOn(setting("diag-a", UNKNOWN_STRING, auditAdmin), a)]), [none("b")]);
    });

    it("does not count a setting of another resource group, another resource or a known other id", async () => {
        const aks = namedCluster("aks");
        assert.deepStrictEqual(await messages(policy, [aks, setting("diag", clusterId("aks", "other-rg"), auditAdmin)]), [none("aks")]);
        assert.deepStrictEqual(await messages(policy, [aks, setting("diag", "/subscriptions/0/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv", auditAdmin)]), [none("aks")]);
        assert.deepStrictEqual(await messages(policy, [namedCluster("aks", { id: clusterId("other") }), setting("diag", clusterId("aks"), auditAdmin)]), [none("aks")]);
    });

    it("defers when the setting's target or logs are unknown", async () => {
        const aks = namedCluster("aks");
        assert.deepStrictEqual(await messages(policy, [aks, setting("diag", UNKNOWN_STRING, auditAdmin)]), []);
        assert.deepStrictEqual(await messages(policy, [aks, setting("diag", clusterId("aks"), UNKNOWN_STRING)]), []);
        assert.deepStrictEqual(await messages(policy, [aks, setting("diag", clusterId("aks"), [{ category: UNKNOWN_STRING, enabled: true }])]), []);
        assert.deepStrictEqual(await messages(policy, [aks, setting("diag", clusterId("aks"), [{ category: "kube-audit", enabled: UNKNOWN_STRING }])]), []);
        assert.deepStrictEqual(await messages(policy, [namedCluster("aks", { resourceName: UNKNOWN_STRING }), setting("diag", clusterId("x"), auditAdmin)]), []);
    });

    it("still reports a cluster when an unknown setting depends on something else only", async () => {
        const aks = namedCluster("aks");
        const vault = { type: "azure-native:keyvault:Vault", name: "kv", props: {} };
        assert.deepStrictEqual(await messages(policy, [aks, vault, dependingOn(setting("diag", UNKNOWN_STRING, [{ categoryGroup: "allLogs", enabled: true }]), vault)]), [none("aks")]);
    });

    it("matches versioned tokens", async () => {
        const aks = namedCluster("aks", {}, "azure-native:containerservice/v20240901:ManagedCluster");
        assert.deepStrictEqual(await messages(policy, [aks]), [none("aks")]);
        assert.deepStrictEqual(await messages(policy, [aks, setting("diag", clusterId("aks"), auditAdmin, "azure-native:monitor/v20210501preview:DiagnosticSetting")]), []);
    });

    it("passes a stack without clusters and honours excludeResources", async () => {
        assert.deepStrictEqual(await messages(policy, [setting("diag", clusterId("aks"), [])]), []);
        assert.deepStrictEqual(await messages(policy, [namedCluster("aks")], { excludeResources: ["a*"] }), []);
        assert.deepStrictEqual(await messages(policy, [namedCluster("aks")], { excludeResources: ["aks-aks"] }), [], "by the Azure name too");
    });
});
