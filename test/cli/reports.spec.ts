// The text report on a big mixed input (300 objects: workloads, RBAC, namespaces, services, AKS
// clusters and node pools), as a user reads it: a summary that counts every firing policy, each
// description once, a quiet mode that fits one screen, and --policy narrowing the run. In process (runCli).
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseAllDocuments } from "yaml";
import { aksGuardInProcess, checkJsonInProcess, fixture, Ran } from "../support/cli";
import { nearest, selectPolicies } from "../../cli/select";
import { displayPath, wrap } from "../../cli/report/text";

const SCREEN = { lines: 40, columns: 100 };

/** 300 objects: the example manifests (insecure and hardened) renamed copy by copy, and the AKS ARM fixtures. */
function writeMixedInput(dir: string): number {
    const docs = fs.readdirSync(path.join("examples", "manifests"), { recursive: true, encoding: "utf8" })
        .filter(f => f.endsWith(".yaml")).sort()
        .flatMap(f => parseAllDocuments(fs.readFileSync(path.join("examples", "manifests", f), "utf8")).map(d => d.toJS()))
        .filter(d => d && typeof d === "object");
    const arm = ["az-aks-show-hardened.json", "az-aks-show-insecure.json", "template-insecure.json"];
    for (const f of arm) fs.copyFileSync(fixture("arm", f), path.join(dir, f));
    const armObjects = 5; // two `az aks show` clusters; a template with a cluster and two node pools
    const wanted = 300 - armObjects;
    const out: unknown[] = [];
    for (let copy = 0; out.length < wanted; copy++) {
        for (const d of docs) {
            if (out.length === wanted) break;
            const o = structuredClone(d);
            o.metadata = { ...o.metadata, name: `${o.metadata?.name ?? "x"}-${copy}` };
            out.push(o);
        }
    }
    // Several files, so that file:line varies.
    for (let i = 0; i < out.length; i += 50) {
        fs.writeFileSync(path.join(dir, `manifests-${i / 50}.yaml`), out.slice(i, i + 50).map(o => JSON.stringify(o)).join("\n---\n") + "\n");
    }
    return out.length + armObjects;
}

/** The per-policy summary rows of a text report, one-column or folded into two columns. */
function summaryRows(text: string): Map<string, { level: string; severity: string; findings: number; resources: number }> {
    const start = text.indexOf("Summary by policy");
    assert.ok(start >= 0, "the report has a summary");
    const rows = new Map();
    const row = /([a-z0-9]+(?:-[a-z0-9]+)+)\s+(mandatory|advisory|remediate|M|A|R)\s+(critical|high|medium|low|crit|med|-)\s+(\d+)\s+(\d+)/g;
    const long: Record<string, string> = { M: "mandatory", A: "advisory", R: "remediate", crit: "critical", med: "medium" };
    for (const m of text.slice(start).matchAll(row)) {
        rows.set(m[1], { level: long[m[2]] ?? m[2], severity: long[m[3]] ?? m[3], findings: Number(m[4]), resources: Number(m[5]) });
    }
    return rows;
}

/** A JSON report's findings per policy: level, count and distinct resources. */
function expectedRows(report: any) {
    const rows = new Map<string, { level: string; findings: number; resources: Set<string | null> }>();
    for (const d of report.diagnostics) {
        const r = rows.get(d.policy) ?? { level: d.level, findings: 0, resources: new Set() };
        r.findings++;
        r.resources.add(d.resource);
        rows.set(d.policy, r);
    }
    return rows;
}

describe("aks-guard check: the text report on 300 mixed objects", function () {
    this.timeout(600000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aks-guard-mixed-"));
    after(async () => fs.rmSync(dir, { recursive: true, force: true }));
    let objects = 0;
    let full: Ran;
    let json: Awaited<ReturnType<typeof checkJsonInProcess>>;
    let catalog: any[];

    before(async () => {
        objects = writeMixedInput(dir);
        full = await aksGuardInProcess(["check", dir]);
        json = await checkJsonInProcess([dir]);
        catalog = JSON.parse((await aksGuardInProcess(["list", "--format", "json"])).stdout).policies;
    });

    it("reads all 300 objects and fails on the mandatory findings", async () => {
        assert.strictEqual(objects, 300);
        assert.strictEqual(json.report.summary.resources, 300, json.stderr);
        assert.strictEqual(full.status, 1, full.stderr);
        assert.match(full.stdout, /\n300 resources checked, \d+ with violations: \d+ mandatory, \d+ advisory, 0 remediated\n$/);
    });

    it("the summary lists every firing policy with its level, severity, count and resources", async () => {
        const expected = expectedRows(json.report);
        assert.ok(expected.size >= 30, `a mixed input fires many policies (${expected.size})`);
        const got = summaryRows(full.stdout);
        assert.deepStrictEqual([...got.keys()].sort(), [...expected.keys()].sort());
        const severity = new Map(catalog.map(p => [p.name, p.severity]));
        for (const [policy, e] of expected) {
            const g = got.get(policy)!;
            assert.deepStrictEqual(g, { level: e.level, severity: severity.get(policy), findings: e.findings, resources: e.resources.size }, policy);
        }
    });

    it("each finding names its policy, level and file:line, under its resource", async () => {
        const lines = full.stdout.split("\n");
        const findingLines = lines.filter(l => /^ {2}\[(mandatory|advisory|remediate)\] /.test(l));
        assert.strictEqual(findingLines.length, json.report.diagnostics.length);
        for (const d of json.report.diagnostics.filter((x: any) => x.resource)) {
            const where = `${displayPath(d.file)}:${d.line}`;
            assert.ok(lines.includes(`  [${d.level}] ${d.policy}  ${where}`), `${d.policy} at ${where}`);
        }
        // Resource headings name the type and the name; each resource with findings has one.
        const headings = lines.filter(l => /^kubernetes:|^azure-native:/.test(l));
        assert.strictEqual(headings.length, new Set(json.report.diagnostics.filter((d: any) => d.resource).map((d: any) => d.resource)).size);
    });

    it("gives each firing policy's description once, not under every finding", async () => {
        const flat = full.stdout.replace(/\s+/g, " ");
        const firing = new Set(json.report.diagnostics.map((d: any) => d.policy));
        for (const p of catalog.filter(x => firing.has(x.name))) {
            const n = flat.split(p.description.replace(/\s+/g, " ")).length - 1;
            assert.strictEqual(n, 1, `${p.name}: description appears ${n} times`);
        }
        assert.ok(json.report.diagnostics.length > 3 * firing.size, "many findings share a description");
    });

    it("stays readable in a 100-column terminal", async () => {
        const long = full.stdout.split("\n").filter(l => l.length > SCREEN.columns);
        assert.deepStrictEqual(long, []);
    });

    it("--quiet prints the summary and the totals on one screen, with the same exit code", async () => {
        const quiet = await aksGuardInProcess(["check", "--quiet", dir]);
        assert.strictEqual(quiet.status, full.status);
        const lines = quiet.stdout.replace(/\n$/, "").split("\n");
        assert.ok(lines.length <= SCREEN.lines, `${lines.length} lines`);
        assert.deepStrictEqual(lines.filter(l => l.length > SCREEN.columns), []);
        assert.deepStrictEqual(summaryRows(quiet.stdout), summaryRows(full.stdout));
        assert.strictEqual(lines[lines.length - 1], full.stdout.trimEnd().split("\n").pop());
        assert.doesNotMatch(quiet.stdout, /\[mandatory\]|Policies with findings/);
    });

    it("--policy runs only the named policies, and the exit code follows them", async () => {
        const all = expectedRows(json.report);
        const picked = ["k8s-no-privileged-containers", "k8s-allowed-registries"];
        const only = await checkJsonInProcess(["--policy", picked[0], "--policy", picked[1], dir]);
        assert.strictEqual(only.status, 1, only.stderr);
        assert.deepStrictEqual([...new Set(only.report.diagnostics.map((d: any) => d.policy))].sort(), [...picked].sort());
        for (const p of picked) assert.strictEqual(only.report.diagnostics.filter((d: any) => d.policy === p).length, all.get(p)!.findings, p);

        const advisory = "k8s-cpu-requests-limits";
        assert.strictEqual(all.get(advisory)?.level, "advisory");
        const text = await aksGuardInProcess(["check", "--policy", advisory, dir]);
        assert.strictEqual(text.status, 0, "advisory findings alone do not fail the check");
        assert.deepStrictEqual([...summaryRows(text.stdout).keys()], [advisory]);
    });

    it("--policy keeps the config's settings for the named policy, and says so when the config disables it", async () => withConfig(dir, async (file) => {
        fs.writeFileSync(file, JSON.stringify({ all: "advisory", "k8s-allowed-registries": { allowedRegistries: ["*.azurecr.io", "docker.io"] }, "k8s-image-tag-pinned": "disabled" }));
        const r = await checkJsonInProcess(["--config", file, "--policy", "k8s-allowed-registries", "--policy", "k8s-image-tag-pinned", dir]);
        assert.strictEqual(r.status, 0, r.stderr);
        assert.ok(r.report.diagnostics.every((d: any) => d.policy === "k8s-allowed-registries" && d.level === "advisory"));
        assert.ok(r.report.diagnostics.every((d: any) => !/docker\.io/.test(d.message)), "the config's allowedRegistries apply");
        assert.match(r.stderr, /--policy k8s-image-tag-pinned: the config disables it/);
    }));

    it("an unknown --policy is exit 2 with the nearest name", async () => {
        const r = await aksGuardInProcess(["check", "--policy", "k8s-no-privileged-container", dir]);
        assert.strictEqual(r.status, 2);
        assert.match(r.stderr, /the pack has no policy "k8s-no-privileged-container"; did you mean "k8s-no-privileged-containers"\?/);
        assert.strictEqual(r.stdout, "");
    });
});

describe("aks-guard check: --policy and --quiet, as units", () => {
    const known = ["k8s-no-privileged-containers", "k8s-run-as-non-root", "k8s-no-host-path-volumes"];

    it("disables every other policy in the config, keeping the given entries' settings", async () => {
        const given = { all: "mandatory", "k8s-run-as-non-root": { minUserId: 1000 }, "k8s-no-host-path-volumes": "advisory" };
        assert.deepStrictEqual(selectPolicies(given, ["k8s-no-privileged-containers"], known), {
            all: "mandatory",
            "k8s-run-as-non-root": { minUserId: 1000, enforcementLevel: "disabled" },
            "k8s-no-host-path-volumes": "disabled",
        });
        assert.deepStrictEqual(given["k8s-run-as-non-root"], { minUserId: 1000 }, "the given config is not changed");
        assert.deepStrictEqual(selectPolicies(undefined, ["k8s-run-as-non-root"], known), { "k8s-no-privileged-containers": "disabled", "k8s-no-host-path-volumes": "disabled" });
        assert.strictEqual(selectPolicies("not an object", ["k8s-run-as-non-root"], known), "not an object");
    });

    it("suggests the nearest name for a typo or a name without its prefix", async () => {
        assert.strictEqual(nearest("k8s-run-as-nonroot", known), "k8s-run-as-non-root");
        assert.strictEqual(nearest("no-host-path-volumes", known), "k8s-no-host-path-volumes");
        assert.strictEqual(nearest("entirely-different-thing-altogether", known), undefined);
        assert.throws(() => selectPolicies({}, ["k8s-run-as-nonroot"], known), /did you mean "k8s-run-as-non-root"/);
        assert.throws(() => selectPolicies({}, ["zzz"], known), /aks-guard list/);
    });

    it("--quiet is only for text", async () => {
        const r = await aksGuardInProcess(["check", "--quiet", "--format", "json", fixture("k8s", "insecure.yaml")]);
        assert.strictEqual(r.status, 2);
        assert.match(r.stderr, /--quiet is for --format text/);
    });

    it("wraps at spaces within the width, keeping a longer word whole", async () => {
        assert.deepStrictEqual(wrap("aaa bbb ccc", 8, "  ", ""), ["aaa bbb", "  ccc"]);
        assert.deepStrictEqual(wrap("x " + "y".repeat(20) + " z", 10, "  "), ["  x", "  " + "y".repeat(20), "  z"]);
    });
});

async function withConfig(dir: string, fn: (file: string) => Promise<void>): Promise<void> {
    const file = path.join(path.dirname(dir), `${path.basename(dir)}-config.json`);
    try {
        await fn(file);
    } finally {
        fs.rmSync(file, { force: true });
    }
}
