// Rule from Kubernetes' authenticator and RBAC docs ("Anonymous requests": user system:anonymous,
// group system:unauthenticated; "Default roles and role bindings": system:basic-user,
// system:discovery, system:public-info-viewer for system:authenticated). The issue's own finding
// (`view` bound to system:unauthenticated passed before) is the first case.
import * as assert from "assert";
import { ResourceInput, UNKNOWN_STRING } from "../../../harness";
import { messages, PolicyContract } from "../../support/util";
import { kubescapeRbacCases } from "../../support/kubescape";

const policy = "k8s-no-anonymous-bindings";

function binding(kind: "RoleBinding" | "ClusterRoleBinding", role: string, subjects: unknown[], token?: string): ResourceInput {
    return {
        type: token ?? `kubernetes:rbac.authorization.k8s.io/v1:${kind}`, name: "b",
        props: { apiVersion: "rbac.authorization.k8s.io/v1", kind, metadata: { name: "b", ...(kind === "RoleBinding" ? { namespace: "apps" } : {}) }, roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: role }, subjects },
    };
}
const group = (name: string) => ({ kind: "Group", apiGroup: "rbac.authorization.k8s.io", name });
const user = (name: string) => ({ kind: "User", apiGroup: "rbac.authorization.k8s.io", name });

export const contract: PolicyContract = {
    policy,
    bad: [binding("ClusterRoleBinding", "view", [group("system:unauthenticated")])],
    target: 0,
    field: ["subjects", 0],
};

describe(policy, () => {
    it("agrees with Kubescape's C-0262 rule tests (data/kubescape-rbac.json: 1 violation, 1 pass)", async () => {
        const cases = kubescapeRbacCases().filter(c => c.control === "C-0262");
        assert.deepStrictEqual(cases.map(c => [c.case, c.alerts]), [["fail", 1], ["success", 0]]);
        for (const c of cases) assert.strictEqual((await messages(policy, c.resources)).length > 0, c.alerts > 0, c.case);
    });

    it("reports view bound to system:unauthenticated and anything bound to system:anonymous", async () => {
        assert.deepStrictEqual(await messages(policy, binding("ClusterRoleBinding", "view", [group("system:unauthenticated")])), ['ClusterRoleBinding "b": subjects[0] is Group system:unauthenticated, so anyone who can reach the API server gets the role this binding grants (subjects); remove it and bind the users, groups or ServiceAccounts that need the role.']);
        const m = await messages(policy, binding("RoleBinding", "system:public-info-viewer", [user("alice"), user("system:anonymous")]));
        assert.strictEqual(m.length, 1);
        assert.match(m[0], /^RoleBinding "apps\/b": subjects\[1\] is User system:anonymous/);
    });

    it("lets system:authenticated have the discovery roles only", async () => {
        for (const role of ["system:basic-user", "system:discovery", "system:public-info-viewer"]) {
            assert.deepStrictEqual(await messages(policy, binding("ClusterRoleBinding", role, [group("system:authenticated")])), [], role);
        }
        const [m] = await messages(policy, binding("ClusterRoleBinding", "view", [group("system:authenticated")]));
        assert.match(m, /subjects\[0\] is Group system:authenticated, which grants ClusterRole view to every identity that can sign in \(roleRef\)/);
    });

    it("passes named users, groups and ServiceAccounts; defers unknown subjects and role references", async () => {
        assert.deepStrictEqual(await messages(policy, binding("RoleBinding", "edit", [user("alice"), group("devs"), { kind: "ServiceAccount", name: "system:anonymous", namespace: "apps" }])), []);
        assert.deepStrictEqual(await messages(policy, binding("RoleBinding", "edit", [UNKNOWN_STRING, { kind: "Group", name: UNKNOWN_STRING }, null, 7])), []);
        assert.deepStrictEqual(await messages(policy, binding("ClusterRoleBinding", UNKNOWN_STRING, [group("system:authenticated")])), []);
        const anon = await messages(policy, binding("ClusterRoleBinding", UNKNOWN_STRING, [group("system:authenticated"), group("system:unauthenticated")]));
        assert.strictEqual(anon.length, 1, "the known anonymous subject beside an unknown role is still reported");
    });

    it("judges Patches, every List item and v1beta1/v1alpha1 bindings", async () => {
        assert.strictEqual((await messages(policy, binding("ClusterRoleBinding", "view", [group("system:unauthenticated")], "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBindingPatch"))).length, 1);
        assert.deepStrictEqual(await messages(policy, { type: "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBindingPatch", name: "p", props: { metadata: { name: "p" } } }), []);
        const list = { type: "kubernetes:rbac.authorization.k8s.io/v1:RoleBindingList", name: "l", props: { items: [binding("RoleBinding", "edit", [user("a")]).props, binding("RoleBinding", "edit", [user("system:anonymous")]).props] } };
        assert.match((await messages(policy, list))[0], /items\[1\]\.subjects\[0\] is User system:anonymous/);
        for (const v of ["v1beta1", "v1alpha1"]) {
            assert.strictEqual((await messages(policy, binding("RoleBinding", "edit", [user("system:anonymous")], `kubernetes:rbac.authorization.k8s.io/${v}:RoleBinding`))).length, 1, v);
        }
    });
});
