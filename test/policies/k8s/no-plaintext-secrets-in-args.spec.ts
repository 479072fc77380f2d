// k8s-no-plaintext-secrets-in-env, its command-line half (SPEC, settled semantics round 2):
// literal credentials in `command` and `args`. A file of its own so that the catalog matrix runs
// its contract for arguments too (unknowns, secrets never repeated, exemptions, malformed values).
import * as assert from "assert";
import { secret, UNKNOWN_STRING } from "../../../harness";
import { hardenedPod, judge, messages, mutate, PolicyContract, workload, WORKLOADS } from "../../support/util";

const policy = "k8s-no-plaintext-secrets-in-env";
const VALUE = "hunter2-s3cr3t";

export const contract: PolicyContract = {
    policy,
    bad: [workload("Deployment", mutate(hardenedPod(), p => { p.containers[0].args = ["--db-password", VALUE]; }))],
    target: 0,
    field: ["spec", "template", "spec", "containers", 0, "args", 1],
};

const withArgs = (args: unknown, command?: unknown) => mutate(hardenedPod(), p => {
    p.containers[0].args = args;
    if (command !== undefined) p.containers[0].command = command;
});

/** The fields the policy reports for one container's command line (`args[1]`), in order. */
async function reported(args: unknown, command?: unknown): Promise<string[]> {
    const m = await messages(policy, workload("Pod", withArgs(args, command)));
    for (const x of m) assert.ok(!x.includes(VALUE), x);
    return m.map(x => x.match(/\(spec\.containers\[0\]\.(\w+\[\d+\])\)/)?.[1] ?? x);
}

describe(`${policy}: credentials on the command line`, () => {
    for (const kind of Object.keys(WORKLOADS)) {
        it(`fires on a literal --name=value in an init container and --name value in an ephemeral container of a ${kind}, never repeating it`, async () => {
            const pod = mutate(hardenedPod(), p => {
                p.initContainers[0].args = ["--log-level=debug", `--db-password=${VALUE}`];
                p.ephemeralContainers = [{ name: "debug", image: "x.azurecr.io/d:1", command: ["/bin/tool", "--api-key", VALUE] }];
            });
            const ds = await judge(policy, workload(kind, pod));
            const m = ds.map(d => d.message.slice(d.message.indexOf("\n") + 1));
            assert.strictEqual(m.length, 2, m.join("\n"));
            assert.match(m[0], /init container "init" passes --db-password a literal value on its command line \(.*initContainers\[0\]\.args\[1\]\); mount the credential as a file instead \(a secret volume, or the Azure Key Vault provider for the Secrets Store CSI driver\) and have the application read it there \(a flag that takes a file path\)\.$/);
            assert.match(m[1], /ephemeral container "debug" passes --api-key a literal value on its command line \(.*ephemeralContainers\[0\]\.command\[2\]\)/);
            for (const d of ds) assert.ok(!d.message.includes(VALUE), d.message);
        });
    }

    it("judges flag names by the same whole segments as env names", async () => {
        for (const flag of ["--db-password", "--api-key", "--client-secret", "--auth-token", "--storage-connection-string", "--apiKey", "-token", "--pass", "--DB_PASSWORD", "--cookie-secret", "--webhook-secret"]) {
            assert.strictEqual((await reported([`${flag}=${VALUE}`])).length, 1, `${flag}=`);
            assert.strictEqual((await reported([flag, VALUE])).length, 1, `${flag} value`);
        }
        for (const flag of ["--keycloak-url", "--tokenizer-mode", "--password-file", "--token-url", "--secret-name", "--max-tokens", "--public-key", "--bypass",
            "--webhook-ca-secret", "--webhook-serving-secret", "--tls-secret"]) { // the last three name a TLS Secret (cert-manager, ingress controllers)
            assert.deepStrictEqual(await reported([`${flag}=${VALUE}`, flag, VALUE]), [], flag);
        }
    });

    it("does not count $(VAR) references, shell variables, file paths, booleans or a following flag as literals", async () => {
        const notLiteral = ["--db-password=$(DB_PASSWORD)", "--api-key", "$(API_KEY)", "--token=prefix-$(TOKEN)", "--client-secret", "$CLIENT_SECRET",
            "--auth-token=${AUTH_TOKEN}", "--tls-key=/etc/tls/tls.key", "--ssh-key", "./keys/id_rsa", "--private-key=~/.ssh/key", "--key=file:///run/secrets/key",
            "--token-auth=true", "--secret", "--verbose", "--password=", "--password", "\"$(DB_PASSWORD)\""];
        assert.deepStrictEqual(await reported(notLiteral), []);
    });

    it("pairs a flag with the next argument across command and args, and within a shell script", async () => {
        assert.deepStrictEqual(await reported([VALUE, "serve"], ["app", "--api-key"]), ["args[0]"]);
        assert.deepStrictEqual(await reported(["-c", `exec app --db-password ${VALUE} --port 8080`], ["sh"]), ["args[1]"]);
        assert.deepStrictEqual(await reported(["-c", `exec app --db-password "$DB_PASSWORD" --token='${VALUE}'`], ["sh"]), ["args[1]"]);
        assert.deepStrictEqual(await reported(["--api-key"]), [], "a flag with nothing after it");
    });

    it("judges a Pulumi secret argument by its value and never repeats it", async () => {
        assert.deepStrictEqual(await reported(["--api-key", secret(VALUE)]), ["args[1]"]);
        assert.deepStrictEqual(await reported([secret(`--api-key=${VALUE}`)]), ["args[0]"]);
        assert.deepStrictEqual(await reported(secret(["--api-key", VALUE])), ["args[1]"]);
    });

    it("defers an unknown argument and still reports a known literal beside it", async () => {
        assert.deepStrictEqual(await reported(["--api-key", UNKNOWN_STRING, UNKNOWN_STRING, `--auth-token=${VALUE}`]), ["args[3]"]);
        assert.deepStrictEqual(await reported(UNKNOWN_STRING, UNKNOWN_STRING), []);
    });

    it("gives a clean verdict on malformed command lines", async () => {
        for (const args of [null, 42, `--api-key=${VALUE}x`, { "--api-key": VALUE }, [null, 7, { a: 1 }, ["--api-key", VALUE]], ["--api-key", 1234]]) {
            assert.deepStrictEqual(await reported(args), [], JSON.stringify(args));
        }
    });

    it("judges a 1 MB argument without hanging", async () => {
        assert.deepStrictEqual(await reported([`--${"a".repeat(1 << 20)}=${VALUE}`, "x".repeat(1 << 20)]), []);
        assert.deepStrictEqual(await reported([`--${"Ab".repeat(1 << 19)}-pass=${VALUE}`]), ["args[0]"]);
    });
});
