// `aks-guard check` on every input format: insecure fixtures fail with the model policies'
// findings located in the file, hardened ones pass; the JSON and SARIF reports keep their shape.
// In process (runCli), except reading a pipe on stdin and the colour of a terminal.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { spawnSync } from "child_process";
import { PACK_DIR } from "../../harness";
import { aksGuardInProcess, BIN, catalogNamesInProcess, checkJson, checkJsonInProcess, checkJsonSharedInProcess, fixture, MODEL_POLICIES, ONLY_MODEL_POLICIES } from "../support/cli";

/** The model policies' findings in a JSON report, as [policy, resource name] pairs. */
const modelFindings = (report: any) =>
    report.diagnostics.filter((d: any) => MODEL_POLICIES.includes(d.policy)).map((d: any) => [d.policy, d.name]).sort();

const BOTH_ON = (name: string) => [["k8s-no-privileged-containers", name], ["k8s-run-as-non-root", name]];

describe("aks-guard check: input formats", function () {
    this.timeout(180000);

    const cases: { format: string; insecure: string; hardened: string; name: string; line: number }[] = [
        { format: "Kubernetes YAML", insecure: fixture("k8s", "insecure.yaml"), hardened: fixture("k8s", "hardened.yaml"), name: "shop/web", line: 2 },
        { format: "pulumi stack export", insecure: fixture("pulumi", "stack-export-insecure.json"), hardened: fixture("pulumi", "stack-export-hardened.json"), name: "web", line: 48 },
        { format: "pulumi preview --json", insecure: fixture("pulumi", "preview-insecure.json"), hardened: fixture("pulumi", "preview-hardened.json"), name: "web", line: 13 },
    ];
    for (const c of cases) {
        it(`fails a privileged root Deployment from ${c.format}, naming the file and line`, async () => {
            const { status, report } = await checkJsonSharedInProcess([c.insecure]);
            assert.strictEqual(status, 1);
            assert.deepStrictEqual(modelFindings(report), BOTH_ON(c.name));
            const d = report.diagnostics.find((x: any) => x.policy === "k8s-no-privileged-containers");
            assert.strictEqual(d.level, "mandatory");
            assert.strictEqual(d.type, "kubernetes:apps/v1:Deployment");
            assert.strictEqual(d.file, c.insecure);
            assert.strictEqual(d.line, c.line);
            assert.match(d.message, /container "app".*privileged/);
        });
        it(`passes the hardened Deployment from ${c.format}`, async () => {
            const { status, report } = await checkJsonSharedInProcess(["--config", ONLY_MODEL_POLICIES, c.hardened]);
            assert.strictEqual(status, 0);
            assert.deepStrictEqual(report.diagnostics, []);
        });
    }

    it("reads a kind: List (kubectl get -o json) item by item", async () => {
        const { status, report } = await checkJsonInProcess([fixture("k8s", "list-insecure.json")]);
        assert.strictEqual(status, 1);
        assert.deepStrictEqual(report.resources.map((r: any) => [r.type, r.name, r.line]),
            [["kubernetes:apps/v1:Deployment", "shop/web", 8], ["kubernetes:apps/v1:Deployment", "shop/api", 51]]);
        assert.deepStrictEqual(modelFindings(report), BOTH_ON("shop/web"));
    });

    it("reads manifests from stdin with - (a pipe to the process)", () => {
        const { status, report } = checkJson(["-"], fs.readFileSync(fixture("k8s", "insecure.yaml"), "utf8"));
        assert.strictEqual(status, 1);
        assert.deepStrictEqual(modelFindings(report), BOTH_ON("shop/web"));
        assert.ok(report.diagnostics.every((d: any) => d.file === "<stdin>" && d.line === 2));
    });

    it("walks a folder and reads each file in its own format", async () => {
        const { status, report } = await checkJsonInProcess([fixture("k8s"), fixture("pulumi")]);
        assert.strictEqual(status, 1);
        const files = new Set(report.resources.map((r: any) => path.basename(r.file)));
        assert.deepStrictEqual([...files].sort(), ["hardened.yaml", "insecure.yaml", "list-insecure.json", "preview-hardened.json",
            "preview-insecure.json", "stack-export-hardened.json", "stack-export-insecure.json"]);
    });

    it("judges custom resources under their apiVersion token, as @pulumi/kubernetes' CustomResource registers them", async () => {
        const peer = "apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata: {name: default, namespace: istio-system}\nspec:\n  mtls: {mode: PERMISSIVE}\n";
        const { report } = await checkJsonInProcess(["--allow-empty", "-"], peer);
        assert.deepStrictEqual(report.resources.map((r: any) => r.type), ["kubernetes:security.istio.io/v1:PeerAuthentication"]);
        if ((await catalogNamesInProcess()).includes("k8s-mesh-mtls-strict")) {
            assert.ok(report.diagnostics.some((d: any) => d.policy === "k8s-mesh-mtls-strict"), "k8s-mesh-mtls-strict judges it");
        }
    });

    it("judges the resources of a stack export, not the stack or its providers", async () => {
        const { report } = await checkJsonSharedInProcess([fixture("pulumi", "stack-export-hardened.json")]);
        assert.deepStrictEqual(report.resources.map((r: any) => r.urn), [
            "urn:pulumi:dev::shop::kubernetes:core/v1:Namespace::shop",
            "urn:pulumi:dev::shop::kubernetes:apps/v1:Deployment::web",
        ]);
    });
});

describe("aks-guard check: AKS ARM JSON", function () {
    this.timeout(180000);

    it("reads az aks show output and ARM templates as azure-native ManagedCluster and AgentPool resources", async () => {
        const { report } = await checkJsonInProcess([fixture("arm")]);
        assert.deepStrictEqual(report.resources.map((r: any) => [path.basename(r.file), r.type, r.line]), [
            ["az-aks-show-hardened.json", "azure-native:containerservice:ManagedCluster", 1],
            ["az-aks-show-insecure.json", "azure-native:containerservice:ManagedCluster", 1],
            ["template-insecure.json", "azure-native:containerservice:ManagedCluster", 21],
            ["template-insecure.json", "azure-native:containerservice:AgentPool", 56],
            ["template-insecure.json", "azure-native:containerservice:AgentPool", 72],
        ]);
    });

    // Live once the AKS policies are in the catalog.
    for (const [policy, insecure] of [
        ["aks-rbac-enabled", "az-aks-show-insecure.json"], ["aks-no-node-public-ip", "az-aks-show-insecure.json"],
        ["aks-rbac-enabled", "template-insecure.json"], ["aks-no-node-public-ip", "template-insecure.json"],
    ]) {
        it(`${policy} judges ${insecure} (and passes az-aks-show-hardened.json)`, async function () {
            if (!(await catalogNamesInProcess()).includes(policy)) this.skip();
            const bad = await checkJsonSharedInProcess([fixture("arm", insecure)]);
            assert.ok(bad.report.diagnostics.some((d: any) => d.policy === policy), `${policy} fires`);
            const good = await checkJsonSharedInProcess([fixture("arm", "az-aks-show-hardened.json")]);
            assert.ok(!good.report.diagnostics.some((d: any) => d.policy === policy), `${policy} passes`);
        });
    }
});

describe("aks-guard check: reports", function () {
    this.timeout(180000);

    it("json: a versioned schema whose summary counts the diagnostics", async () => {
        const { report } = await checkJsonSharedInProcess([fixture("k8s", "insecure.yaml")]);
        assert.strictEqual(report.version, 1);
        assert.deepStrictEqual(Object.keys(report), ["version", "pack", "summary", "resources", "diagnostics", "warnings"]);
        assert.strictEqual(report.pack.name, "aks-guard");
        assert.strictEqual(report.summary.resources, 2);
        for (const level of ["mandatory", "advisory"]) {
            assert.strictEqual(report.summary[level], report.diagnostics.filter((d: any) => d.level === level).length);
        }
        for (const d of report.diagnostics) {
            assert.deepStrictEqual(Object.keys(d), ["policy", "level", "severity", "message", "description", "resource", "type", "name", "file", "line"]);
            assert.ok(!d.message.startsWith(d.description), "the message is the violation, not the description again");
        }
    });

    it("sarif: 2.1.0 with a rule per policy of the catalog and results located in the input file", async () => {
        const r = await aksGuardInProcess(["check", "--format", "sarif", fixture("k8s", "insecure.yaml")]);
        assert.strictEqual(r.status, 1);
        const sarif = JSON.parse(r.stdout);
        assert.strictEqual(sarif.version, "2.1.0");
        const run = sarif.runs[0];
        const rules = run.tool.driver.rules;
        assert.deepStrictEqual(rules.map((x: any) => x.id), (await catalogNamesInProcess()));
        const rule = rules.find((x: any) => x.id === "k8s-no-privileged-containers");
        assert.strictEqual(rule.defaultConfiguration.level, "error");
        assert.strictEqual(rule.properties["security-severity"], "9.5");
        assert.match(rule.helpUri, /#k8s-no-privileged-containers$/);
        assert.ok(rule.help.text.length > 0 && rule.shortDescription.text.length > 0);
        const results = run.results.filter((x: any) => MODEL_POLICIES.includes(x.ruleId));
        assert.strictEqual(results.length, 2);
        for (const res of results) {
            assert.strictEqual(rules[res.ruleIndex].id, res.ruleId);
            assert.strictEqual(res.level, "error");
            const loc = res.locations[0];
            assert.deepStrictEqual(loc.physicalLocation, { artifactLocation: { uri: "test/cli/fixtures/k8s/insecure.yaml", uriBaseId: "%SRCROOT%" }, region: { startLine: 2 } });
            assert.strictEqual(loc.logicalLocations[0].fullyQualifiedName, "urn:pulumi:dev::aks-guard-check::kubernetes:apps/v1:Deployment::shop/web");
        }
        assert.match(run.originalUriBaseIds["%SRCROOT%"].uri, /^file:\/\/.*\/$/);
    });

    it("text: grouped by resource, each finding with its level, policy and file:line, a summary and totals, no colour in a pipe", async () => {
        const r = await aksGuardInProcess(["check", fixture("k8s", "insecure.yaml")]);
        assert.strictEqual(r.status, 1);
        assert.ok(!r.stdout.includes("\u001b["), "no escape codes in a pipe");
        assert.match(r.stdout, /^aks-guard@v\S+: 2 resources checked\n/);
        assert.match(r.stdout, /\nkubernetes:apps\/v1:Deployment shop\/web\n {2}\[mandatory\] k8s-\S+ {2}test\/cli\/fixtures\/k8s\/insecure\.yaml:2\n {6}Deployment "shop\/web": /);
        assert.match(r.stdout, /\nSummary by policy\n {2}POLICY +LEVEL +SEVERITY +FINDINGS +RESOURCES\n {2}k8s-no-privileged-containers +mandatory +critical +1 +1\n/);
        assert.match(r.stdout, /\n2 resources checked, 1 with violations: \d+ mandatory, \d+ advisory, 0 remediated\n$/);
    });

    it("text: colour on a terminal, none with NO_COLOR (where script(1) can provide a terminal)", function () {
        const script = "/usr/bin/script";
        if (process.platform !== "linux" || !fs.existsSync(script)) this.skip();
        const onTty = (env: NodeJS.ProcessEnv) => spawnSync(script, ["-qec", `"${process.execPath}" "${BIN}" check ${fixture("k8s", "insecure.yaml")}`, "/dev/null"],
            { cwd: PACK_DIR, encoding: "utf8", env: { ...process.env, ...env } });
        const coloured = onTty({ NO_COLOR: "" });
        assert.strictEqual(coloured.status, 1);
        assert.match(coloured.stdout, /\u001b\[31m\[mandatory\]\u001b\[0m/);
        const plain = onTty({ NO_COLOR: "1" });
        assert.match(plain.stdout, /\[mandatory\]/);
        assert.ok(!plain.stdout.includes("\u001b["));
    });

    it("remediate level: reports the fix and does not fail the check on it", async () => {
        const r = await checkJsonInProcess(["--config", fixture("..", "config", "remediate-run-as-non-root.json"), fixture("k8s", "insecure.yaml")]);
        const rem = r.report.diagnostics.filter((d: any) => d.policy === "k8s-run-as-non-root");
        assert.deepStrictEqual(rem.map((d: any) => d.level), ["remediate"]);
        assert.strictEqual(r.report.summary.remediated, 1);
        assert.strictEqual(r.status, 0);
    });
});
