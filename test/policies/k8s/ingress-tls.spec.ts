import * as assert from "assert";
import { UNKNOWN_STRING } from "../../../harness";
import { ingress, k8s, list } from "../../support/stack-fixtures";
import { messages, PolicyContract } from "../../support/util";

const policy = "k8s-ingress-tls";
const TOKENS = ["kubernetes:networking.k8s.io/v1:Ingress", "kubernetes:networking.k8s.io/v1beta1:Ingress", "kubernetes:extensions/v1beta1:Ingress"];
const withTls = (rules: unknown[], tls: unknown, token = TOKENS[0]) =>
    k8s(token, "web", "apps", { spec: { rules, ...(tls === undefined ? {} : { tls }) } });

export const contract: PolicyContract = {
    policy,
    bad: [ingress("apps", "web", ["shop.contoso.com"], ["other.contoso.com"])],
    target: 0,
    field: ["spec", "tls"],
};

describe(policy, () => {
    for (const token of TOKENS) {
        it(`passes an ${token.split(":")[1]} Ingress whose TLS covers every host`, async () => {
            assert.deepStrictEqual(await messages(policy, ingress("apps", "web", ["a.contoso.com", "b.contoso.com"], ["b.contoso.com", "a.contoso.com"], token)), []);
        });
        it(`fires on an ${token.split(":")[1]} Ingress without TLS`, async () => {
            assert.deepStrictEqual(await messages(policy, ingress("apps", "web", ["shop.contoso.com"], undefined, token)), [
                'Ingress "apps/web": spec.rules[0].host is not in any spec.tls[].hosts; add a spec.tls entry covering it with a certificate secret.',
            ]);
        });
    }

    it("fires for each host that no TLS entry covers, naming the rule", async () => {
        const m = await messages(policy, ingress("apps", "web", ["a.contoso.com", "b.contoso.com", "c.contoso.com"], ["b.contoso.com"]));
        assert.strictEqual(m.length, 2);
        assert.match(m[0], /spec\.rules\[0\]\.host/);
        assert.match(m[1], /spec\.rules\[2\]\.host/);
    });

    it("compares host names case-insensitively", async () => {
        assert.deepStrictEqual(await messages(policy, ingress("apps", "web", ["Shop.Contoso.com"], ["shop.contoso.COM"])), []);
    });

    it("lets a wildcard TLS host cover exactly one label", async () => {
        assert.deepStrictEqual(await messages(policy, ingress("apps", "web", ["shop.contoso.com", "*.contoso.com"], ["*.contoso.com"])), []);
        assert.strictEqual((await messages(policy, ingress("apps", "web", ["a.shop.contoso.com"], ["*.contoso.com"]))).length, 1);
        assert.strictEqual((await messages(policy, ingress("apps", "web", ["contoso.com"], ["*.contoso.com"]))).length, 1);
        assert.strictEqual((await messages(policy, ingress("apps", "web", ["*.contoso.com"], ["shop.contoso.com"]))).length, 1);
    });

    it("needs a TLS entry for a rule without a host, and for a default backend alone", async () => {
        const hostless = [{ http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: "web", port: { number: 80 } } } }] } }];
        assert.match((await messages(policy, withTls(hostless, undefined)))[0], /spec\.rules\[0\] \(no host\) has no TLS entry/);
        assert.deepStrictEqual(await messages(policy, withTls(hostless, [{ secretName: "web-tls" }])), []);
        const backendOnly = k8s(TOKENS[0], "web", "apps", { spec: { defaultBackend: { service: { name: "web", port: { number: 80 } } } } });
        assert.match((await messages(policy, backendOnly))[0], /spec\.defaultBackend serves every host and there is no TLS entry/);
        const legacy = k8s("kubernetes:extensions/v1beta1:Ingress", "web", "apps", { spec: { backend: { serviceName: "web", servicePort: 80 } } });
        assert.match((await messages(policy, legacy))[0], /spec\.backend serves every host/);
    });

    it("does not let a host-less TLS entry cover a rule with a host", async () => {
        assert.strictEqual((await messages(policy, withTls([{ host: "shop.contoso.com" }], [{ secretName: "wild" }]))).length, 1);
    });

    it("defers unknown TLS hosts and unknown rule hosts, still reporting a known gap", async () => {
        assert.deepStrictEqual(await messages(policy, withTls([{ host: "a.contoso.com" }], [{ hosts: [UNKNOWN_STRING] }])), []);
        assert.deepStrictEqual(await messages(policy, withTls([{ host: "a.contoso.com" }], UNKNOWN_STRING)), []);
        const m = await messages(policy, withTls([{ host: UNKNOWN_STRING }, { host: "b.contoso.com" }], [{ hosts: ["a.contoso.com"] }]));
        assert.strictEqual(m.length, 1);
        assert.match(m[0], /spec\.rules\[1\]\.host/);
    });

    it("judges a Patch only when it sets both rules and tls, and every item of a List", async () => {
        const patch = "kubernetes:networking.k8s.io/v1:IngressPatch";
        assert.deepStrictEqual(await messages(policy, withTls([{ host: "a.contoso.com" }], undefined, patch)), []);
        assert.strictEqual((await messages(policy, withTls([{ host: "a.contoso.com" }], [{ hosts: ["b.contoso.com"] }], patch))).length, 1);
        const m = await messages(policy, list("kubernetes:networking.k8s.io/v1:IngressList", "ings", [
            ingress("apps", "ok", ["a.contoso.com"], ["a.contoso.com"]), ingress("apps", "bad", ["b.contoso.com"], undefined),
        ]));
        assert.deepStrictEqual(m, ['Ingress "apps/bad": items[1].spec.rules[0].host is not in any spec.tls[].hosts; add a spec.tls entry covering it with a certificate secret.']);
    });
});
