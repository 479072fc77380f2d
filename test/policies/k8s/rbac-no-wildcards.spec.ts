import * as assert from "assert";
import { UNKNOWN_STRING } from "../../../harness";
import { messages, PolicyContract } from "../../support/util";
import { list, RBAC_VERSIONS, role } from "../../support/rbac";

const policy = "k8s-rbac-no-wildcards";
const readPods = { apiGroups: [""], resources: ["pods"], verbs: ["get", "list"] };

export const contract: PolicyContract = {
    policy,
    bad: [role("Role", [{ apiGroups: [""], resources: ["pods"], verbs: ["*"] }])],
    target: 0,
    field: ["rules", 0, "verbs"],
};

describe(policy, () => {
    for (const version of RBAC_VERSIONS) {
        for (const kind of ["Role", "ClusterRole"] as const) {
            it(`fires when a ${kind} (${version}) grants every verb`, async () => {
                const m = await messages(policy, role(kind, [readPods, { apiGroups: [""], resources: ["pods"], verbs: ["get", "*"] }], { version }));
                assert.strictEqual(m.length, 1);
                assert.match(m[0], /: rules\[1\] has a wildcard in rules\[1\]\.verbs; list the verbs it needs explicitly\.$/);
            });
            it(`passes a ${kind} (${version}) with explicit rules`, async () => {
                assert.deepStrictEqual(await messages(policy, role(kind, [readPods], { version })), []);
            });
        }
    }

    it("fires on a wildcard in resources or apiGroups, naming every field in one message", async () => {
        const m = await messages(policy, role("ClusterRole", [{ apiGroups: ["*"], resources: ["*"], verbs: ["get"] }]));
        assert.deepStrictEqual(m, ['ClusterRole "clusterrole-x": rules[0] has a wildcard in rules[0].resources, rules[0].apiGroups; list the resources and apiGroups it needs explicitly.']);
    });

    // Kubernetes' RBAC authorizer (ResourceMatches): `*` matches every resource, `*/sub` matches
    // subresource sub of every resource, and any other entry matches only the same name.
    it("counts `*/sub` resources as wildcards: */finalizers, */exec, */status", async () => {
        for (const entry of ["*/finalizers", "*/exec", "*/status"]) {
            const m = await messages(policy, role("ClusterRole", [readPods, { apiGroups: [""], resources: ["pods", entry], verbs: ["get"] }]));
            assert.deepStrictEqual(m, ['ClusterRole "clusterrole-x": rules[1] has a wildcard in rules[1].resources; list the resources it needs explicitly.'], entry);
        }
    });

    it("does not count `pods/*`, which the authorizer matches literally (it grants nothing)", async () => {
        assert.deepStrictEqual(await messages(policy, role("Role", [{ apiGroups: [""], resources: ["pods/*", "deployments/*"], verbs: ["get"] }])), []);
    });

    it("passes a role without rules or with malformed rules", async () => {
        assert.deepStrictEqual(await messages(policy, role("Role", undefined)), []);
        assert.deepStrictEqual(await messages(policy, role("Role", [null as any, { verbs: "*" }])), []);
    });

    it("defers an unknown entry and still reports a known wildcard beside it", async () => {
        const m = await messages(policy, role("Role", [
            { apiGroups: [UNKNOWN_STRING], resources: UNKNOWN_STRING, verbs: [UNKNOWN_STRING] },
            { apiGroups: [""], resources: ["pods"], verbs: [UNKNOWN_STRING, "*"] },
        ]));
        assert.strictEqual(m.length, 1);
        assert.match(m[0], /rules\[1\] has a wildcard in rules\[1\]\.verbs/);
    });

    it("judges only what a Patch sets", async () => {
        assert.deepStrictEqual(await messages(policy, role("ClusterRole", undefined, { variant: "Patch" })), []);
        assert.deepStrictEqual(await messages(policy, role("ClusterRole", [{ verbs: ["get"] }], { variant: "Patch" })), []);
        assert.strictEqual((await messages(policy, role("ClusterRole", [{ verbs: ["*"] }], { variant: "Patch" }))).length, 1);
    });

    it("judges every item of a List", async () => {
        const m = await messages(policy, list([role("Role", [readPods], { name: "good" }), role("Role", [{ apiGroups: ["*"], resources: ["pods"], verbs: ["get"] }], { name: "bad" })]));
        assert.deepStrictEqual(m, ['Role "apps/bad": items[1].rules[0] has a wildcard in items[1].rules[0].apiGroups; list the apiGroups it needs explicitly.']);
    });
});
