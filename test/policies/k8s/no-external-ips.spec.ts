import * as assert from "assert";
import { UNKNOWN_STRING } from "../../../harness";
import { k8s, list, service } from "../../support/stack-fixtures";
import { messages, PolicyContract } from "../../support/util";

const policy = "k8s-no-external-ips";
const withIps = (ips: unknown, token = "kubernetes:core/v1:Service") =>
    k8s(token, "web", "apps", { spec: { type: "ClusterIP", ports: [{ port: 80 }], externalIPs: ips } });

export const contract: PolicyContract = {
    policy,
    bad: [withIps(["203.0.113.10"])],
    target: 0,
    field: ["spec", "externalIPs"],
};

describe(policy, () => {
    it("passes a Service without externalIPs, or with an empty list", async () => {
        assert.deepStrictEqual(await messages(policy, service("apps", "web")), []);
        assert.deepStrictEqual(await messages(policy, withIps([])), []);
    });

    it("fires when a Service lists external IPs, without repeating them", async () => {
        const m = await messages(policy, withIps(["203.0.113.10", "203.0.113.11"]));
        assert.deepStrictEqual(m, ['Service "apps/web": spec.externalIPs lists 2 addresses; remove it and expose the service through an internal load balancer or an Ingress.']);
    });

    it("fires on a list whose only address is unknown (the list itself is known)", async () => {
        assert.strictEqual((await messages(policy, withIps([UNKNOWN_STRING]))).length, 1);
    });

    it("defers an unknown externalIPs", async () => {
        assert.deepStrictEqual(await messages(policy, withIps(UNKNOWN_STRING)), []);
    });

    it("judges what a Patch sets and every item of a List", async () => {
        assert.strictEqual((await messages(policy, withIps(["198.51.100.1"], "kubernetes:core/v1:ServicePatch"))).length, 1);
        assert.deepStrictEqual(await messages(policy, k8s("kubernetes:core/v1:ServicePatch", "web", "apps", { spec: { type: "ClusterIP" } })), []);
        const m = await messages(policy, list("kubernetes:core/v1:ServiceList", "svcs", [service("apps", "ok"), withIps(["198.51.100.1"])]));
        assert.strictEqual(m.length, 1);
        assert.match(m[0], /^Service "apps\/web": items\[1\]\.spec\.externalIPs/);
    });

    it("does not judge other kinds", async () => {
        assert.deepStrictEqual(await messages(policy, k8s("kubernetes:core/v1:Endpoints", "web", "apps", { spec: { externalIPs: ["1.2.3.4"] } })), []);
    });
});
