import * as assert from "assert";
import { UNKNOWN_STRING } from "../../../harness";
import { messages, PolicyContract } from "../../support/util";
import { binding, group, list, RBAC_VERSIONS, serviceAccount, user } from "../../support/rbac";

const policy = "k8s-no-cluster-admin-binding";
const clusterAdmin = { kind: "ClusterRole", name: "cluster-admin" };

export const contract: PolicyContract = {
    policy,
    bad: [binding("ClusterRoleBinding", clusterAdmin, [user("alice")])],
    target: 0,
    field: ["subjects", 0, "name"],
};

describe(policy, () => {
    for (const version of RBAC_VERSIONS) {
        it(`fires when a ClusterRoleBinding (${version}) grants cluster-admin to a user`, async () => {
            const m = await messages(policy, binding("ClusterRoleBinding", clusterAdmin, [user("alice")], { version }));
            assert.deepStrictEqual(m, ['ClusterRoleBinding "clusterrolebinding-x": subjects[0] (User) is bound cluster-wide to ClusterRole cluster-admin (roleRef); bind a narrower role with a RoleBinding in the namespaces it needs.']);
        });
        it(`fires when a RoleBinding (${version}) grants cluster-admin to a ServiceAccount`, async () => {
            const m = await messages(policy, binding("RoleBinding", clusterAdmin, [serviceAccount("deployer")], { version }));
            assert.strictEqual(m.length, 1);
            assert.match(m[0], /^RoleBinding "apps\/rolebinding-x": subjects\[0\] \(ServiceAccount\) is bound in its namespace to ClusterRole cluster-admin/);
        });
        it(`passes a binding (${version}) of a narrow role`, async () => {
            assert.deepStrictEqual(await messages(policy, binding("ClusterRoleBinding", { kind: "ClusterRole", name: "view" }, [group("devs")], { version })), []);
        });
    }

    it("fires on admin and edit only through a ClusterRoleBinding", async () => {
        for (const name of ["admin", "edit"]) {
            const ref = { kind: "ClusterRole", name };
            assert.strictEqual((await messages(policy, binding("ClusterRoleBinding", ref, [group("devs")]))).length, 1, name);
            assert.deepStrictEqual(await messages(policy, binding("RoleBinding", ref, [group("devs")])), [], name);
        }
    });

    it("does not fire on a namespaced Role that happens to be called cluster-admin", async () => {
        assert.deepStrictEqual(await messages(policy, binding("RoleBinding", { kind: "Role", name: "cluster-admin" }, [user("alice")])), []);
    });

    it("exempts system: users and groups, but not service accounts or everyone", async () => {
        const exempt = [group("system:masters"), group("system:nodes"), user("system:kube-controller-manager")];
        assert.deepStrictEqual(await messages(policy, binding("ClusterRoleBinding", clusterAdmin, exempt)), []);
        const judged = [user("system:serviceaccount:apps:ci"), group("system:serviceaccounts"), group("system:serviceaccounts:apps"),
            group("system:authenticated"), group("system:unauthenticated"), user("system:anonymous"), serviceAccount("default", "kube-system")];
        const m = await messages(policy, binding("ClusterRoleBinding", clusterAdmin, judged));
        assert.deepStrictEqual(m.map(x => x.match(/subjects\[(\d)\]/)![1]), ["0", "1", "2", "3", "4", "5", "6"]);
    });

    it("defers an unknown role or subject and still reports a known subject beside it", async () => {
        assert.deepStrictEqual(await messages(policy, binding("ClusterRoleBinding", { kind: "ClusterRole", name: UNKNOWN_STRING }, [user("alice")])), []);
        assert.deepStrictEqual(await messages(policy, binding("ClusterRoleBinding", { kind: UNKNOWN_STRING, name: "cluster-admin" }, [user("alice")])), []);
        const m = await messages(policy, binding("ClusterRoleBinding", clusterAdmin, [user(UNKNOWN_STRING), { kind: UNKNOWN_STRING, name: "x" }, serviceAccount(UNKNOWN_STRING)]));
        assert.strictEqual(m.length, 1);
        assert.match(m[0], /subjects\[2\] \(ServiceAccount\)/);
    });

    it("judges only what a Patch sets", async () => {
        assert.deepStrictEqual(await messages(policy, binding("ClusterRoleBinding", undefined, [user("alice")], { variant: "Patch" })), []);
        assert.deepStrictEqual(await messages(policy, binding("ClusterRoleBinding", clusterAdmin, undefined, { variant: "Patch" })), []);
        assert.strictEqual((await messages(policy, binding("ClusterRoleBinding", clusterAdmin, [user("alice")], { variant: "Patch", version: "v1beta1" }))).length, 1);
    });

    it("judges every item of a List", async () => {
        const good = binding("ClusterRoleBinding", { kind: "ClusterRole", name: "view" }, [user("alice")], { name: "good" });
        const bad = binding("ClusterRoleBinding", clusterAdmin, [user("alice")], { name: "bad" });
        const m = await messages(policy, list([good, bad]));
        assert.strictEqual(m.length, 1);
        assert.match(m[0], /^ClusterRoleBinding "bad": items\[1\]\.subjects\[0\] \(User\) .*\(items\[1\]\.roleRef\)/);
    });
});
