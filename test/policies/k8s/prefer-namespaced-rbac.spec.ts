import * as assert from "assert";
import { UNKNOWN_STRING } from "../../../harness";
import { messages, PolicyContract } from "../../support/util";
import { binding, group, list, RBAC_VERSIONS, serviceAccount, user } from "../../support/rbac";

const policy = "k8s-prefer-namespaced-rbac";
const reader = { kind: "ClusterRole", name: "pod-reader" };

export const contract: PolicyContract = {
    policy,
    bad: [binding("ClusterRoleBinding", reader, [user("alice")])],
    target: 0,
    field: ["subjects", 0, "name"],
};

describe(policy, () => {
    for (const version of RBAC_VERSIONS) {
        it(`fires when a ClusterRoleBinding (${version}) binds a ServiceAccount cluster-wide`, async () => {
            const m = await messages(policy, binding("ClusterRoleBinding", reader, [serviceAccount("ci")], { version }));
            assert.deepStrictEqual(m, ['ClusterRoleBinding "clusterrolebinding-x": subjects[0] (ServiceAccount) is bound cluster-wide to the ClusterRole in roleRef; bind it with a RoleBinding in the namespaces it works in, or list the ClusterRole in allowedClusterRoles if it needs cluster-scoped resources.']);
        });
        it(`passes a RoleBinding (${version}) of the same ClusterRole`, async () => {
            assert.deepStrictEqual(await messages(policy, binding("RoleBinding", reader, [serviceAccount("ci")], { version })), []);
        });
    }

    it("fires for users and groups but not for system: identities", async () => {
        const m = await messages(policy, binding("ClusterRoleBinding", reader, [group("system:nodes"), user("system:kube-proxy"), group("devs"), user("system:serviceaccount:apps:ci")]));
        assert.deepStrictEqual(m.map(x => x.match(/subjects\[(\d)\]/)![1]), ["2", "3"]);
    });

    it("passes ClusterRoles listed in allowedClusterRoles (default system:auth-delegator)", async () => {
        const delegator = binding("ClusterRoleBinding", { kind: "ClusterRole", name: "system:auth-delegator" }, [serviceAccount("webhook")]);
        assert.deepStrictEqual(await messages(policy, delegator), []);
        assert.strictEqual((await messages(policy, delegator, { allowedClusterRoles: [] })).length, 1);
        assert.deepStrictEqual(await messages(policy, binding("ClusterRoleBinding", reader, [serviceAccount("ci")]), { allowedClusterRoles: ["pod-*"] }), []);
    });

    it("defers an unknown role or subject and still reports a known subject beside it", async () => {
        assert.deepStrictEqual(await messages(policy, binding("ClusterRoleBinding", { kind: "ClusterRole", name: UNKNOWN_STRING }, [serviceAccount("ci")])), []);
        const m = await messages(policy, binding("ClusterRoleBinding", reader, [user(UNKNOWN_STRING), group("devs")]));
        assert.strictEqual(m.length, 1);
        assert.match(m[0], /subjects\[1\] \(Group\)/);
    });

    it("judges only what a Patch sets", async () => {
        assert.deepStrictEqual(await messages(policy, binding("ClusterRoleBinding", undefined, [group("devs")], { variant: "Patch" })), []);
        assert.deepStrictEqual(await messages(policy, binding("ClusterRoleBinding", reader, undefined, { variant: "Patch" })), []);
        assert.strictEqual((await messages(policy, binding("ClusterRoleBinding", reader, [group("devs")], { variant: "Patch", version: "v1alpha1" }))).length, 1);
    });

    it("judges every item of a List", async () => {
        const ok = binding("ClusterRoleBinding", { kind: "ClusterRole", name: "system:auth-delegator" }, [serviceAccount("webhook")], { name: "good" });
        const m = await messages(policy, list([ok, binding("ClusterRoleBinding", reader, [group("devs")], { name: "bad" })]));
        assert.strictEqual(m.length, 1);
        assert.match(m[0], /^ClusterRoleBinding "bad": items\[1\]\.subjects\[0\] \(Group\)/);
    });
});
