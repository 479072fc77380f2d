// Rule from Kubernetes' service account docs ("every namespace has a default ServiceAccount ...
// pods without serviceAccountName use it") and RBAC good practices ("avoid binding roles to the
// default service account"); Checkov CKV2_K8S_4-style cases (ServiceAccount subject and the
// system:serviceaccount:<ns>:default user form) written from those rules.
import * as assert from "assert";
import { ResourceInput, UNKNOWN_STRING } from "../../../harness";
import { messages, PolicyContract } from "../../support/util";

const policy = "k8s-no-default-service-account-binding";
const binding = (subjects: unknown[], kind = "RoleBinding", token?: string): ResourceInput => ({
    type: token ?? `kubernetes:rbac.authorization.k8s.io/v1:${kind}`, name: "b",
    props: { apiVersion: "rbac.authorization.k8s.io/v1", kind, metadata: { name: "b", namespace: "apps" }, roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "view" }, subjects },
});

export const contract: PolicyContract = { policy, bad: [binding([{ kind: "ServiceAccount", name: "default", namespace: "apps" }])], target: 0, field: ["subjects", 0] };

describe(policy, () => {
    it("reports a default ServiceAccount subject in either form, naming the subject", async () => {
        assert.deepStrictEqual(await messages(policy, binding([{ kind: "ServiceAccount", name: "app", namespace: "apps" }, { kind: "ServiceAccount", name: "default" }])), ['RoleBinding "apps/b": subjects[1] (ServiceAccount) is a default ServiceAccount, which every pod without serviceAccountName runs as (subjects[1]); bind a dedicated ServiceAccount instead.']);
        assert.strictEqual((await messages(policy, binding([{ kind: "User", name: "system:serviceaccount:kube-system:default" }], "ClusterRoleBinding"))).length, 1);
    });
    it("passes other subjects; defers unknown ones; Patch, List, older versions", async () => {
        assert.deepStrictEqual(await messages(policy, binding([{ kind: "User", name: "default" }, { kind: "Group", name: "system:serviceaccounts:apps" }, { kind: "ServiceAccount", name: UNKNOWN_STRING }, UNKNOWN_STRING, null])), []);
        assert.strictEqual((await messages(policy, binding([{ kind: "ServiceAccount", name: "default" }], "RoleBinding", "kubernetes:rbac.authorization.k8s.io/v1beta1:RoleBindingPatch"))).length, 1);
        const list = { type: "kubernetes:rbac.authorization.k8s.io/v1:RoleBindingList", name: "l", props: { items: [binding([{ kind: "ServiceAccount", name: "default" }]).props] } };
        assert.match((await messages(policy, list))[0], /items\[0\]\.subjects\[0\]/);
    });
});
