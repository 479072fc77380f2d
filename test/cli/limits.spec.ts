// Hostile and broken input: every unreadable input exits 2 naming the file (and line), with
// nothing reported on stdout; bounds on size, object count and depth; 1,000 resources work (10,000 in npm run fuzz).
// In process (runCli), but for stdin through a pipe.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { aksGuard, aksGuardInProcess, fixture, Ran, withTempAsync } from "../support/cli";
import { everyResourceJudged } from "../support/scale";

/** Runs check on files written to a temp folder. */
function checkFiles(files: Record<string, string | Buffer>, extra: string[] = [], names = Object.keys(files)): Promise<Ran & { dir: string }> {
    return withTempAsync(async dir => {
        for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), content);
        const r = await aksGuardInProcess(["check", ...extra, ...names.map(n => path.join(dir, n))]);
        return { ...r, dir };
    });
}

const POD = (name: string) => `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}}\nspec:\n  containers: [{name: app, image: a.azurecr.io/x:1}]\n`;

describe("aks-guard check: unreadable and hostile input", function () {
    this.timeout(300000);

    const refused = (r: { status: number | null; stdout: string; stderr: string }, pattern: RegExp) => {
        assert.strictEqual(r.status, 2, r.stderr);
        assert.match(r.stderr, pattern);
        assert.strictEqual(r.stdout, "", "nothing half-reported");
    };

    it("malformed YAML: exit 2 with file and line, even beside good files", async () => {
        refused(await checkFiles({ "good.yaml": POD("a"), "bad.yaml": POD("b") + "---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: c\n   extra: indent\n" }),
            /bad\.yaml:10: malformed YAML/);
    });

    it("malformed JSON: exit 2 with file and line", async () => {
        // (Malformed as YAML too: a trailing comma alone is valid YAML flow style, read as such.)
        refused(await checkFiles({ "bad.json": '{"apiVersion": "v1",\n "kind": "Pod",\n "metadata": {"name": "x"}' }), /bad\.json:3: malformed JSON/);
    });

    it("an empty file: nothing to check is exit 2, or a pass with --allow-empty", async () => {
        refused(await checkFiles({ "empty.yaml": "" }), /no resources found in .*empty\.yaml/);
        assert.strictEqual((await checkFiles({ "empty.yaml": "# only a comment\n---\n" }, ["--allow-empty"])).status, 0);
    });

    it("an empty document among manifests (helm template output) is skipped", async () => {
        const r = await checkFiles({ "m.yaml": "---\n# Source: chart/templates/empty.yaml\n---\n" + POD("a") }, ["--format", "json"]);
        assert.strictEqual(JSON.parse(r.stdout).summary.resources, 1);
    });

    it("a binary file: exit 2 naming it", async () => {
        const bytes = Buffer.alloc(4096);
        for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) % 256;
        refused(await checkFiles({ "image.yaml": bytes }), /image\.yaml: not a text file/);
    });

    it("a document in no known format in a file named on the command line: exit 2 naming file and line", async () => {
        refused(await checkFiles({ "values.yaml": "# helm values\nreplicaCount: 2\n" }), /values\.yaml:2: not a format aks-guard reads/);
    });

    it("a file in no known format found by walking a folder: skipped with a warning (stderr and the JSON report)", async () => {
        await withTempAsync(async dir => {
            fs.writeFileSync(path.join(dir, "values.yaml"), "# helm values\nreplicaCount: 2\n");
            fs.writeFileSync(path.join(dir, "package.json"), '{"name": "x"}\n');
            fs.writeFileSync(path.join(dir, "pod.yaml"), POD("a"));
            const r = await aksGuardInProcess(["check", "--format", "json", dir]);
            assert.ok(r.status === 0 || r.status === 1, r.stderr);
            assert.match(r.stderr, /package\.json:1: skipped, not a format aks-guard reads/);
            assert.match(r.stderr, /values\.yaml:2: skipped, not a format aks-guard reads/);
            const report = JSON.parse(r.stdout);
            assert.strictEqual(report.summary.resources, 1);
            assert.ok(report.warnings.some((w: string) => /values\.yaml:2: skipped/.test(w)), report.warnings.join("\n"));
            // Named as well as walked: an error.
            refused(await aksGuardInProcess(["check", dir, path.join(dir, "values.yaml")]), /values\.yaml:2: not a format aks-guard reads/);
            refused(await aksGuardInProcess(["check", path.join(dir, ".", "values.yaml"), dir]), /values\.yaml:2: not a format aks-guard reads/);
            // Only such files: nothing to check.
            fs.rmSync(path.join(dir, "pod.yaml"));
            refused(await aksGuardInProcess(["check", dir]), /no resources found/);
        });
    });

    it("a file over 100 MB: exit 2 before reading it; --max-file-size raises the bound", async () => {
        await withTempAsync(async dir => {
            const big = path.join(dir, "big.yaml");
            const fd = fs.openSync(big, "w");
            try {
                fs.writeSync(fd, POD("a"));
                fs.ftruncateSync(fd, 101 * 1024 * 1024); // sparse: no 100 MB written to disk
            } finally {
                fs.closeSync(fd);
            }
            refused(await aksGuardInProcess(["check", big]), /big\.yaml: 101 MB is larger than the 100 MB limit \(raise it with --max-file-size MB\)/);
            // Raised, the file is read (and its NUL padding refused as binary).
            refused(await aksGuardInProcess(["check", "--max-file-size", "102", big]), /big\.yaml: not a text file/);
        });
    });

    it("stdin over the size bound: exit 2 (a pipe to the process)", () => {
        const input = POD("a") + "---\n" + "# padding\n".repeat(120 * 1024);
        refused(aksGuard(["check", "--max-file-size", "1", "-"], { input }), /<stdin>: more than the 1 MB limit/);
    });

    it("nesting deeper than 100 levels: exit 2 (JSON, YAML flow and block styles)", async () => {
        const deep = (n: number) => "[".repeat(n) + "]".repeat(n);
        refused(await checkFiles({ "deep.json": `{"apiVersion": "v1", "kind": "ConfigMap", "data": ${deep(150)}}` }), /deep\.json:1: nested deeper than the 100-level limit here/);
        refused(await checkFiles({ "deep.json": `{"a": ${deep(200000)}}` }), /deep\.json:1: nested deeper than the 100-level limit here/);
        refused(await checkFiles({ "deep.yaml": `apiVersion: v1\nkind: ConfigMap\ndata: ${deep(200000)}\n` }), /deep\.yaml:\d+: nested deeper/);
        const block = "apiVersion: v1\nkind: ConfigMap\ndata:\n" + Array.from({ length: 150 }, (_, i) => "  ".repeat(i + 1) + "k:\n").join("");
        // Named where the 101st level starts (the document's map is level 1 on line 1, data's level 2 on line 4).
        refused(await checkFiles({ "block.yaml": block }), /block\.yaml:103: nested deeper than the 100-level limit here \(in the document starting at line 1/);
        assert.strictEqual((await checkFiles({ "block.yaml": block }, ["--max-depth", "200", "--allow-empty"])).status, 0);
    });

    it("a YAML alias bomb: exit 2", async () => {
        const levels = "abcdefgh".split("");
        const lines = ["apiVersion: v1", "kind: ConfigMap", `a: &a [${Array(9).fill('"x"').join(",")}]`];
        for (let i = 1; i < levels.length; i++) lines.push(`${levels[i]}: &${levels[i]} [${Array(9).fill("*" + levels[i - 1]).join(",")}]`);
        refused(await checkFiles({ "bomb.yaml": lines.join("\n") + "\n" }), /bomb\.yaml:1: malformed YAML: Excessive alias count/);
    });

    it("more objects than --max-documents: exit 2", async () => {
        refused(await checkFiles({ "m.yaml": Array.from({ length: 6 }, (_, i) => POD(`p${i}`)).join("---\n") }, ["--max-documents", "5"]),
            /m\.yaml:\d+: more than 5 objects in the inputs/);
    });

    // The same at 10,000 in `npm run fuzz` (test/heavy/scale.heavy.ts).
    it("1,000 resources in one file: every one judged", async () => {
        await everyResourceJudged(1000);
    });

    it("the fixtures folder of every format is readable as one run", async () => {
        const r = await aksGuardInProcess(["check", "--format", "json", fixture("k8s"), fixture("pulumi"), fixture("arm")]);
        assert.strictEqual(r.status, 1, r.stderr);
    });
});
