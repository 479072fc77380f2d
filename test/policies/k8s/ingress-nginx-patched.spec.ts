// Rule from the ingress-nginx advisory for CVE-2025-1974 (kubernetes/kubernetes#131009: fixed in
// controller v1.11.5 and v1.12.1) and the controller's image name registry.k8s.io/ingress-nginx/controller.
import * as assert from "assert";
import { hardenedPod, messages, mutate, PolicyContract, workload } from "../../support/util";

const policy = "k8s-ingress-nginx-patched";
const controller = (image: unknown) => mutate(hardenedPod(), p => { p.containers[0].image = image; });

export const contract: PolicyContract = {
    policy,
    bad: [workload("Deployment", controller("registry.k8s.io/ingress-nginx/controller:v1.11.4"))],
    target: 0,
    field: ["spec", "template", "spec", "containers", 0, "image"],
};

describe(policy, () => {
    it("reports releases below their line's fix and unverifiable images; passes patched ones", async () => {
        const [m] = await messages(policy, workload("Deployment", controller("registry.k8s.io/ingress-nginx/controller:v1.12.0@sha256:" + "a".repeat(64))));
        assert.strictEqual(m, 'Deployment "apps/deployment": container "app" (spec.template.spec.containers[0].image) runs ingress-nginx controller v1.12.0, below the patched releases 1.11.5, 1.12.1 (CVE-2025-1974); upgrade the controller image.');
        for (const bad of ["v1.11.4", "v1.10.6", "1.9.0", "latest"]) {
            assert.strictEqual((await messages(policy, workload("DaemonSet", controller(`registry.k8s.io/ingress-nginx/controller:${bad}`)))).length, 1, bad);
        }
        assert.match((await messages(policy, workload("Pod", controller("myacr.azurecr.io/ingress-nginx/controller@sha256:" + "b".repeat(64)))))[0], /cannot be verified/);
        for (const ok of ["v1.11.5", "v1.12.1", "v1.13.0", "v2.0.0"]) {
            assert.deepStrictEqual(await messages(policy, workload("Deployment", controller(`registry.k8s.io/ingress-nginx/controller:${ok}`))), [], ok);
        }
        assert.deepStrictEqual(await messages(policy, workload("Deployment", controller("nginx:1.0.0"))), []);
        assert.deepStrictEqual(await messages(policy, workload("Deployment", controller("registry.k8s.io/ingress-nginx/kube-webhook-certgen:v1.0"))), []);
    });
    it("takes minimumVersions from config", async () => {
        const image = controller("registry.k8s.io/ingress-nginx/controller:v1.12.1");
        assert.strictEqual((await messages(policy, workload("Deployment", image), { minimumVersions: ["1.12.2"] })).length, 1);
    });
});
