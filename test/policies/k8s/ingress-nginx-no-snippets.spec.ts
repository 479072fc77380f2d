// Cases from Kyverno's nginx-ingress policies (kyverno/policies nginx-ingress/
// disallow-ingress-nginx-custom-snippets, restrict-annotations, restrict-ingress-paths), converted
// to data/kyverno-nginx-ingress.json (repo, path, commit inside). Kyverno's fixtures use nginx.org/
// annotations (F5's NGINX Ingress Controller); ingress-nginx reads nginx.ingress.kubernetes.io/,
// so the conversion renames nginx.org/X-snippet to nginx.ingress.kubernetes.io/X-snippet and the
// value carriers nginx.org/bad|good to nginx.ingress.kubernetes.io/auth-url (an annotation
// ingress-nginx writes into nginx.conf). Counts (violations / passes) are asserted below: 2/4, 5/2, 5/1.
// Checkov's CVE-2021-25742 examples (bridgecrewio/checkov tests/kubernetes/checks/
// example_NginxIngressCVE202125742, commit in data/checkov-nginx-ingress.json): CKV_K8S_153 3/1,
// agreed case by case; CKV_K8S_152 (Lua) and CKV_K8S_154 (alias) judge narrower patterns, 1/3 each,
// and every one they fail fails here too.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { ResourceInput, UNKNOWN_STRING } from "../../../harness";
import { messages, PolicyContract } from "../../support/util";

const policy = "k8s-ingress-nginx-no-snippets";
const corpus = JSON.parse(fs.readFileSync(path.join(__dirname, "../../../../test/policies/k8s/data/kyverno-nginx-ingress.json"), "utf8")) as {
    cases: { policy: string; result: "pass" | "fail"; object: Record<string, any> }[];
};

function toIngressNginx(o: Record<string, any>): Record<string, any> {
    const annotations = o.metadata.annotations ?? {};
    const renamed: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(annotations)) {
        const short = k.replace(/^nginx\.org\//, "");
        renamed[`nginx.ingress.kubernetes.io/${short === "bad" || short === "good" ? "auth-url" : short}`] = v;
    }
    return { ...o, metadata: { ...o.metadata, annotations: renamed } };
}

const checkov = JSON.parse(fs.readFileSync(path.join(__dirname, "../../../../test/policies/k8s/data/checkov-nginx-ingress.json"), "utf8")) as {
    cases: { file: string; checkov: Record<"CKV_K8S_152" | "CKV_K8S_153" | "CKV_K8S_154", "pass" | "fail">; object: Record<string, any> }[];
};

const asResource = (o: Record<string, any>): ResourceInput => ({
    type: o.kind === "ConfigMap" ? "kubernetes:core/v1:ConfigMap" : "kubernetes:networking.k8s.io/v1:Ingress", name: o.metadata.name, props: o,
});

function ingress(annotations: Record<string, unknown>, paths: unknown[] = ["/"], spec: Record<string, unknown> = {}, token = "kubernetes:networking.k8s.io/v1:Ingress"): ResourceInput {
    return {
        type: token, name: "web",
        props: { apiVersion: "networking.k8s.io/v1", kind: "Ingress", metadata: { name: "web", namespace: "apps", annotations }, spec: { ingressClassName: "nginx", ...spec, rules: [{ host: "a.example.com", http: { paths: paths.map(p => ({ path: p, pathType: "Prefix", backend: { service: { name: "web", port: { number: 80 } } } })) } }] } },
    };
}

export const contract: PolicyContract = {
    policy,
    bad: [ingress({ "nginx.ingress.kubernetes.io/configuration-snippet": "more_set_headers \"X: y\";" })],
    target: 0,
    field: ["metadata", "annotations", "nginx.ingress.kubernetes.io/configuration-snippet"],
};

describe(policy, () => {
    it("agrees with Kyverno's nginx-ingress fixtures (annotations renamed to ingress-nginx's)", async () => {
        const counts: Record<string, [number, number]> = {};
        for (const c of corpus.cases) {
            const m = await messages(policy, asResource(toIngressNginx(c.object)));
            assert.strictEqual(m.length > 0, c.result === "fail", `${c.policy} ${c.object.metadata.name}: ${m}`);
            const n = counts[c.policy] ??= [0, 0];
            n[c.result === "fail" ? 0 : 1]++;
        }
        assert.deepStrictEqual(counts, { "disallow-ingress-nginx-custom-snippets": [2, 4], "restrict-annotations": [5, 2], "restrict-ingress-paths": [5, 1] });
    });

    it("agrees with Checkov's CKV_K8S_153 examples (every snippet), and fails all that CKV_K8S_152 (Lua) and CKV_K8S_154 (alias) fail", async () => {
        // Checkov's example manifests already use ingress-nginx's annotations: no renaming.
        const counts: Record<string, [number, number]> = {};
        for (const c of checkov.cases) {
            const m = await messages(policy, asResource(c.object));
            assert.strictEqual(m.length > 0, c.checkov.CKV_K8S_153 === "fail", `${c.file}: ${m}`);
            // The narrower checks find a subset of what every snippet being an injection path finds.
            if (c.checkov.CKV_K8S_152 === "fail" || c.checkov.CKV_K8S_154 === "fail") assert.ok(m.length > 0, c.file);
            for (const [check, result] of Object.entries(c.checkov)) (counts[check] ??= [0, 0])[result === "fail" ? 0 : 1]++;
        }
        // Checkov's own tests: failed / passed per check.
        assert.deepStrictEqual(counts, { CKV_K8S_153: [3, 1], CKV_K8S_152: [1, 3], CKV_K8S_154: [1, 3] });
    });

    it("names the object, the annotation or path and the fix; never the value", async () => {
        const m = await messages(policy, ingress({ "nginx.ingress.kubernetes.io/auth-url": "http://x/;secret-token", "nginx.ingress.kubernetes.io/server-snippet": "x" }, ["/ok", "/var/run/secrets/kubernetes.io", "/a/../etc"]));
        assert.deepStrictEqual(m, [
            'Ingress "apps/web": annotation nginx.ingress.kubernetes.io/auth-url has a value with a \';\', which can inject nginx configuration (metadata.annotations["nginx.ingress.kubernetes.io/auth-url"]); use a plain URL or host name.',
            'Ingress "apps/web": annotation nginx.ingress.kubernetes.io/server-snippet injects raw nginx configuration (metadata.annotations["nginx.ingress.kubernetes.io/server-snippet"]); remove it and use ingress-nginx\'s supported annotations.',
            'Ingress "apps/web": rules[0].http.paths[1].path has a path under /var/run/secrets, which can expose the controller\'s files and service account token (CVE-2021-25745) (spec.rules[0].http.paths[1].path); serve the application under its own path.',
            'Ingress "apps/web": rules[0].http.paths[2].path has a .. segment, which can expose the controller\'s files and service account token (CVE-2021-25745) (spec.rules[0].http.paths[2].path); serve the application under its own path.',
        ]);
        assert.ok(!m.join("").includes("secret-token"));
    });

    it("judges the value carriers only, on a segment boundary for paths", async () => {
        assert.deepStrictEqual(await messages(policy, ingress({ "nginx.ingress.kubernetes.io/proxy-body-size": "8m;", "nginx.ingress.kubernetes.io/rewrite-target": "/$2" }, ["/etcd", "/rooted", "/api/etc"])), []);
        for (const key of ["rewrite-target", "permanent-redirect", "server-alias", "proxy-redirect-from", "mirror-target"]) {
            assert.strictEqual((await messages(policy, ingress({ [`nginx.ingress.kubernetes.io/${key}`]: "/x }\n location /y {" }))).length, 1, key);
        }
    });

    it("judges ingress-nginx classes and Ingresses without a class; defers an unknown class", async () => {
        const bad = { "nginx.ingress.kubernetes.io/configuration-snippet": "x" };
        assert.strictEqual((await messages(policy, ingress(bad, ["/"], { ingressClassName: "webapprouting.kubernetes.azure.com" }))).length, 1);
        assert.strictEqual((await messages(policy, ingress(bad, ["/"], { ingressClassName: undefined }))).length, 1);
        assert.deepStrictEqual(await messages(policy, ingress(bad, ["/"], { ingressClassName: "azure-application-gateway" })), []);
        assert.deepStrictEqual(await messages(policy, ingress(bad, ["/"], { ingressClassName: UNKNOWN_STRING })), []);
        assert.strictEqual((await messages(policy, ingress({ ...bad, "kubernetes.io/ingress.class": "nginx" }, ["/"], { ingressClassName: undefined }))).length, 1);
    });

    it("judges the controller ConfigMap, Patches, Lists and extensions/v1beta1", async () => {
        const cm = (v: unknown, token = "kubernetes:core/v1:ConfigMap") => ({ type: token, name: "c", props: { metadata: { name: "ingress-nginx-controller", namespace: "ingress-nginx" }, data: { "allow-snippet-annotations": v } } });
        assert.match((await messages(policy, cm("true")))[0], /^ConfigMap "ingress-nginx\/ingress-nginx-controller": data sets allow-snippet-annotations to "true"/);
        assert.deepStrictEqual(await messages(policy, cm(UNKNOWN_STRING)), []);
        assert.strictEqual((await messages(policy, cm("true", "kubernetes:core/v1:ConfigMapPatch"))).length, 1);
        assert.strictEqual((await messages(policy, ingress({ "nginx.ingress.kubernetes.io/auth-snippet": "x" }, ["/"], {}, "kubernetes:networking.k8s.io/v1:IngressPatch"))).length, 1);
        assert.strictEqual((await messages(policy, ingress({ "nginx.ingress.kubernetes.io/auth-snippet": "x" }, ["/"], {}, "kubernetes:extensions/v1beta1:Ingress"))).length, 1);
        const list = { type: "kubernetes:networking.k8s.io/v1:IngressList", name: "l", props: { items: [ingress({}).props, ingress({}, ["/root/.ssh"]).props] } };
        assert.match((await messages(policy, list))[0], /items\[1\]\.spec\.rules\[0\]\.http\.paths\[0\]\.path\)/);
        assert.deepStrictEqual(await messages(policy, { type: "kubernetes:networking.k8s.io/v1:Ingress", name: "x", props: { metadata: { annotations: null }, spec: { rules: [null, { http: { paths: [null, { path: 7 }] } }] } } }), []);
    });
});
