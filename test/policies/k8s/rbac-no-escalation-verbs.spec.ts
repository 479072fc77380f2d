import * as assert from "assert";
import { UNKNOWN_STRING } from "../../../harness";
import { messages, PolicyContract } from "../../support/util";
import { list, RBAC_VERSIONS, role, Rule } from "../../support/rbac";

const policy = "k8s-rbac-no-escalation-verbs";
const RBAC = "rbac.authorization.k8s.io";
const readPods: Rule = { apiGroups: [""], resources: ["pods", "pods/log"], verbs: ["get", "list", "watch"] };

export const contract: PolicyContract = {
    policy,
    bad: [role("ClusterRole", [{ apiGroups: [RBAC], resources: ["clusterroles"], verbs: ["escalate"] }])],
    target: 0,
    field: ["rules", 0, "verbs"],
};

const granted = async (kind: "Role" | "ClusterRole", rule: Rule, version = "v1") => {
    const m = await messages(policy, role(kind, [readPods, rule], { version }));
    assert.ok(m.length <= 1, m.join("\n"));
    return m.length ? m[0].replace(/^.*: rules\[1\] grants (.*); remove .*$/, "$1") : "";
};

describe(policy, () => {
    for (const version of RBAC_VERSIONS) {
        for (const kind of ["Role", "ClusterRole"] as const) {
            it(`fires when a ${kind} (${version}) grants escalate, bind or impersonate`, async () => {
                assert.strictEqual(await granted(kind, { apiGroups: [RBAC], resources: ["roles"], verbs: ["get", "escalate"] }, version), "escalate");
                assert.strictEqual(await granted(kind, { apiGroups: [RBAC], resources: ["clusterroles"], verbs: ["bind"] }, version), "bind");
                assert.strictEqual(await granted(kind, { apiGroups: [""], resources: ["serviceaccounts"], verbs: ["impersonate"] }, version), "impersonate");
            });
            it(`fires when a ${kind} (${version}) grants exec into pods or the kubelet proxy`, async () => {
                assert.strictEqual(await granted(kind, { apiGroups: [""], resources: ["pods/exec"], verbs: ["create"] }, version), "create on pods/exec");
                assert.strictEqual(await granted(kind, { apiGroups: [""], resources: ["nodes/proxy"], verbs: ["get"] }, version), "get on nodes/proxy");
            });
            it(`passes a ${kind} (${version}) that only reads pods`, async () => {
                assert.deepStrictEqual(await messages(policy, role(kind, [readPods], { version })), []);
            });
        }
    }

    it("fires on reading secrets in a ClusterRole only", async () => {
        const secrets: Rule = { apiGroups: [""], resources: ["secrets"], verbs: ["list"] };
        assert.strictEqual(await granted("ClusterRole", secrets), "list on secrets in every namespace");
        assert.strictEqual(await granted("Role", secrets), "");
        assert.strictEqual(await granted("ClusterRole", { apiGroups: [""], resources: ["secrets"], verbs: ["create", "delete"] }), "");
    });

    it("with namespacedSecretRead, fires on reading secrets in a Role too, even limited by resourceNames", async () => {
        const cfg = { namespacedSecretRead: true };
        const judge = async (kind: "Role" | "ClusterRole", rule: Rule) => messages(policy, role(kind, [readPods, rule]), cfg);
        assert.deepStrictEqual(await judge("Role", { apiGroups: [""], resources: ["secrets"], verbs: ["watch", "list"] }),
            ['Role "apps/role-x": rules[1] grants list/watch on secrets in its namespace; remove them from the rule (each lets a subject gain permissions it was not given).']);
        assert.strictEqual((await judge("Role", { apiGroups: [""], resources: ["secrets"], resourceNames: ["db"], verbs: ["get"] })).length, 1);
        assert.match((await judge("Role", { apiGroups: ["*"], resources: ["*"], verbs: ["get"] }))[0], /, get on secrets in its namespace;/);
        assert.match((await judge("ClusterRole", { apiGroups: [""], resources: ["secrets"], verbs: ["get"] }))[0], /get on secrets in every namespace;/, "a ClusterRole is named once, as before");
        assert.deepStrictEqual(await judge("Role", { apiGroups: [""], resources: ["secrets"], verbs: ["create", "delete"] }), []);
        assert.deepStrictEqual(await judge("Role", { apiGroups: ["apps"], resources: ["secrets"], verbs: ["get"] }), [], "secrets of another API group are not the core secrets");
        assert.deepStrictEqual(await judge("Role", { apiGroups: [""], resources: ["secrets"], verbs: UNKNOWN_STRING as any }), []);
        assert.deepStrictEqual(await messages(policy, role("Role", [{ apiGroups: [""], resources: ["secrets"], verbs: ["get"] }]), { namespacedSecretRead: false }), []);
    });

    it("counts a * verb as every verb, a * resource as every resource and a * group as every group", async () => {
        assert.strictEqual(await granted("Role", { apiGroups: [RBAC], resources: ["rolebindings", "roles"], verbs: ["*"] }), "escalate, bind");
        assert.strictEqual(await granted("ClusterRole", { apiGroups: ["*"], resources: ["*"], verbs: ["*"] }),
            "escalate, bind, impersonate, create on pods/exec, get/create on nodes/proxy, get/list/watch on secrets in every namespace");
        assert.strictEqual(await granted("Role", { apiGroups: [""], resources: ["*/proxy"], verbs: ["*"] }), "get/create on nodes/proxy");
    });

    // Kubernetes' RBAC authorizer (ResourceMatches): `*/sub` is subresource sub of every resource;
    // `pods/*` is compared as it is written and matches no request.
    it("reads */exec as exec of every resource, so pods/exec", async () => {
        assert.strictEqual(await granted("Role", { apiGroups: [""], resources: ["*/exec"], verbs: ["create"] }), "create on pods/exec");
        assert.strictEqual(await granted("ClusterRole", { apiGroups: [""], resources: ["*/proxy"], verbs: ["get", "list"] }), "get on nodes/proxy");
    });

    it("reads pods/* and nodes/* as literals that grant no subresource", async () => {
        assert.strictEqual(await granted("Role", { apiGroups: [""], resources: ["pods/*"], verbs: ["create"] }), "");
        assert.strictEqual(await granted("ClusterRole", { apiGroups: [""], resources: ["nodes/*"], verbs: ["*"] }), "");
    });

    it("names exactly the judged verbs each rule grants on each resource", async () => {
        assert.strictEqual(await granted("ClusterRole", { apiGroups: [""], resources: ["secrets"], verbs: ["list", "watch"] }), "list/watch on secrets in every namespace");
        assert.strictEqual(await granted("ClusterRole", { apiGroups: [""], resources: ["secrets"], verbs: ["watch", "get", "list"] }), "get/list/watch on secrets in every namespace");
        assert.strictEqual(await granted("ClusterRole", { apiGroups: [""], resources: ["nodes/proxy"], verbs: ["delete", "get", "patch"] }), "get on nodes/proxy");
        assert.strictEqual(await granted("ClusterRole", { apiGroups: [""], resources: ["nodes/proxy"], verbs: ["create"] }), "create on nodes/proxy");
        assert.strictEqual(await granted("ClusterRole", { apiGroups: [""], resources: ["secrets", "pods/exec", "nodes/proxy"], verbs: ["create", "watch"] }),
            "create on pods/exec, create on nodes/proxy, watch on secrets in every namespace");
        assert.strictEqual(await granted("Role", { apiGroups: [""], resources: ["nodes/proxy"], verbs: ["delete", "patch", "update"] }), "");
    });

    it("does not count * where the grant does not apply", async () => {
        assert.strictEqual(await granted("Role", { apiGroups: ["apps"], resources: ["*"], verbs: ["*"] }), "");
        assert.strictEqual(await granted("Role", { apiGroups: [RBAC], resources: ["rolebindings"], verbs: ["*"] }), "");
        assert.strictEqual(await granted("Role", { apiGroups: [""], resources: ["pods"], verbs: ["*"] }), "", "pods does not include pods/exec");
        assert.strictEqual(await granted("ClusterRole", { apiGroups: ["apps"], resources: ["secrets"], verbs: ["get"] }), "", "secrets live in the core group");
    });

    it("reports escalate, bind and impersonate named explicitly whatever the resources", async () => {
        assert.strictEqual(await granted("ClusterRole", { apiGroups: [RBAC, ""], resources: ["rolebindings"], verbs: ["delete", "bind"] }), "bind");
    });

    it("defers unknown values and still reports a known grant beside them", async () => {
        assert.strictEqual(await granted("ClusterRole", { apiGroups: [""], resources: [UNKNOWN_STRING], verbs: ["get"] }), "");
        assert.strictEqual(await granted("ClusterRole", { apiGroups: UNKNOWN_STRING, resources: ["pods/exec"], verbs: ["create"] }), "");
        assert.strictEqual(await granted("ClusterRole", { apiGroups: [""], resources: ["pods/exec"], verbs: UNKNOWN_STRING }), "");
        assert.strictEqual(await granted("ClusterRole", { apiGroups: [UNKNOWN_STRING], resources: ["secrets"], verbs: [UNKNOWN_STRING, "impersonate"] }), "impersonate");
    });

    it("judges only what a Patch sets", async () => {
        assert.deepStrictEqual(await messages(policy, role("ClusterRole", undefined, { variant: "Patch" })), []);
        assert.deepStrictEqual(await messages(policy, role("ClusterRole", [{ resources: ["secrets"], verbs: ["get"] }], { variant: "Patch" })), []);
        assert.strictEqual((await messages(policy, role("ClusterRole", [{ verbs: ["escalate"] }], { variant: "Patch", version: "v1beta1" }))).length, 1);
    });

    it("judges every item of a List", async () => {
        const m = await messages(policy, list([role("Role", [readPods], { name: "good" }), role("Role", [{ apiGroups: [""], resources: ["pods/exec"], verbs: ["create"] }], { name: "bad" })]));
        assert.deepStrictEqual(m, ['Role "apps/bad": items[1].rules[0] grants create on pods/exec; remove them from the rule (each lets a subject gain permissions it was not given).']);
    });
});
