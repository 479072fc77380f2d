// Fixes from review, each through the command line: in process (runCli), but for signals and the
// environment (NODE_OPTIONS), which need the built command as a process.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { spawn } from "child_process";
import { isSecret, PACK_DIR, readPackConfigFile, readPackConfigJson, UNKNOWN_STRING } from "../../harness";
import { readInputs } from "../../cli/inputs";
import { DEFAULT_LIMITS } from "../../cli/limits";
import { sarifReport } from "../../cli/report/sarif";
import { aksGuard, aksGuardInProcess, BIN, checkJsonInProcess, fixture, withTemp, withTempAsync } from "../support/cli";

const POD = (name: string) => `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}}\nspec:\n  containers: [{name: app, image: a.azurecr.io/x:1}]\n`;

describe("aks-guard check: review fixes", function () {
    this.timeout(180000);

    it("an ARM managedClusters resource with apiVersion and kind is read as AKS, not Kubernetes", async () => {
        await withTempAsync(async dir => {
            const cluster = JSON.parse(fs.readFileSync(fixture("arm", "az-aks-show-insecure.json"), "utf8"));
            const f = path.join(dir, "cluster.json");
            fs.writeFileSync(f, JSON.stringify({ apiVersion: "2024-05-01", kind: "Base", ...cluster }, null, 2));
            const { status, report, stderr } = await checkJsonInProcess([f]);
            assert.strictEqual(status, 1, stderr);
            assert.deepStrictEqual(report.resources.map((r: any) => r.type), ["azure-native:containerservice:ManagedCluster"]);
            assert.ok(report.diagnostics.length > 0);
        });
    });

    /** Pids whose parent is `ppid` (from /proc). */
    const childrenOf = (ppid: number): number[] => fs.readdirSync("/proc").filter(d => /^\d+$/.test(d)).flatMap(d => {
        try {
            const stat = fs.readFileSync(`/proc/${d}/stat`, "utf8");
            const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
            return Number(fields[1]) === ppid ? [Number(d)] : [];
        } catch { return []; }
    });
    /** Running (not gone, not a zombie). */
    const alive = (pid: number): boolean => {
        try {
            const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
            return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
        } catch { return false; }
    };
    const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));
    /** True once process `pid` holds an established TCP connection (/proc: its socket inodes in net/tcp with state 01). */
    const connected = (pid: number): boolean => {
        let sockets: Set<string>;
        try {
            sockets = new Set(fs.readdirSync(`/proc/${pid}/fd`).flatMap(fd => {
                try { return [/^socket:\[(\d+)\]$/.exec(fs.readlinkSync(`/proc/${pid}/fd/${fd}`))?.[1] ?? ""]; } catch { return []; }
            }));
        } catch { return false; }
        const rows = ["tcp", "tcp6"].flatMap(f => { try { return fs.readFileSync(`/proc/${pid}/net/${f}`, "utf8").split("\n").slice(1); } catch { return []; } });
        return rows.some(row => { const c = row.trim().split(/\s+/); return c[3] === "01" && sockets.has(c[9]); });
    };

    for (const [signal, number] of [["SIGTERM", 15], ["SIGINT", 2]] as const) {
        it(`${signal} stops the pack process and exits 128+${number}`, async function () {
            if (process.platform !== "linux") this.skip();
            await withTempAsync(async dir => {
                const f = path.join(dir, "many.yaml");
                fs.writeFileSync(f, Array.from({ length: 3000 }, (_, i) => POD(`p${i}`)).join("---\n"));
                const cli = spawn(process.execPath, [BIN, "check", "--engine", "--format", "json", f], { cwd: PACK_DIR, stdio: ["ignore", "ignore", "pipe"] });
                let stderr = "";
                cli.stderr!.on("data", d => (stderr += d));
                const exited = new Promise<{ code: number | null; signal: string | null }>(r => cli.once("exit", (code, sig) => r({ code, signal: sig })));
                let pack: number | undefined;
                for (let t = 0; t < 600 && pack === undefined; t++) {
                    await sleep(100);
                    pack = childrenOf(cli.pid!).find(p => /run-policy-pack/.test(fs.readFileSync(`/proc/${p}/cmdline`, "utf8")));
                }
                assert.ok(pack !== undefined, `no pack process started\n${stderr}`);
                // Into the session: the command's gRPC client has connected to the pack (a generous bound, no fixed delay).
                for (let t = 0; t < 1200 && !connected(pack!); t++) await sleep(100);
                assert.ok(connected(pack!), `the command never connected to pack process ${pack}\n${stderr}`);
                cli.kill(signal);
                const t0 = Date.now();
                const { code } = await exited;
                assert.ok(Date.now() - t0 < 8000, "stopped within a few seconds");
                assert.strictEqual(code, 128 + number, stderr);
                for (let t = 0; t < 20 && alive(pack!); t++) await sleep(100);
                assert.ok(!alive(pack!), `pack process ${pack} still running`);
            });
        });
    }

    it("YAML flow style and JSON documents separated by --- are read as YAML", async () => {
        await withTempAsync(async dir => {
            const flow = path.join(dir, "flow.yaml");
            fs.writeFileSync(flow, "{apiVersion: v1, kind: Pod, metadata: {name: flow},\n spec: {containers: [{name: app, image: a.azurecr.io/x:1}]}}\n");
            let r = await checkJsonInProcess(["--allow-empty", flow]);
            assert.ok(r.status === 0 || r.status === 1, r.stderr);
            assert.deepStrictEqual(r.report.resources.map((x: any) => [x.type, x.name, x.line]), [["kubernetes:core/v1:Pod", "flow", 1]]);
            const pod = (n: string) => JSON.stringify({ apiVersion: "v1", kind: "Pod", metadata: { name: n }, spec: { containers: [{ name: "app", image: "a.azurecr.io/x:1" }] } });
            r = await checkJsonInProcess(["-"], `${pod("a")}\n---\n${pod("b")}\n`);
            assert.ok(r.status === 0 || r.status === 1, r.stderr);
            assert.deepStrictEqual(r.report.resources.map((x: any) => [x.name, x.line]), [["a", 1], ["b", 3]]);
            // Malformed as both: the JSON error, with its line.
            const bad = path.join(dir, "bad.json");
            fs.writeFileSync(bad, '{"apiVersion": "v1",\n "kind": "Pod",\n "metadata": {"name": "x"}');
            const b = await aksGuardInProcess(["check", bad]);
            assert.strictEqual(b.status, 2);
            assert.match(b.stderr, /bad\.json:3: malformed JSON/);
        });
    });

    it("preview: a replacement (create-replacement + replace, one URN) is judged once; delete-replaced, discard, read skipped", async () => {
        await withTempAsync(async dir => {
            const preview = JSON.parse(fs.readFileSync(fixture("pulumi", "preview-insecure.json"), "utf8"));
            const create = preview.steps.find((s: any) => s.op === "create");
            const other = (urn: string) => ({ ...create.newState, urn: urn, type: "kubernetes:apps/v1:Deployment" });
            const base = "urn:pulumi:dev::shop::kubernetes:apps/v1:Deployment::";
            preview.steps = [
                ...preview.steps.filter((s: any) => s !== create),
                { ...create, op: "create-replacement" },
                { ...create, op: "replace" },
                { ...create, op: "delete-replaced", newState: create.newState },
                { op: "discard", urn: base + "gone", newState: other(base + "gone") },
                { op: "read", urn: base + "read", newState: other(base + "read") },
            ];
            const f = path.join(dir, "preview.json");
            fs.writeFileSync(f, JSON.stringify(preview, null, 2));
            const { status, report, stderr } = await checkJsonInProcess([f]);
            assert.strictEqual(status, 1, stderr);
            assert.deepStrictEqual(report.resources.map((r: any) => r.urn), [create.newState.urn]);
            assert.strictEqual(report.diagnostics.filter((d: any) => d.policy === "k8s-no-privileged-containers").length, 1);
        });
    });

    it("a List item that is not a Kubernetes object: exit 2 naming the file and the item's line", async () => {
        await withTempAsync(async dir => {
            const f = path.join(dir, "list.yaml");
            fs.writeFileSync(f, "apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Pod\n    metadata: {name: a}\n  - metadata: {name: b}\n");
            let r = await aksGuardInProcess(["check", f]);
            assert.strictEqual(r.status, 2, r.stderr);
            assert.match(r.stderr, /list\.yaml:7: item 1 of the List is not a Kubernetes object/);
            assert.strictEqual(r.stdout, "");
            fs.writeFileSync(f, "apiVersion: v1\nkind: List\nitems:\n  - just a string\n");
            r = await aksGuardInProcess(["check", f]);
            assert.strictEqual(r.status, 2, r.stderr);
            assert.match(r.stderr, /list\.yaml:4: item 0 of the List is not an object/);
            const j = path.join(dir, "list.json");
            fs.writeFileSync(j, '{"apiVersion": "v1", "kind": "List", "items": [\n  {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "a"}},\n  {"metadata": {"name": "b"}}\n]}\n');
            r = await aksGuardInProcess(["check", j]);
            assert.strictEqual(r.status, 2, r.stderr);
            assert.match(r.stderr, /list\.json:3: item 1 of the List is not a Kubernetes object/);
        });
    });

    it("`az aks list` with no clusters ([]) is zero resources: no resources found, or a pass with --allow-empty", async () => {
        let r = await aksGuardInProcess(["check", "-"], { input: "[]\n" });
        assert.strictEqual(r.status, 2);
        assert.match(r.stderr, /no resources found/);
        r = await aksGuardInProcess(["check", "--allow-empty", "--format", "json", "-"], { input: "[]\n" });
        assert.strictEqual(r.status, 0, r.stderr);
        assert.strictEqual(JSON.parse(r.stdout).summary.resources, 0);
    });

    it("sarif: results from stdin have an artifact (stdin, or --stdin-name NAME, which text and json use too)", async () => {
        const input = fs.readFileSync(fixture("k8s", "insecure.yaml"), "utf8");
        let r = await aksGuardInProcess(["check", "--format", "sarif", "-"], { input });
        assert.strictEqual(r.status, 1, r.stderr);
        let results = JSON.parse(r.stdout).runs[0].results;
        assert.ok(results.length > 0);
        for (const x of results) assert.deepStrictEqual(x.locations[0].physicalLocation, { artifactLocation: { uri: "stdin" }, region: { startLine: 2 } });
        r = await aksGuardInProcess(["check", "--format", "sarif", "--stdin-name", "charts/shop/rendered.yaml", "-"], { input });
        const sarif = JSON.parse(r.stdout);
        results = sarif.runs[0].results;
        const rules = sarif.runs[0].tool.driver.rules;
        for (const x of results) {
            assert.deepStrictEqual(x.locations[0].physicalLocation.artifactLocation, { uri: "charts/shop/rendered.yaml", uriBaseId: "%SRCROOT%" });
            assert.strictEqual(rules[x.ruleIndex].id, x.ruleId);
        }
        const j = await checkJsonInProcess(["--stdin-name", "rendered.yaml", "-"], input);
        assert.ok(j.report.diagnostics.every((d: any) => d.file === "rendered.yaml"));
        assert.deepStrictEqual(j.report.resources.map((x: any) => x.file), ["rendered.yaml", "rendered.yaml"]);
        const t = await aksGuardInProcess(["check", "--stdin-name", "rendered.yaml", "-"], { input });
        assert.match(t.stdout, /rendered\.yaml/);
        assert.doesNotMatch(t.stdout, /<stdin>/);
        assert.match((await aksGuardInProcess(["--help"])).stdout, /--stdin-name NAME/);
    });

    it("sarif: a stack-wide finding is located on the first input file, line 1", async () => {
        const policy = { name: "p", description: "d", remediationSteps: "", url: "", tags: [], severity: "high", enforcementLevel: "mandatory" } as any;
        const sarif = JSON.parse(sarifReport({
            pack: { name: "aks-guard", version: "0" }, policies: [policy],
            resources: [{ type: "t", name: "n", urn: "u", props: {}, file: path.join("sub", "dir", "a.yaml"), line: 5 }], deferred: [], unknowns: "defer",
            findings: [{ policy: "p", level: "mandatory", severity: "high", message: "m", description: "d" }],
            warnings: [], counts: { mandatory: 1, advisory: 0, remediate: 0 },
        }, {}));
        const [res] = sarif.runs[0].results;
        assert.strictEqual(res.ruleIndex, 0);
        assert.deepStrictEqual(res.locations[0].physicalLocation, { artifactLocation: { uri: "sub/dir/a.yaml", uriBaseId: "%SRCROOT%" }, region: { startLine: 1 } });
    });

    it("a pack that crashes during the run: exit 2 with the pack's stderr in the message (a process: NODE_OPTIONS)", () => {
        withTemp(dir => {
            // Preloaded into every node process; in the pack's, it crashes shortly after the port is printed.
            const crash = path.join(dir, "crash.js");
            fs.writeFileSync(crash, `if (process.argv.some(a => /run-policy-pack/.test(a))) {
    const write = process.stdout.write.bind(process.stdout);
    let armed = false;
    process.stdout.write = (...a) => {
        if (!armed) { armed = true; setTimeout(() => { process.stderr.write("simulated pack crash: out of cheese\\n"); process.exit(70); }, 300); }
        return write(...a);
    };
}
`);
            const f = path.join(dir, "many.yaml");
            fs.writeFileSync(f, Array.from({ length: 3000 }, (_, i) => POD(`p${i}`)).join("---\n"));
            const r = aksGuard(["check", "--engine", "--format", "json", f], { env: { NODE_OPTIONS: `--require ${crash}` } });
            assert.strictEqual(r.status, 2, r.stderr);
            assert.strictEqual(r.stdout, "");
            assert.match(r.stderr, /the policy pack failed: .*\n[\s\S]*simulated pack crash: out of cheese/);
        });
    });

    it("stack export secrets (plaintext and ciphertext) read through the harness's secret signature", async () => {
        await withTempAsync(async dir => {
            const sig = "4dabf18193072939515e22adb298388d";
            const f = path.join(dir, "export.json");
            fs.writeFileSync(f, JSON.stringify({ version: 3, deployment: { resources: [{
                urn: "urn:pulumi:dev::p::kubernetes:core/v1:Secret::s", type: "kubernetes:core/v1:Secret", custom: true,
                inputs: { apiVersion: "v1", kind: "Secret", stringData: { [sig]: "1b47061264138c4ac30d75fd1eb44270", plaintext: '{"k":"v"}' },
                    data: { [sig]: "1b47061264138c4ac30d75fd1eb44270", ciphertext: "xyz" } },
            }] } }));
            const [r] = await readInputs([f], DEFAULT_LIMITS);
            assert.ok(isSecret(r.props.stringData) && (r.props.stringData as any).value.k === "v");
            assert.ok(isSecret(r.props.data) && (r.props.data as any).value === UNKNOWN_STRING);
        });
    });

    it("config files: one raw-JSON reader for the command line and the harness", async () => {
        await withTempAsync(async dir => {
            const empty = path.join(dir, "empty.json");
            fs.writeFileSync(empty, "  \n");
            assert.deepStrictEqual(readPackConfigJson(empty), {});
            const f = path.join(dir, "c.json");
            fs.writeFileSync(f, '{"all": "advisory", "k8s-run-as-non-root": {"minUserId": 1000}}');
            assert.deepStrictEqual(readPackConfigJson(f), { all: "advisory", "k8s-run-as-non-root": { minUserId: 1000 } });
            assert.deepStrictEqual(readPackConfigFile(f), { all: { enforcementLevel: "advisory" }, "k8s-run-as-non-root": { properties: { minUserId: 1000 } } });
            assert.throws(() => readPackConfigJson(path.join(dir, "none.json")), /cannot read: no such file/);
            const r = await aksGuardInProcess(["list", "--config", path.join(dir, "none.json")]);
            assert.strictEqual(r.status, 2);
            assert.match(r.stderr, /none\.json: invalid policy config:\n  cannot read: no such file/);
        });
    });
});
