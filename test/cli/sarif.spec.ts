// `--format sarif` as GitHub code scanning takes it: valid against the SARIF 2.1.0 schema,
// fingerprints that follow a finding across runs and line moves, URIs relative to the repository
// root, at most 25,000 results per run (mandatory first), and the metadata GitHub reads. In process
// (runCli, in the working folder a test names).
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import Ajv from "ajv-draft-04";
import addFormats from "ajv-formats";
import { PACK_DIR } from "../../harness";
import { FINGERPRINT_KEY, MAX_RESULTS, sarifReport } from "../../cli/report/sarif";
import { Report } from "../../cli/report/model";
import { aksGuardInProcess, checkJsonInProcess, fixture, withTempAsync } from "../support/cli";

/** The OASIS SARIF 2.1.0 schema (test/cli/sarif/PROVENANCE.md), compiled once. */
let validator: ReturnType<Ajv["compile"]> | undefined;
function schemaErrors(log: unknown): string[] {
    if (!validator) {
        const ajv = new Ajv({ allErrors: true, strict: false });
        addFormats(ajv);
        validator = ajv.compile(JSON.parse(fs.readFileSync(path.join(PACK_DIR, "test", "cli", "sarif", "sarif-schema-2.1.0.json"), "utf8")));
    }
    return validator(log) ? [] : (validator.errors ?? []).slice(0, 10).map(e => `${e.instancePath} ${e.message}`);
}

/** `check --format sarif` run in `cwd` (in process), parsed. */
async function sarif(args: string[], cwd = PACK_DIR, input?: string): Promise<{ status: number | null; log: any; stderr: string }> {
    const r = await aksGuardInProcess(["check", "--format", "sarif", ...args], { cwd, input });
    return { status: r.status, log: r.stdout ? JSON.parse(r.stdout) : undefined, stderr: r.stderr };
}

const fingerprints = (log: any): string[] => log.runs[0].results.map((r: any) => r.partialFingerprints[FINGERPRINT_KEY]);

describe("aks-guard check --format sarif: fit for GitHub code scanning", function () {
    this.timeout(600000);

    it("is valid SARIF 2.1.0 for every input format, and the validator does reject an invalid log", async () => {
        const r = (await sarif(["--config", path.join("config", "deny.json"), fixture("k8s"), fixture("pulumi"), fixture("arm"), "-"], PACK_DIR,
            fs.readFileSync(fixture("k8s", "insecure.yaml"), "utf8")));
        assert.strictEqual(r.status, 1, r.stderr);
        assert.ok(r.log.runs[0].results.length > 20);
        assert.deepStrictEqual(schemaErrors(r.log), []);
        const broken = structuredClone(r.log);
        broken.runs[0].results[0].level = "fatal";
        delete broken.runs[0].tool.driver.name;
        assert.strictEqual(schemaErrors(broken).length, 2, "the schema catches a bad level and a driver without a name");
    });

    it("carries the metadata GitHub reads: semanticVersion, automationDetails, security tags and severities, help with the fix and a link", async () => {
        const pkg = JSON.parse(fs.readFileSync(path.join(PACK_DIR, "package.json"), "utf8"));
        const withConfig = (await sarif(["--config", path.join("config", "deny.json"), fixture("k8s", "insecure.yaml")])).log.runs[0];
        assert.strictEqual(withConfig.tool.driver.semanticVersion, pkg.version);
        assert.strictEqual(withConfig.automationDetails.id, "aks-guard/deny/");
        assert.strictEqual((await sarif([fixture("k8s", "insecure.yaml")])).log.runs[0].automationDetails.id, "aks-guard/default/");
        const catalog = JSON.parse((await aksGuardInProcess(["list", "--format", "json"])).stdout).policies;
        const severity: Record<string, string> = { critical: "9.5", high: "8.0", medium: "5.5", low: "2.0" };
        for (const rule of withConfig.tool.driver.rules) {
            const p = catalog.find((x: any) => x.name === rule.id);
            assert.ok(rule.properties.tags.includes("security"), rule.id);
            assert.strictEqual(rule.properties["security-severity"], severity[p.severity], rule.id);
            assert.ok(rule.help.markdown.includes(`](${p.url})`), `${rule.id}: help links the policy's doc`);
            assert.match(rule.help.markdown, /\*\*Fix:\*\* \S/, `${rule.id}: help gives the fix`);
        }
    });

    it("omits disabled policies from the rules, and --policy leaves only those", async () => withTempAsync(async dir => {
        const config = path.join(dir, "quiet-ports.json");
        fs.writeFileSync(config, JSON.stringify({ "k8s-no-privileged-ports": "disabled", "k8s-rbac-bind-groups": { enforcementLevel: "disabled" } }));
        const run = (await sarif(["--config", config, fixture("k8s", "insecure.yaml")])).log.runs[0];
        const ids = run.tool.driver.rules.map((r: any) => r.id);
        assert.ok(!ids.includes("k8s-no-privileged-ports") && !ids.includes("k8s-rbac-bind-groups"));
        assert.ok(ids.includes("k8s-no-privileged-containers"));
        for (const res of run.results) assert.strictEqual(run.tool.driver.rules[res.ruleIndex].id, res.ruleId);
        const only = (await sarif(["--policy", "k8s-run-as-non-root", fixture("k8s", "insecure.yaml")])).log.runs[0];
        assert.deepStrictEqual(only.tool.driver.rules.map((r: any) => r.id), ["k8s-run-as-non-root"]);
        assert.ok(only.results.length > 0 && only.results.every((r: any) => r.ruleId === "k8s-run-as-non-root" && r.ruleIndex === 0));
    }));

    it("fingerprints are stable across two runs and across a moved line, and differ per finding", async () => withTempAsync(async dir => {
        const f = path.join(dir, "app.yaml");
        const original = fs.readFileSync(fixture("k8s", "insecure.yaml"), "utf8");
        fs.writeFileSync(f, original);
        const first = (await sarif([f])).log;
        const again = (await sarif([f])).log;
        assert.deepStrictEqual(fingerprints(again), fingerprints(first));
        assert.strictEqual(new Set(fingerprints(first)).size, first.runs[0].results.length, "one fingerprint per finding");
        for (const fp of fingerprints(first)) assert.match(fp, /^[0-9a-f]{32}$/);

        fs.writeFileSync(f, "# moved down by a comment\n\n\n" + original);
        const moved = (await sarif([f])).log;
        const lines = (log: any) => log.runs[0].results.map((r: any) => r.locations[0].physicalLocation.region.startLine);
        assert.deepStrictEqual(lines(moved), lines(first).map((l: number) => l + 3), "the lines did move");
        assert.deepStrictEqual(fingerprints(moved), fingerprints(first));

        // Another resource, or another finding on it, is another alert.
        fs.writeFileSync(f, original.replace(/name: web\b/, "name: web2"));
        const renamed = fingerprints((await sarif([f])).log);
        assert.ok(renamed.some(fp => !fingerprints(first).includes(fp)));
    }));

    it("URIs are relative to the git repository root, also from a subfolder and for inputs outside it", async () => {
        const top = fs.mkdtempSync(path.join(os.tmpdir(), "aks-guard-repo-"));
        try {
            const repo = path.join(top, "repo");
            fs.mkdirSync(path.join(repo, ".git"), { recursive: true });
            fs.mkdirSync(path.join(repo, "deploy", "k8s"), { recursive: true });
            fs.mkdirSync(path.join(repo, "charts"), { recursive: true });
            const manifest = fs.readFileSync(fixture("k8s", "insecure.yaml"), "utf8");
            fs.writeFileSync(path.join(repo, "deploy", "k8s", "app.yaml"), manifest);
            fs.writeFileSync(path.join(repo, "charts", "rendered.yaml"), manifest);
            fs.writeFileSync(path.join(top, "outside.yaml"), manifest);

            const r = (await sarif([path.join("k8s", "app.yaml"), path.join("..", "charts", "rendered.yaml"), path.join("..", "..", "outside.yaml")], path.join(repo, "deploy")));
            assert.strictEqual(r.status, 1, r.stderr);
            assert.deepStrictEqual(schemaErrors(r.log), []);
            const run = r.log.runs[0];
            const uris = [...new Set(run.results.map((x: any) => JSON.stringify(x.locations[0].physicalLocation.artifactLocation)))].map(s => JSON.parse(s as string));
            assert.deepStrictEqual(uris, [
                { uri: "deploy/k8s/app.yaml", uriBaseId: "%SRCROOT%" },
                { uri: "charts/rendered.yaml", uriBaseId: "%SRCROOT%" },
                { uri: "../../outside.yaml", uriBaseId: "CWD" },
            ]);
            assert.strictEqual(run.originalUriBaseIds["%SRCROOT%"].uri, `file://${repo}/`);
            assert.strictEqual(run.originalUriBaseIds.CWD.uri, `file://${path.join(repo, "deploy")}/`);

            // stdin named with --stdin-name is a path from the working folder, like any other.
            const named = (await sarif(["--stdin-name", "rendered.yaml", "-"], path.join(repo, "charts"), manifest)).log.runs[0];
            assert.deepStrictEqual(named.results[0].locations[0].physicalLocation.artifactLocation, { uri: "charts/rendered.yaml", uriBaseId: "%SRCROOT%" });

            // A worktree's .git is a file; outside any repository, paths are relative to the working folder.
            fs.rmSync(path.join(repo, ".git"), { recursive: true });
            fs.writeFileSync(path.join(repo, ".git"), "gitdir: /elsewhere\n");
            assert.strictEqual((await sarif([path.join("k8s", "app.yaml")], path.join(repo, "deploy"))).log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri, "deploy/k8s/app.yaml");
            fs.rmSync(path.join(repo, ".git"));
            const bare = (await sarif([path.join("k8s", "app.yaml")], path.join(repo, "deploy"))).log.runs[0];
            assert.deepStrictEqual(bare.results[0].locations[0].physicalLocation.artifactLocation, { uri: "k8s/app.yaml", uriBaseId: "%SRCROOT%" });
            assert.strictEqual(bare.originalUriBaseIds["%SRCROOT%"].uri, `file://${path.join(repo, "deploy")}/`);
        } finally {
            fs.rmSync(top, { recursive: true, force: true });
        }
    });

    it(`holds at most ${MAX_RESULTS} results, keeps every mandatory one, warns and says so in the run`, async () => withTempAsync(async dir => {
        // 2,500 bare containers: about 12 findings each, two of them mandatory under this config.
        const containers = Array.from({ length: 100 }, (_, i) => ({ name: `c${i}`, image: "nginx" }));
        const pods = Array.from({ length: 25 }, (_, i) => JSON.stringify({ apiVersion: "v1", kind: "Pod", metadata: { name: `p${i}`, namespace: "big" }, spec: { containers } }));
        const input = path.join(dir, "big.yaml");
        fs.writeFileSync(input, pods.join("\n---\n") + "\n");
        const config = path.join(dir, "two-mandatory.json");
        fs.writeFileSync(config, JSON.stringify({ all: "advisory", "k8s-no-privileged-containers": "mandatory", "k8s-run-as-non-root": "mandatory" }));

        const all = await checkJsonInProcess(["--config", config, input]);
        const total = all.report.diagnostics.length;
        const mandatory = all.report.summary.mandatory;
        assert.ok(total > MAX_RESULTS && mandatory > 0 && mandatory < MAX_RESULTS, `${total} findings, ${mandatory} mandatory`);

        const r = (await sarif(["--config", config, input]));
        assert.strictEqual(r.status, 1);
        const run = r.log.runs[0];
        assert.strictEqual(run.results.length, MAX_RESULTS);
        assert.strictEqual(run.results.filter((x: any) => x.level === "error").length, mandatory, "every mandatory finding is kept");
        assert.deepStrictEqual(
            { truncated: run.properties.truncated, totalResults: run.properties.totalResults, cutResults: run.properties.cutResults },
            { truncated: true, totalResults: total, cutResults: total - MAX_RESULTS });
        assert.match(run.properties.truncation, new RegExp(`^${total - MAX_RESULTS} of ${total} results were cut`));
        assert.match(r.stderr, new RegExp(`warning: ${total - MAX_RESULTS} of ${total} results were cut.*\\(cut: ${total - MAX_RESULTS} advisory;`));
        assert.deepStrictEqual(schemaErrors(r.log), []);
    }));

    it("the cap keeps mandatory, then more severe findings first, in report order", async () => {
        const policy = (name: string, severity: string) => ({ name, description: "d", remediationSteps: "fix", url: "", tags: [], severity, enforcementLevel: "advisory" }) as any;
        const finding = (p: string, level: "mandatory" | "advisory", severity: string) => ({ policy: p, level, severity, message: `${p} ${level}`, description: "d", resource: 0 });
        const report: Report = {
            pack: { name: "aks-guard", version: "0" }, policies: [policy("a", "low"), policy("b", "high"), policy("c", "critical")],
            resources: [{ type: "t", name: "n", urn: "u", props: {}, file: "a.yaml", line: 1 }],
            findings: [finding("a", "advisory", "low"), finding("a", "mandatory", "low"), finding("b", "advisory", "high"), finding("c", "mandatory", "critical")],
            warnings: [], counts: { mandatory: 2, advisory: 2, remediate: 0 }, deferred: [], unknowns: "defer",
        };
        const cut: string[] = [];
        const kept = (max: number) => JSON.parse(sarifReport(report, {}, { maxResults: max, warn: w => cut.push(w) })).runs[0].results.map((r: any) => r.message.text);
        assert.deepStrictEqual(kept(1), ["c mandatory"]);
        assert.deepStrictEqual(kept(2), ["a mandatory", "c mandatory"]);
        assert.deepStrictEqual(kept(3), ["a mandatory", "b advisory", "c mandatory"]);
        assert.strictEqual(kept(4).length, 4);
        assert.deepStrictEqual(cut.map(w => w.split(":")[0]), ["3 of 4 results were cut", "2 of 4 results were cut", "1 of 4 results were cut"]);
    });
});
