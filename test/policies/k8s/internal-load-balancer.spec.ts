import * as assert from "assert";
import { UNKNOWN_STRING } from "../../../harness";
import { internalLb, k8s, list, service } from "../../support/stack-fixtures";
import { messages, PolicyContract } from "../../support/util";

const policy = "k8s-internal-load-balancer";
const ANNOTATION = "service.beta.kubernetes.io/azure-load-balancer-internal";
const lb = (annotation?: unknown, opts: { ns?: string; name?: string; token?: string } = {}) =>
    k8s(opts.token ?? "kubernetes:core/v1:Service", opts.name ?? "web", "ns" in opts ? opts.ns : "apps",
        { spec: { type: "LoadBalancer", ports: [{ port: 443 }] } },
        { annotations: annotation === undefined ? { "example.com/owner": "team" } : { [ANNOTATION]: annotation } });

export const contract: PolicyContract = {
    policy,
    bad: [lb("false")],
    target: 0,
    field: ["metadata", "annotations", ANNOTATION],
};

describe(policy, () => {
    it("passes an internal load balancer, in any case of \"true\"", async () => {
        assert.deepStrictEqual(await messages(policy, [internalLb("apps", "api"), lb("True", { name: "a" }), lb("TRUE", { name: "b" })]), []);
    });

    it("passes Services of other types", async () => {
        assert.deepStrictEqual(await messages(policy, [service("apps", "web"), k8s("kubernetes:core/v1:Service", "np", "apps", { spec: { type: "NodePort" } })]), []);
    });

    it("fires on a LoadBalancer Service without the annotation", async () => {
        assert.deepStrictEqual(await messages(policy, lb()), [
            `Service "apps/web": a load balancer Service gets a public IP: metadata.annotations["${ANNOTATION}"] is not set; set it to "true" or list the service in allowedPublicServices.`,
        ]);
    });

    it("fires when the annotation is \"false\" or not a string", async () => {
        assert.match((await messages(policy, lb("false")))[0], /is not "true"/);
        assert.match((await messages(policy, lb(true)))[0], /is not the string "true"/);
    });

    it("defers an unknown annotation or type", async () => {
        assert.deepStrictEqual(await messages(policy, lb(UNKNOWN_STRING)), []);
        assert.deepStrictEqual(await messages(policy, k8s("kubernetes:core/v1:Service", "web", "apps", { spec: { type: UNKNOWN_STRING } })), []);
    });

    it("allows the services in allowedPublicServices (globs on namespace/name)", async () => {
        assert.deepStrictEqual(await messages(policy, lb(), { allowedPublicServices: ["apps/web"] }), []);
        assert.deepStrictEqual(await messages(policy, lb(), { allowedPublicServices: ["edge/*", "apps/w*"] }), []);
        assert.strictEqual((await messages(policy, lb(), { allowedPublicServices: ["edge/*"] })).length, 1);
        assert.deepStrictEqual(await messages(policy, lb(undefined, { ns: undefined }), { allowedPublicServices: ["default/web"] }), []);
    });

    it("defers a Service with an unknown namespace when allowedPublicServices could match it", async () => {
        assert.deepStrictEqual(await messages(policy, lb(undefined, { ns: UNKNOWN_STRING }), { allowedPublicServices: ["edge/*"] }), []);
        assert.strictEqual((await messages(policy, lb(undefined, { ns: UNKNOWN_STRING }))).length, 1);
    });

    it("judges a Patch only on the annotation it sets, and every item of a List", async () => {
        assert.deepStrictEqual(await messages(policy, lb(undefined, { token: "kubernetes:core/v1:ServicePatch" })), []);
        assert.strictEqual((await messages(policy, lb("false", { token: "kubernetes:core/v1:ServicePatch" }))).length, 1);
        const m = await messages(policy, list("kubernetes:core/v1:ServiceList", "svcs", [internalLb("apps", "ok"), lb(undefined, { name: "public" })]));
        assert.strictEqual(m.length, 1);
        assert.match(m[0], /^Service "apps\/public": .*items\[1\]\.metadata\.annotations/);
    });
});
