import * as assert from "assert";
import { UNKNOWN_STRING } from "../../../harness";
import { messages, PolicyContract } from "../../support/util";
import { binding, group, list, RBAC_VERSIONS, serviceAccount, user } from "../../support/rbac";

const policy = "k8s-rbac-bind-groups";
const view = { kind: "ClusterRole", name: "view" };

export const contract: PolicyContract = {
    policy,
    bad: [binding("RoleBinding", view, [user("alice@example.com")])],
    target: 0,
    field: ["subjects", 0, "name"],
};

describe(policy, () => {
    for (const version of RBAC_VERSIONS) {
        for (const kind of ["RoleBinding", "ClusterRoleBinding"] as const) {
            it(`fires when a ${kind} (${version}) binds a user`, async () => {
                const m = await messages(policy, binding(kind, view, [group("devs"), user("alice@example.com")], { version }));
                assert.strictEqual(m.length, 1);
                assert.match(m[0], /: subjects\[1\] \(User\) grants access to a single user; bind a Group \(or a ServiceAccount for workloads\) instead\.$/);
                assert.ok(!m[0].includes("alice"), "never repeats the user's name");
            });
            it(`passes a ${kind} (${version}) of groups and service accounts`, async () => {
                assert.deepStrictEqual(await messages(policy, binding(kind, view, [group("devs"), serviceAccount("ci")], { version })), []);
            });
        }
    }

    it("exempts system: users", async () => {
        assert.deepStrictEqual(await messages(policy, binding("ClusterRoleBinding", view, [user("system:kube-scheduler"), user("system:serviceaccount:apps:ci")])), []);
    });

    it("defers an unknown subject and still reports a known user beside it", async () => {
        const m = await messages(policy, binding("RoleBinding", view, [user(UNKNOWN_STRING), { kind: UNKNOWN_STRING, name: "bob" }, user("carol")]));
        assert.strictEqual(m.length, 1);
        assert.match(m[0], /subjects\[2\]/);
    });

    it("judges only what a Patch sets", async () => {
        assert.deepStrictEqual(await messages(policy, binding("RoleBinding", view, undefined, { variant: "Patch" })), []);
        assert.strictEqual((await messages(policy, binding("RoleBinding", undefined, [user("alice")], { variant: "Patch" }))).length, 1);
    });

    it("judges every item of a List", async () => {
        const m = await messages(policy, list([binding("RoleBinding", view, [group("devs")], { name: "good" }), binding("RoleBinding", view, [user("alice")], { name: "bad" })]));
        assert.strictEqual(m.length, 1);
        assert.match(m[0], /^RoleBinding "apps\/bad": items\[1\]\.subjects\[0\] \(User\)/);
    });
});
