// What `aks-guard check` reads, as a user runs it (real files in a temp folder; in process through
// runCli, but a process where a read might block, and for signals and process substitution): nothing
// a user gave is dropped without a word (symlinks, nested ARM deployments, ARM types beyond
// clusters, Helm templates, kustomizations), only regular files and stdin are read (FIFOs,
// devices and process substitution refused, never waited on), signals work while reading,
// --namespace, config mistakes are errors, and each message says what was found and where.
import * as assert from "assert";
import { spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { aksGuardInProcess, BIN, caughtSignal, fixture, Ran, withTemp, withTempAsync } from "../support/cli";
import { PACK_DIR } from "../../harness";
import { DEFAULT_LIMITS, IN_PROCESS_MAX_STRING_CHARS, IN_PROCESS_MAX_VALUES, measure } from "../../cli/limits";
import { limitsOf } from "../../cli/main";

const POD = (name: string, privileged: boolean, ns?: string) =>
    `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n${ns ? `  namespace: ${ns}\n` : ""}spec:\n  containers:\n` +
    `    - name: app\n      image: contoso.azurecr.io/app:1.0.0\n      securityContext: {privileged: ${privileged}}\n`;

const refused = (r: Ran, pattern: RegExp) => {
    assert.strictEqual(r.status, 2, r.stderr);
    assert.match(r.stderr, pattern);
    assert.strictEqual(r.stdout, "", "nothing half-reported");
};

const parsed = (r: Ran): Ran & { report: any } => {
    let report: any;
    try { report = r.stdout ? JSON.parse(r.stdout) : undefined; } catch { report = undefined; }
    return { ...r, report };
};

/**
 * `check --format json` as a process, with a bound on how long it may take (a hang fails the test
 * instead of the suite): for what might block the reader (FIFOs, devices).
 */
function checkProcess(args: string[], timeoutMs = 120000): Ran & { report: any } {
    const r = spawnSync(process.execPath, [BIN, "check", "--format", "json", ...args], { cwd: PACK_DIR, encoding: "utf8", timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 });
    assert.strictEqual(r.error, undefined, `aks-guard did not finish within ${timeoutMs} ms (blocked?)`);
    return parsed({ status: r.status, stdout: r.stdout, stderr: r.stderr });
}

/** `check --format json` in process (runCli). */
const check = async (args: string[]): Promise<Ran & { report: any }> => parsed(await aksGuardInProcess(["check", "--format", "json", ...args]));

const policiesOn = (report: any, name: string) => report.diagnostics.filter((d: any) => d.name === name).map((d: any) => d.policy);

describe("aks-guard check: every input read, bounded, and named", function () {
    this.timeout(300000);

    describe("symbolic links", () => {
        it("a walked folder follows file and folder links, reads each real file once, and judges what they point to", async () => withTempAsync(async dir => {
            const real = path.join(dir, "real");
            fs.mkdirSync(real);
            fs.writeFileSync(path.join(real, "pod.yaml"), POD("linked", true, "shop"));
            const walked = path.join(dir, "walked");
            fs.mkdirSync(walked);
            fs.symlinkSync(path.join(real, "pod.yaml"), path.join(walked, "pod-link.yaml"));   // a file link
            fs.symlinkSync(path.join(real, "pod.yaml"), path.join(walked, "again.yaml"));      // the same real file again
            fs.symlinkSync(real, path.join(walked, "sub"));                                     // a folder link to it once more
            const r = await check([walked]);
            assert.strictEqual(r.status, 1, r.stderr);
            assert.strictEqual(r.report.summary.resources, 1, "the real file read once");
            assert.ok(policiesOn(r.report, "shop/linked").includes("k8s-no-privileged-containers"), r.stdout);
        }));

        it("a link back to a folder being walked, and a chain of links that loops, are reported as loops", async () => withTempAsync(async dir => {
            const walked = path.join(dir, "walked");
            fs.mkdirSync(walked);
            fs.writeFileSync(path.join(walked, "pod.yaml"), POD("a", false, "shop"));
            fs.symlinkSync("..", path.join(walked, "up"));
            refused(await check([walked]), /walked\/up: symlink loop: it leads back to .*, a folder that contains it/);
            fs.unlinkSync(path.join(walked, "up"));
            fs.symlinkSync("b.yaml", path.join(walked, "a.yaml"));
            fs.symlinkSync("a.yaml", path.join(walked, "b.yaml"));
            refused(await check([path.join(walked, "a.yaml")]), /a\.yaml: symlink loop/);
        }));
    });

    describe("only regular files and stdin", () => {
        it("a FIFO named on the command line is refused at once, naming it (never waited on)", () => withTemp(dir => {
            const fifo = path.join(dir, "manifests.yaml");
            assert.strictEqual(spawnSync("mkfifo", [fifo]).status, 0, "mkfifo");
            refused(checkProcess([fifo], 30000), /manifests\.yaml: a FIFO \(named pipe, or process substitution <\(\.\.\.\)\); aks-guard reads only regular files, and stdin as -/);
        }));

        it("a FIFO found in a walked folder is refused too; a device (/dev/zero) is refused", () => withTemp(dir => {
            fs.writeFileSync(path.join(dir, "pod.yaml"), POD("a", false, "shop"));
            assert.strictEqual(spawnSync("mkfifo", [path.join(dir, "pipe.yaml")]).status, 0);
            refused(checkProcess([dir], 30000), /pipe\.yaml: a FIFO/);
            refused(checkProcess(["/dev/zero"], 30000), /\/dev\/zero: a character device; aks-guard reads only regular files/);
        }));

        it("process substitution <(...) is refused, naming it", async () => {
            const r = spawnSync("bash", ["-c", `"${process.execPath}" "${BIN}" check <(cat "${fixture("k8s", "insecure.yaml")}")`], { cwd: PACK_DIR, encoding: "utf8", timeout: 30000 });
            refused({ status: r.status, stdout: r.stdout, stderr: r.stderr }, /\/dev\/fd\/\d+: a FIFO \(named pipe, or process substitution/);
        });

        it("SIGTERM stops the command while it waits for stdin", async () => {
            const child = spawn(process.execPath, [BIN, "check", "-"], { cwd: PACK_DIR, stdio: ["pipe", "ignore", "ignore"] });
            await caughtSignal(child.pid!, "SIGHUP"); // its handlers are installed; it then blocks reading stdin
            const t0 = Date.now();
            child.kill("SIGTERM");
            const code = await new Promise<number | null>(resolve => child.once("exit", c => resolve(c)));
            assert.strictEqual(code, 128 + 15);
            assert.ok(Date.now() - t0 < 5000, "it stopped promptly");
        });
    });

    describe("ARM templates", () => {
        // A template as `az bicep build` emits it: a module as a nested deployment with an inline
        // template, a registry, a diagnostic setting and a Dapr extension scoped to the cluster, and
        // a cluster whose whole properties are one expression.
        let r: Ran & { report: any };
        before(async () => { r = await check([fixture("arm-modules", "bicep-modules.json")]); });

        it("judges the cluster inside a nested deployment, with parameters passed in and a variable resolved", async () => {
            assert.strictEqual(r.status, 1, r.stderr);
            const onShop = policiesOn(r.report, "shop");
            assert.ok(onShop.includes("aks-rbac-enabled"), "enableRBAC: [variables('rbac')] resolves to false");
            assert.ok(onShop.includes("aks-entra-id-integration"));
        });

        it("maps registries, diagnostic settings and extensions: the admin user fires, the linked audit logs and Dapr count", async () => {
            const types = r.report.resources.map((x: any) => x.type).sort();
            assert.deepStrictEqual(types, ["azure-native:containerregistry:Registry", "azure-native:containerservice:ManagedCluster",
                "azure-native:containerservice:ManagedCluster", "azure-native:kubernetesconfiguration:Extension", "azure-native:monitor:DiagnosticSetting"]);
            assert.deepStrictEqual(policiesOn(r.report, "shopacr"), ["acr-admin-user-disabled", "acr-network-restricted"], "public access left at its default");
            const onShop = policiesOn(r.report, "shop");
            assert.ok(!onShop.includes("aks-audit-logs-enabled"), "its diagnostic setting belongs to it (scope and dependsOn)");
            assert.ok(!onShop.includes("aks-service-mesh-enabled"), "its Dapr extension belongs to it");
        });

        it("a cluster whose properties are one expression is deferred, never read as absent", async () => {
            const onOpaque = policiesOn(r.report, "opaque");
            for (const p of ["aks-entra-id-integration", "aks-local-accounts-disabled", "aks-rbac-enabled", "aks-private-api-server", "aks-network-policy-enabled"]) {
                assert.ok(!onOpaque.includes(p), `${p} fired on unknown properties: ${onOpaque}`);
            }
            // Its missing diagnostic setting is a fact of the template, not of its properties.
            assert.ok(onOpaque.includes("aks-audit-logs-enabled"), onOpaque.join());
        });
    });

    it("ARM: gateways, WAF policies, Front Door, CDN, API Management, fleets, networks, Arc clusters and Defender pricings become their azure-native resources", async () => {
        const r = await check([fixture("arm-modules", "edge-and-fleet.json")]);
        assert.ok(r.status === 0 || r.status === 1, r.stderr);
        const byName = Object.fromEntries(r.report.resources.map((x: any) => [x.name, x.type.replace("azure-native:", "")]));
        assert.deepStrictEqual(byName, {
            "gw": "network:ApplicationGateway", "gw-waf": "network:WebApplicationFirewallPolicy", "classic": "frontdoor:FrontDoor",
            "fdwaf": "frontdoor:Policy", "afd": "cdn:Profile", "afd/web": "cdn:AFDEndpoint", "afd/waf": "cdn:SecurityPolicy",
            "apim": "apimanagement:ApiManagementService", "fleet": "containerservice:Fleet", "fleet/member-a": "containerservice:FleetMember",
            "vnet": "network:VirtualNetwork", "vnet/nodes": "network:Subnet", "edge": "kubernetes:ConnectedCluster", "Containers": "security:Pricing",
        });
        // Shapes the policies read: the gateway's sku (no WAF tier), the WAF policy's mode, the pricing's name and tier.
        assert.ok(policiesOn(r.report, "gw").includes("azure-app-gateway-waf"), r.stdout);
        assert.ok(policiesOn(r.report, "gw-waf").includes("azure-app-gateway-waf"), "Detection mode");
        assert.ok(policiesOn(r.report, "Containers").includes("azure-defender-containers-plan"), "a Free Containers plan");
    });

    describe("Helm templates and kustomizations", () => {
        const chart = (dir: string) => {
            fs.mkdirSync(path.join(dir, "chart", "templates"), { recursive: true });
            fs.writeFileSync(path.join(dir, "chart", "Chart.yaml"), "apiVersion: v2\nname: shop\nversion: 1.0.0\n");
            fs.writeFileSync(path.join(dir, "chart", "templates", "deploy.yaml"), "{{- if .Values.enabled }}\napiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Release.Name }}\n{{- end }}\n");
            fs.mkdirSync(path.join(dir, "overlay"));
            fs.writeFileSync(path.join(dir, "overlay", "kustomization.yaml"), "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [../base]\n");
            fs.writeFileSync(path.join(dir, "pod.yaml"), POD("insecure", true, "shop"));
        };

        it("in a walked folder they are skipped with a warning that says how to render them, and the rest is judged", async () => withTempAsync(async dir => {
            chart(dir);
            const r = await check([dir]);
            assert.strictEqual(r.status, 1, r.stderr);
            assert.strictEqual(r.report.summary.resources, 1, "the kustomization is not counted as a resource");
            assert.match(r.stderr, /deploy\.yaml: skipped, a Helm template .*helm template \S*chart \| aks-guard check -/);
            assert.match(r.stderr, /kustomization\.yaml: skipped, a kustomization.*kubectl kustomize \S*overlay \| aks-guard check -/);
            assert.ok(r.report.warnings.some((w: string) => /helm template/.test(w)), r.report.warnings.join("\n"));
        }));

        it("named on the command line they are exit 2 with the hint", async () => withTempAsync(async dir => {
            chart(dir);
            refused(await check([path.join(dir, "chart", "templates", "deploy.yaml")]), /deploy\.yaml: a Helm template .*helm template \S*chart \| aks-guard check -/);
            refused(await check([path.join(dir, "overlay", "kustomization.yaml")]), /kustomization\.yaml: a kustomization.*kubectl kustomize/);
        }));
    });

    it("--namespace NS: objects without a namespace land in NS, cluster-scoped ones stay cluster-wide (as kubectl apply -n)", async () => withTempAsync(async dir => {
        const install = path.join(dir, "install.yaml");
        fs.writeFileSync(install, [
            "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: argocd-server\n",
            "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: argocd-server\nrules: []\n",
            POD("argocd-server", false),
            POD("elsewhere", false, "tools"),
        ].join("---\n"));
        const plain = await check([install]);
        assert.ok(policiesOn(plain.report, "argocd-server").includes("k8s-no-default-namespace"), plain.stdout);
        const r = await check(["--namespace", "argocd", install]);
        const names = r.report.resources.map((x: any) => x.name).sort();
        assert.deepStrictEqual(names, ["argocd-server", "argocd/argocd-server", "argocd/argocd-server", "tools/elsewhere"]);
        assert.ok(!r.report.diagnostics.some((d: any) => d.policy === "k8s-no-default-namespace"), r.stdout);
        refused(await aksGuardInProcess(["check", "--namespace", "Not_A_Name", install]), /--namespace takes a Kubernetes namespace name/);
    }));

    describe("config mistakes are errors", () => {
        it("a misspelled policy name is exit 2 on stderr with the nearest name, and every other mistake in the file is reported with it", async () => withTempAsync(async dir => {
            const config = path.join(dir, "config.json");
            fs.writeFileSync(config, JSON.stringify({
                "k8s-no-privileged-container": "mandatory",
                "k8s-run-as-non-root": { minUserId: "ten" },
                "k8s-no-privilege-escalation": "loud",
            }));
            const r = await aksGuardInProcess(["check", "--config", config, fixture("k8s", "insecure.yaml")]);
            refused(r, /"k8s-no-privileged-container" is not a policy of this pack \(did you mean "k8s-no-privileged-containers"\?\)/);
            assert.match(r.stderr, /Policy "k8s-run-as-non-root": minUserId: Invalid type/);
            assert.match(r.stderr, /k8s-no-privilege-escalation: "loud" is not a valid enforcement level/);
        }));

        it("duplicate keys in JSON are refused, in a config file and in an input, as YAML refuses them", async () => withTempAsync(async dir => {
            const config = path.join(dir, "config.json");
            fs.writeFileSync(config, '{\n  "k8s-no-privileged-containers": "mandatory",\n  "k8s-no-privileged-containers": "disabled"\n}\n');
            refused(await aksGuardInProcess(["check", "--config", config, fixture("k8s", "insecure.yaml")]), /config\.json: invalid policy config:\n {2}line 3: duplicate key "k8s-no-privileged-containers"/);
            const input = path.join(dir, "pod.json");
            fs.writeFileSync(input, '{"apiVersion": "v1", "kind": "Pod",\n "metadata": {"name": "a", "namespace": "shop"},\n "spec": {"containers": [{"name": "app", "image": "x",\n   "securityContext": {"privileged": true, "privileged": false}}]}}\n');
            refused(await check([input]), /pod\.json:4: duplicate key "privileged"/);
        }));
    });

    describe("messages say what was found, and where", () => {
        it("invalid UTF-8: the byte offset and line", async () => withTempAsync(async dir => {
            const file = path.join(dir, "latin1.yaml");
            fs.writeFileSync(file, Buffer.concat([Buffer.from("apiVersion: v1\nkind: ConfigMap\ndata:\n  city: M"), Buffer.from([0xfc]), Buffer.from("nchen\n")]));
            refused(await check([file]), /latin1\.yaml: not UTF-8 text: invalid byte sequence \(fc 6e 63 68\) at byte offset 46 \(line 4\)/);
        }));

        it("more property values than the pack's memory bound (--max-values): exit 2 naming the file, line and bound", async () => withTempAsync(async dir => {
            const file = path.join(dir, "pods.yaml");
            fs.writeFileSync(file, [POD("a", false, "shop"), POD("b", false, "shop")].join("---\n"));
            // One pod is 13 values (objects, arrays, strings, booleans): the second passes 20.
            refused(await check(["--max-values", "20", file]), /pods\.yaml:12: more than 20 property values in the inputs; the policy pack holds them all at once \(raise the bound with --max-values N/);
        }));

        // The defaults, from their constants, the flag parsing and --help; the bound itself on a small
        // input above; 800,000 values against both defaults in `npm run fuzz` (test/heavy/scale.heavy.ts).
        it("the default bound is 750,000 values for the pack process (--engine) and 1,500,000 in process", async () => {
            assert.strictEqual(DEFAULT_LIMITS.maxValues, 750_000);
            assert.strictEqual(IN_PROCESS_MAX_VALUES, 1_500_000);
            assert.strictEqual(limitsOf({ engine: true }).maxValues, 750_000);
            assert.strictEqual(limitsOf({}).maxValues, 1_500_000);
            assert.strictEqual(limitsOf({ engine: true, "max-values": "20" }).maxValues, 20);
            assert.match((await aksGuardInProcess(["--help"])).stdout, /--max-values N +most property values in all inputs \(default 1500000; 750000 with --engine\)/);
        });

        it("more text in strings than --max-string-size: exit 2 naming the file, line and bound; keys count too", async () => withTempAsync(async dir => {
            const mb = 1024 * 1024;
            const big = path.join(dir, "big.yaml");
            // Two ConfigMaps of 0.6 MB each: the second passes 1 MB.
            const cm = (name: string, text: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: ${name}, namespace: shop }\ndata:\n  k: ${text}\n`;
            fs.writeFileSync(big, [cm("a", "x".repeat(0.6 * mb)), cm("b", "x".repeat(0.6 * mb))].join("---\n"));
            refused(await check(["--max-string-size", "1", big]), /big\.yaml:7: more than 1 MB of strings \(keys and values\) in the inputs; the policy pack holds them all at once, copied per policy \(raise the bound with --max-string-size MB/);
            const r = await check(["--max-string-size", "2", big]);
            assert.strictEqual(r.status, 0, r.stderr);
            assert.strictEqual(r.report.summary.resources, 2);
            // A key is text the pack holds as well.
            const key = path.join(dir, "key.json");
            fs.writeFileSync(key, JSON.stringify({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "k", namespace: "shop" }, data: { ["k".repeat(1.2 * mb)]: "v" } }));
            refused(await check(["--max-string-size", "1", key]), /key\.json:1: more than 1 MB of strings/);
            assert.deepStrictEqual(measure({ ab: ["cde", { f: "g" }], h: 1 }, 100), { depth: 3, values: 6, chars: 8 });
        }));

        it("the default bound on strings is 40 MB for the pack process (--engine) and 200 MB in process", async () => {
            assert.strictEqual(DEFAULT_LIMITS.maxStringChars, 40 * 1024 * 1024);
            assert.strictEqual(IN_PROCESS_MAX_STRING_CHARS, 200 * 1024 * 1024);
            assert.strictEqual(limitsOf({ engine: true }).maxStringChars, 40 * 1024 * 1024);
            assert.strictEqual(limitsOf({}).maxStringChars, 200 * 1024 * 1024);
            assert.strictEqual(limitsOf({ "max-string-size": "3" }).maxStringChars, 3 * 1024 * 1024);
            assert.match((await aksGuardInProcess(["--help"])).stdout, /--max-string-size MB +most text in all strings and keys of all inputs \(default 200; 40 with --engine\)/);
        });

        it("deep YAML: the line where nesting passes the limit, and the limit", async () => withTempAsync(async dir => {
            const file = path.join(dir, "deep.yaml");
            const lines = ["apiVersion: v1", "kind: ConfigMap", "data:"];
            for (let i = 1; i <= 120; i++) lines.push("  ".repeat(i) + "k:");
            fs.writeFileSync(file, lines.join("\n") + "\n");
            // The document's map is level 1 (line 1), data's map level 2 (line 4): level 101 starts on line 103.
            refused(await check([file]), /deep\.yaml:103: nested deeper than the 100-level limit here \(in the document starting at line 1; raise the limit with --max-depth N\)/);
        }));
    });
});
