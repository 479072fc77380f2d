// A value marked secret is never printed, wherever it sits (SPEC, round 3): a secret name,
// namespace or key of a stack export or preview is `[secret]` in every report and warning, and the
// verdicts are the same as with the plain values.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { PACK_DIR, secret } from "../../harness";
import { maskReport, secretMasker, secretTexts } from "../../cli/report/secrets";
import { aksGuardInProcess, fixture, withTempAsync } from "../support/cli";

/** The insecure stack export, its Deployment's name and namespace marked secret as the engine stores them (ciphertext aside: plaintext). */
function withSecretMetadata(dir: string, name: string, namespace: string): { plain: string; secret: string } {
    const text = fs.readFileSync(path.join(PACK_DIR, fixture("pulumi", "stack-export-insecure.json")), "utf8");
    const rewrite = (mark: (v: string) => unknown) => {
        const j = JSON.parse(text);
        for (const r of j.deployment.resources.filter((r: any) => r.type === "kubernetes:apps/v1:Deployment")) {
            for (const state of [r.inputs, r.outputs]) {
                if (!state?.metadata) continue;
                state.metadata.name = mark(name);
                state.metadata.namespace = mark(namespace);
            }
        }
        return JSON.stringify(j);
    };
    const sealed = (v: string) => ({ "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", plaintext: JSON.stringify(v) });
    const plain = path.join(dir, "plain.json"), secretFile = path.join(dir, "secret.json");
    fs.writeFileSync(plain, rewrite(v => v));
    fs.writeFileSync(secretFile, rewrite(sealed));
    return { plain, secret: secretFile };
}

describe("secret names, namespaces and keys", function () {
    this.timeout(120000);

    it("are [secret] in the text, JSON and SARIF reports, with the same verdicts as the plain values", () => withTempAsync(async dir => {
        const files = withSecretMetadata(dir, "payments-api", "tenant-acme");
        for (const format of ["text", "json", "sarif"]) {
            const plain = await aksGuardInProcess(["check", "--format", format, files.plain]);
            const hidden = await aksGuardInProcess(["check", "--format", format, files.secret]);
            assert.strictEqual(hidden.status, plain.status, format);
            assert.ok(plain.stdout.includes("tenant-acme/payments-api"), `${format}: the plain report names the object`);
            for (const out of [hidden.stdout, hidden.stderr]) {
                assert.ok(!out.includes("payments-api") && !out.includes("tenant-acme"), `${format} leaks a secret`);
            }
            assert.ok(hidden.stdout.includes("[secret]/[secret]"), format);
            // The same findings, with the secret texts masked.
            const mask = (s: string) => s.split("tenant-acme").join("[secret]").split("payments-api").join("[secret]");
            if (format === "json") assert.deepStrictEqual(JSON.parse(hidden.stdout).diagnostics, JSON.parse(mask(plain.stdout)).diagnostics.map((d: any) => ({ ...d, resource: d.resource?.replace("plain.json", "secret.json") ?? d.resource, file: d.file?.replace("plain.json", "secret.json") ?? d.file })));
        }
    }));

    it("--engine masks them the same way", () => withTempAsync(async dir => {
        const files = withSecretMetadata(dir, "payments-api", "tenant-acme");
        const a = await aksGuardInProcess(["check", "--format", "json", files.secret]);
        const b = await aksGuardInProcess(["check", "--engine", "--format", "json", files.secret]);
        assert.deepStrictEqual(a, b);
    }));

    it("collects the strings and data keys inside a secret, of a resource and of its provider, and nothing outside one", () => {
        const texts = secretTexts([
            { type: "t", name: "a", props: { plain: "visible", meta: secret({ name: "hidden-name", annotations: { "hidden.io/key": "x" }, labels: { team: "y" } }), list: [secret("in-list")] } },
            { type: "t", name: "d", props: { metadata: { labels: secret({ tier: "z" }) }, spec: { labels: { open: "v" } } } },
            { type: "t", name: "b", props: {}, provider: { type: "pulumi:providers:kubernetes", name: "p", props: { namespace: secret("provider-ns") } } },
            { type: "t", name: "c", props: { s: secret("two\nlines"), long: secret("y".repeat(600)) } },
        ]).sort();
        // Field names (name, annotations, labels) stay printable, the keys of data maps inside a secret
        // (team, tier) do not; "x", "y" and "z" are too short to mask; nothing outside a secret counts.
        assert.deepStrictEqual(texts, ["hidden-name", "hidden.io/key", "in-list", "provider-ns", "team", "tier"]);
    });

    it("masks a secret only where it stands alone, the longest first, with its characters taken literally", () => {
        const mask = secretMasker(["ns", "a.b", "prod", "prod-eu"]);
        assert.strictEqual(mask(`Deployment "ns/web" in tokens`), `Deployment "[secret]/web" in tokens`);
        assert.strictEqual(mask("a.b and axb"), "[secret] and axb");
        assert.strictEqual(mask("prod-eu, prod, production"), "[secret], [secret], production");
        assert.strictEqual(secretMasker([])("unchanged"), "unchanged");
        const report: any = { findings: [{ message: "on ns" }], deferred: [{ reason: "ns is unknown" }], resources: [{ name: "ns/x" }], warnings: ["ns"] };
        maskReport(report, mask);
        assert.deepStrictEqual([report.findings[0].message, report.deferred[0].reason, report.resources[0].name, report.warnings[0]], ["on [secret]", "[secret] is unknown", "[secret]/x", "[secret]"]);
    });
});
