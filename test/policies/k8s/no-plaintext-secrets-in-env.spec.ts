import * as assert from "assert";
import { secret, UNKNOWN_STRING } from "../../../harness";
import { hardenedPod, judge, messages, mutate, PolicyContract, session, workload, WORKLOADS } from "../../support/util";

const policy = "k8s-no-plaintext-secrets-in-env";
const VALUE = "hunter2-s3cr3t";

export const contract: PolicyContract = {
    policy,
    bad: [workload("Deployment", mutate(hardenedPod(), p => { p.containers[0].env = [{ name: "DB_PASSWORD", value: VALUE }]; }))],
    target: 0,
    field: ["spec", "template", "spec", "containers", 0, "env", 0, "value"],
};

const withEnv = (env: unknown) => mutate(hardenedPod(), p => { p.containers[0].env = env; });

/** True when the policy fires on one env var of that name carrying a literal value. */
async function fires(name: string): Promise<boolean> {
    return (await messages(policy, workload("Pod", withEnv([{ name, value: VALUE }])))).length > 0;
}

describe(policy, () => {
    // SPEC round 3: the fix is a mounted file (a secret volume, or the Azure Key Vault provider for
    // the Secrets Store CSI driver), never env from valueFrom.secretKeyRef.
    it("tells users to mount the secret as a file and never advises secretKeyRef in env", async () => {
        const info = (await session()).info.policies.find(p => p.name === policy)!;
        const pod = mutate(withEnv([{ name: "DB_PASSWORD", value: VALUE }]), p => { p.containers[0].args = ["--api-key", "literal-key"]; });
        const texts = [info.description, info.remediationSteps, ...(await judge(policy, workload("Pod", pod))).map(d => d.message)];
        assert.strictEqual(texts.length, 4);
        for (const t of texts) assert.ok(!/secretKeyRef/.test(t), t);
        assert.match(info.remediationSteps, /secret volume.*Azure Key Vault provider for the Secrets Store CSI driver/);
        for (const t of texts.slice(2)) assert.match(t, /mount the credential as a file instead \(a secret volume, or the Azure Key Vault provider for the Secrets Store CSI driver\)/);
    });

    for (const kind of Object.keys(WORKLOADS)) {
        it(`passes a hardened ${kind}`, async () => {
            assert.deepStrictEqual(await messages(policy, workload(kind, hardenedPod())), []);
        });
        it(`fires when an init container of a ${kind} sets a literal password, without repeating it`, async () => {
            const pod = mutate(hardenedPod(), p => { p.initContainers[0].env = [{ name: "LOG_LEVEL", value: "debug" }, { name: "DB_PASSWORD", value: VALUE }]; });
            const m = await messages(policy, workload(kind, pod));
            assert.strictEqual(m.length, 1);
            assert.match(m[0], /init container "init" sets env DB_PASSWORD to a literal value \(.*initContainers\[0\]\.env\[1\]\.value\); mount the credential as a file instead \(a secret volume, or the Azure Key Vault provider for the Secrets Store CSI driver\) and have the application read it there\.$/);
            assert.ok(!m[0].includes(VALUE));
        });
    }

    it("is advisory by default", async () => {
        const info = (await session()).info.policies.find(p => p.name === policy);
        assert.strictEqual(info?.enforcementLevel, "advisory");
    });

    it("judges names by whole segments: credentials fire", async () => {
        for (const name of ["DB_PASSWORD", "API_KEY", "CLIENT_SECRET", "AUTH_TOKEN", "STORAGE_CONNECTION_STRING", "dbPassword", "apiKey", "x-api-key", "my.secret", "JWTSecret", "AWS_SECRET_ACCESS_KEY", "REDIS_HOST_PASSWORD", "SECRET_KEY_BASE", "AZURE_STORAGE_CONNECTIONSTRING", "TOKEN", "DB_PASS", "SMTP_PASS", "REDIS_PASS", "ADMIN_PW", "dbPass", "PASS"]) {
            assert.strictEqual(await fires(name), true, name);
        }
    });

    it("judges names by whole segments: look-alikes and descriptions of a credential do not fire", async () => {
        for (const name of ["KEYCLOAK_URL", "TOKENIZER_MODE", "MONKEY_COUNT", "PASSWORDLESS", "BYPASS_CACHE", "PASS_THROUGH_MODE", "PW_RESET_URL", "PASSWORD_FILE", "TOKEN_URL", "SECRET_NAME", "KEY_VAULT_NAME", "AWS_ACCESS_KEY_ID", "MAX_TOKENS", "PUBLIC_KEY", "LOG_LEVEL"]) {
            assert.strictEqual(await fires(name), false, name);
        }
    });

    it("judges a 1 MB env name without hanging (the camelCase split is linear)", async () => {
        assert.strictEqual(await fires("A".repeat(1 << 20)), false);
        assert.strictEqual(await fires(`${"Ab".repeat(1 << 19)}_PASS`), true);
    });

    it("accepts valueFrom, an empty literal and a variable without value", async () => {
        const env = [
            { name: "DB_PASSWORD", valueFrom: { secretKeyRef: { name: "db", key: "password" } } },
            { name: "API_KEY", value: "" },
            { name: "AUTH_TOKEN" },
        ];
        assert.deepStrictEqual(await messages(policy, workload("Deployment", withEnv(env))), []);
    });

    it("fires on a literal beside valueFrom, on a number, on every container kind, and on a Pulumi secret without revealing it", async () => {
        const pod = mutate(withEnv([{ name: "CLIENT_SECRET", value: VALUE, valueFrom: { secretKeyRef: { name: "c", key: "s" } } }, { name: "PIN_PASSWORD", value: 1234 }]), p => {
            p.ephemeralContainers = [{ name: "debug", image: "x.azurecr.io/d:1", env: [{ name: "GITHUB_TOKEN", value: secret(VALUE) }] }];
        });
        const ds = await judge(policy, workload("Pod", pod));
        assert.deepStrictEqual(ds.map(d => d.message.slice(d.message.indexOf("\n") + 1)), [
            'Pod "apps/pod": container "app" sets env CLIENT_SECRET to a literal value (spec.containers[0].env[0].value); mount the credential as a file instead (a secret volume, or the Azure Key Vault provider for the Secrets Store CSI driver) and have the application read it there.',
            'Pod "apps/pod": container "app" sets env PIN_PASSWORD to a literal value (spec.containers[0].env[1].value); mount the credential as a file instead (a secret volume, or the Azure Key Vault provider for the Secrets Store CSI driver) and have the application read it there.',
            'Pod "apps/pod": ephemeral container "debug" sets env GITHUB_TOKEN to a literal value (spec.ephemeralContainers[0].env[0].value); mount the credential as a file instead (a secret volume, or the Azure Key Vault provider for the Secrets Store CSI driver) and have the application read it there.',
        ]);
        for (const d of ds) assert.ok(!d.message.includes(VALUE) && !d.message.includes("1234"), d.message);
    });

    it("defers an unknown value or name and still reports a known literal beside it", async () => {
        const env = [{ name: "DB_PASSWORD", value: UNKNOWN_STRING }, { name: UNKNOWN_STRING, value: VALUE }, UNKNOWN_STRING, { name: "API_KEY", value: VALUE }];
        const m = await messages(policy, workload("CronJob", withEnv(env)));
        assert.strictEqual(m.length, 1);
        assert.match(m[0], /env API_KEY .*env\[3\]\.value/);
        assert.deepStrictEqual(await messages(policy, workload("CronJob", withEnv(UNKNOWN_STRING))), []);
    });

    it("gives a clean verdict on malformed env lists", async () => {
        for (const env of [null, "DB_PASSWORD=x", [null, 42, "x", { name: 7, value: VALUE }, { name: "DB_PASSWORD", value: { nested: true } }]]) {
            assert.deepStrictEqual(await messages(policy, workload("Pod", withEnv(env))), [], JSON.stringify(env));
        }
    });

    it("judges what a Patch sets, and every item of a List", async () => {
        const token = "kubernetes:apps/v1:DeploymentPatch";
        assert.strictEqual((await messages(policy, workload("Deployment", { containers: [{ name: "app", env: [{ name: "API_KEY", value: VALUE }] }] }, { token }))).length, 1);
        const list = { type: "kubernetes:apps/v1:DeploymentList", name: "list", props: { items: [workload("Deployment", hardenedPod()).props, workload("Deployment", withEnv([{ name: "API_KEY", value: VALUE }]), { name: "bad" }).props] } };
        const m = await messages(policy, list);
        assert.strictEqual(m.length, 1);
        assert.match(m[0], /^Deployment "apps\/bad": .*items\[1\]\.spec\.template\.spec\.containers\[0\]\.env\[0\]\.value/);
    });

    it("matches older API versions", async () => {
        for (const token of ["kubernetes:extensions/v1beta1:Deployment", "kubernetes:apps/v1beta2:DaemonSet", "kubernetes:batch/v1beta1:CronJob"]) {
            const kind = token.split(":")[2];
            assert.strictEqual((await messages(policy, workload(kind, withEnv([{ name: "API_KEY", value: VALUE }]), { token }))).length, 1, token);
        }
    });
});
