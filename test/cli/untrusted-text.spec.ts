// What an application team writes can neither forge the report nor hide from it: input-derived
// strings (names, container names, file names, values in messages and warnings) are printed with
// their control and format characters escaped and no CI command can start a line; a file is
// skipped as a Helm template only when its template syntax is why it does not parse, and every
// skipped file or document is counted in each report format.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { aksGuard, checkJson, ONLY_MODEL_POLICIES, withTemp } from "../support/cli";
import { DEFAULT_LIMITS, IN_PROCESS_MAX_STRING_CHARS, IN_PROCESS_MAX_VALUES } from "../../cli/limits";
import { MAX_WORD, safe } from "../../cli/report/escape";

/** Any character a terminal or a CI log would act on, other than the newline that ends each line. */
const RAW_CONTROL = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;
const CI_COMMAND = /##vso\[|##\[|^\s*::/m;

// A privileged Pod whose name and container name carry ANSI escapes, a bidi override, line
// breaks that try to forge a report line and CI commands, in a file whose name has an escape too.
const HOSTILE_NAME = "web\\e[2J\\e]0;pwned\\a\\r[mandatory] forged\\n::error file=x::fake\\u2028##vso[task.setvariable variable=ok]1\\u202egpj.exe";
const HOSTILE_POD = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: "${HOSTILE_NAME}"\n  namespace: shop\nspec:\n  containers:\n` +
    `    - name: "app\\e[31m\\n::warning::x"\n      image: contoso.azurecr.io/app:1.0.0\n      securityContext: {privileged: true, runAsNonRoot: true}\n`;

describe("aks-guard check: output that input cannot forge", function () {
    this.timeout(120000);

    it("safe() escapes controls, separators and format characters, CI commands, and shortens long words with their length", () => {
        assert.strictEqual(safe("a\u001b[31mb\r\nc\u0085d\u007f"), "a\\x1b[31mb\\x0d\\x0ac\\x85d\\x7f");
        assert.strictEqual(safe("x\u2028y\u202ez\u200b\ufeff"), "x\\u2028y\\u202ez\\u200b\\ufeff");
        assert.strictEqual(safe("::error::x"), "\\x3a:error::x");
        assert.strictEqual(safe("ok ##vso[task.complete]"), "ok ##vso\\x5btask.complete]");
        assert.strictEqual(safe("urn:pulumi:dev::proj::t::n"), "urn:pulumi:dev::proj::t::n", "`::` inside a word is no command");
        const long = safe("n".repeat(5000));
        assert.ok(long.length < MAX_WORD + 40 && long.endsWith("(5000 characters)"), long);
    });

    it("the text report and the warnings of a crafted input hold no raw control character, and one line per finding", () => withTemp(dir => {
        const file = path.join(dir, "pod\u001b[1A\u202e.yaml");
        fs.writeFileSync(file, HOSTILE_POD);
        fs.writeFileSync(path.join(dir, "values\u001b]8;;x\u0007.yaml"), "replicas: 2\n"); // skipped with a warning naming the file
        const text = aksGuard(["check", "--config", ONLY_MODEL_POLICIES, dir]);
        assert.strictEqual(text.status, 1, text.stderr);
        for (const [name, out] of [["stdout", text.stdout], ["stderr", text.stderr]] as const) {
            const lines = out.split("\n");
            lines.forEach((l, i) => {
                assert.doesNotMatch(l, RAW_CONTROL, `${name} line ${i + 1}: ${JSON.stringify(l)}`);
                assert.doesNotMatch(l, CI_COMMAND, `${name} line ${i + 1}: ${JSON.stringify(l)}`);
            });
        }
        assert.match(text.stdout, /\\x1b\[2J/);
        assert.match(text.stdout, /\\u202e/);
        const { report } = checkJson(["--config", ONLY_MODEL_POLICIES, dir]);
        const findings = text.stdout.split("\n").filter(l => /^  \[(mandatory|advisory)\] /.test(l));
        assert.strictEqual(findings.length, report.diagnostics.length, text.stdout);
        const headings = text.stdout.split("\n").filter(l => /^kubernetes:/.test(l));
        assert.strictEqual(headings.length, 1, "one resource heading, whatever its name holds");
        assert.ok(!text.stdout.split("\n").some(l => /^\s*\[mandatory\] forged/.test(l)), "no forged finding line");
    }));
});

describe("aks-guard check: nothing skipped without being counted", function () {
    this.timeout(120000);

    const PRIVILEGED = (name: string) => `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}, namespace: shop}\nspec:\n  containers:\n` +
        `    - name: app\n      image: contoso.azurecr.io/app:1.0.0\n      securityContext: {privileged: true, runAsNonRoot: true}\n`;

    it("a walked file whose {{ stands only in a comment is not a Helm template: its malformed YAML is exit 2", () => withTemp(dir => {
        fs.writeFileSync(path.join(dir, "good.yaml"), PRIVILEGED("good"));
        fs.writeFileSync(path.join(dir, "evil.yaml"), "# {{ not a template }}\n" + PRIVILEGED("evil") + "   bad: indent\n");
        const r = aksGuard(["check", "--config", ONLY_MODEL_POLICIES, dir]);
        assert.strictEqual(r.status, 2, r.stdout + r.stderr);
        assert.match(r.stderr, /evil\.yaml:\d+: malformed YAML/);
    }));

    it("a walked file whose {{ is not why it fails to parse is exit 2, not a skipped template", () => withTemp(dir => {
        fs.writeFileSync(path.join(dir, "good.yaml"), PRIVILEGED("good"));
        fs.writeFileSync(path.join(dir, "evil.yaml"), PRIVILEGED("evil").replace("kind: Pod\n", "kind: Pod\nx: \"{{ y }}\"\n") + "   bad: indent\n");
        const r = aksGuard(["check", "--config", ONLY_MODEL_POLICIES, dir]);
        assert.strictEqual(r.status, 2, r.stdout + r.stderr);
        assert.match(r.stderr, /evil\.yaml:\d+: malformed YAML/);
    }));

    it("skipped files and documents are counted in the text, JSON and SARIF summaries", () => withTemp(dir => {
        fs.mkdirSync(path.join(dir, "chart", "templates"), { recursive: true });
        fs.writeFileSync(path.join(dir, "chart", "templates", "deploy.yaml"), "{{- if .Values.on }}\napiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Release.Name }}\n{{- end }}\n");
        fs.writeFileSync(path.join(dir, "values.yaml"), "replicas: 2\n");
        fs.writeFileSync(path.join(dir, "pod.yaml"), PRIVILEGED("a"));
        const json = checkJson(["--config", ONLY_MODEL_POLICIES, dir]);
        assert.strictEqual(json.status, 1, json.stderr);
        const { skipped, skippedInputs } = json.report.summary;
        assert.strictEqual(skipped, 2, JSON.stringify(skippedInputs));
        assert.ok(skippedInputs.some((s: string) => s.endsWith("deploy.yaml")) && skippedInputs.some((s: string) => /values\.yaml:1$/.test(s)));
        const text = aksGuard(["check", "--config", ONLY_MODEL_POLICIES, dir]);
        assert.match(text.stdout.trimEnd().split("\n").pop()!, /; 2 skipped \(files or documents not read, see the warnings\)$/);
        const sarif = JSON.parse(aksGuard(["check", "--format", "sarif", "--config", ONLY_MODEL_POLICIES, dir]).stdout);
        assert.strictEqual(sarif.runs[0].properties.skipped, 2);
    }));
});

describe("aks-guard check: ARM expressions known before deployment are judged", function () {
    this.timeout(300000);

    // One template, one cluster per expression (named c0, c1, ...), so that one run judges them all.
    const judged = (expressions: string[]) => withTemp(dir => {
        const file = path.join(dir, "aks.json");
        fs.writeFileSync(file, JSON.stringify({
            $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
            contentVersion: "1.0.0.0",
            parameters: { rbac: { type: "string", defaultValue: "False" }, noDefault: { type: "bool" } },
            variables: { local: false },
            resources: expressions.map((v, i) => ({
                type: "Microsoft.ContainerService/managedClusters", apiVersion: "2024-09-01", name: `c${i}`, location: "westeurope", properties: { enableRBAC: v },
            })),
        }));
        const r = checkJson(["--policy", "aks-rbac-enabled", file]);
        assert.ok(r.report, r.stderr);
        return { status: r.status, fired: expressions.map((_, i) => r.report.diagnostics.some((d: any) => d.policy === "aks-rbac-enabled" && d.name === `c${i}`)) };
    });

    it("[bool('false')] is false: RBAC disabled is a violation", () => {
        const r = judged(["[bool('false')]"]);
        assert.strictEqual(r.status, 1);
        assert.deepStrictEqual(r.fired, [true]);
    });

    it("parameters() with a default, variables() and the logical functions are evaluated as ARM does; what only deployment knows stays unknown", () => {
        const falseOnes = ["[bool(parameters('rbac'))]", "[variables('local')]", "[not(true())]", "[and(true(), equals(toLower('A'), 'b'))]",
            "[if(equals(concat('a', 'b'), 'ab'), bool(0), true())]", "[json('false')]", "[or(false(), bool(int('0')))]",
            "[and(false(), parameters('noDefault'))]"]; // false whatever the parameter
        const notFalse = ["[bool('TRUE')]", "[bool(7)]", "[createObject('a', true()).a]", "[parameters('noDefault')]", "[reference('x').enabled]",
            "[and(true(), parameters('noDefault'))]"]; // true, or unknown (deferred)
        const r = judged([...falseOnes, ...notFalse]);
        assert.deepStrictEqual(r.fired, [...falseOnes.map(() => true), ...notFalse.map(() => false)], [...falseOnes, ...notFalse].join(" "));
    });
});

describe("aks-guard check: bounds that count what costs", function () {
    this.timeout(120000);

    it("empty documents count toward --max-documents, naming the line where the bound is passed", () => withTemp(dir => {
        const file = path.join(dir, "m.yaml");
        fs.writeFileSync(file, "---\n# Source: chart/templates/a.yaml\n" + "---\n".repeat(6) + "apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n");
        const r = aksGuard(["check", "--max-documents", "5", "--allow-empty", file]);
        assert.strictEqual(r.status, 2, r.stdout + r.stderr);
        assert.match(r.stderr, /m\.yaml:7: more than 5 objects in the inputs, counting every document, empty ones too \(raise the bound with --max-documents N\)/);
        assert.notStrictEqual(aksGuard(["check", "--max-documents", "7", "--allow-empty", file]).status, 2, "7 documents fit a bound of 7");
    }));

    it("Lists, nested ones too, expand in order", () => withTemp(dir => {
        const file = path.join(dir, "list.yaml");
        const ns = (n: string) => ({ apiVersion: "v1", kind: "Namespace", metadata: { name: n } });
        fs.writeFileSync(file, JSON.stringify({ apiVersion: "v1", kind: "List", items: [ns("a"), { apiVersion: "v1", kind: "List", items: [ns("b"), ns("c")] }, ns("d")] }));
        const { report } = checkJson(["--policy", "k8s-namespace-resource-quota", file]);
        assert.deepStrictEqual(report.resources.map((r: any) => r.name), ["a", "b", "c", "d"]);
    }));
});

describe("README: the bounds it states are the command line's defaults", () => {
    it("file size, objects, property values and strings (in process and --engine) and depth", () => {
        const readme = fs.readFileSync("README.md", "utf8");
        const bullet = /- Hostile input is bounded:([\s\S]*?)\n\n/.exec(readme)?.[1] ?? "";
        const n = (x: number) => x.toLocaleString("en-US");
        assert.match(bullet, new RegExp(`files over ${DEFAULT_LIMITS.maxFileBytes / 1024 / 1024} MB \\(\`--max-file-size\`\\)`));
        assert.match(bullet, new RegExp(`more than ${n(DEFAULT_LIMITS.maxDocuments)} objects\\s+\\(\`--max-documents\``));
        assert.match(bullet, new RegExp(`more than ${n(IN_PROCESS_MAX_VALUES)} property values\\s+\\(${n(DEFAULT_LIMITS.maxValues)} with \`--engine\``));
        assert.match(bullet, new RegExp(`nesting deeper than ${DEFAULT_LIMITS.maxDepth}\\s+\\(\`--max-depth\`\\)`));
        assert.match(bullet, new RegExp(`more than ${IN_PROCESS_MAX_STRING_CHARS / 1024 / 1024} MB of text in strings and keys \\(${DEFAULT_LIMITS.maxStringChars / 1024 / 1024} MB with \`--engine\`[^)]*\`--max-string-size\`\\)`));
    });
});
