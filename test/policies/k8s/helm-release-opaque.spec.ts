import * as assert from "assert";
import { ResourceInput, UNKNOWN_STRING } from "../../../harness";
import { messages, PolicyContract } from "../../support/util";

const policy = "k8s-helm-release-opaque";

function release(props: Record<string, unknown>, version = "v3", name = "ingress"): ResourceInput {
    return { type: `kubernetes:helm.sh/${version}:Release`, name, props: { chart: "ingress-nginx", namespace: "ingress", ...props } };
}

export const contract: PolicyContract = {
    policy,
    bad: [release({ chart: "ingress-nginx", repositoryOpts: { repo: "https://kubernetes.github.io/ingress-nginx" } })],
    target: 0,
    field: ["chart"],
    config: { allowedCharts: ["oci://myacr.azurecr.io/helm/*"] },
};

const expected = 'Release "ingress/ingress": installs its chart out of policy\'s sight (its resources are never judged); deploy the chart with kubernetes:helm.sh/v4:Chart instead.';

describe(policy, () => {
    for (const version of ["v3", "v2", "v4"]) {
        it(`fires on a helm.sh/${version} Release`, async () => {
            assert.deepStrictEqual(await messages(policy, release({}, version)), [expected]);
        });
    }

    it("names the release by its name and namespace properties", async () => {
        const m = await messages(policy, release({ name: "edge", namespace: "net" }));
        assert.match(m[0], /^Release "net\/edge": /);
    });

    it("does not fire on helm.sh/v4:Chart or helm.sh/v3:Chart, whose resources are judged one by one", async () => {
        for (const type of ["kubernetes:helm.sh/v4:Chart", "kubernetes:helm.sh/v3:Chart"]) {
            assert.deepStrictEqual(await messages(policy, { type, name: "c", props: { chart: "ingress-nginx", namespace: "ingress" } }), [], type);
        }
    });

    it("passes charts listed in allowedCharts, by chart or by repository and chart", async () => {
        assert.deepStrictEqual(await messages(policy, release({ chart: "oci://myacr.azurecr.io/helm/app" }), { allowedCharts: ["oci://myacr.azurecr.io/helm/*"] }), []);
        const fromRepo = release({ repositoryOpts: { repo: "https://kubernetes.github.io/ingress-nginx/" } });
        assert.deepStrictEqual(await messages(policy, fromRepo, { allowedCharts: ["https://kubernetes.github.io/ingress-nginx/ingress-nginx"] }), []);
        assert.deepStrictEqual(await messages(policy, fromRepo, { allowedCharts: ["https://kubernetes.github.io/*/ingress-*"] }), []);
        assert.deepStrictEqual(await messages(policy, fromRepo, { allowedCharts: ["cert-manager"] }), [expected]);
    });

    it("matches a chart from a repository only as <repo>/<chart>, never by its bare name", async () => {
        const elsewhere = release({ repositoryOpts: { repo: "https://charts.attacker.example/" } });
        assert.deepStrictEqual(await messages(policy, elsewhere, { allowedCharts: ["ingress-nginx"] }), [expected]);
        assert.deepStrictEqual(await messages(policy, elsewhere, { allowedCharts: ["ingress-*"] }), [expected]);
        assert.deepStrictEqual(await messages(policy, release({}), { allowedCharts: ["ingress-nginx"] }), []);
    });

    it("defers an unknown chart only when allowedCharts could accept it", async () => {
        assert.deepStrictEqual(await messages(policy, release({ chart: UNKNOWN_STRING }), { allowedCharts: ["cert-manager"] }), []);
        assert.deepStrictEqual(await messages(policy, release({ repositoryOpts: { repo: UNKNOWN_STRING } }), { allowedCharts: ["https://charts.example.com/*"] }), []);
        assert.deepStrictEqual(await messages(policy, release({ chart: UNKNOWN_STRING, namespace: UNKNOWN_STRING })), ['Release "ingress": ' + expected.slice(expected.indexOf(": ") + 2)]);
    });

    it("is exempted by namespace and by resource name", async () => {
        assert.deepStrictEqual(await messages(policy, release({}), { excludeNamespaces: ["ingress"] }), []);
        assert.deepStrictEqual(await messages(policy, release({}), { excludeResources: ["ingress/*"] }), []);
        assert.deepStrictEqual(await messages(policy, release({}), { excludeNamespaces: ["other"] }), [expected]);
    });
});
