// The command line's contract: usage errors and --help, `list`, `--config` with the engine's rules.
import * as assert from "assert";
import { aksGuardInProcess, aksGuardSharedInProcess, catalogNames, checkJsonInProcess, fixture, withTempAsync } from "../support/cli";
import * as fs from "fs";
import * as path from "path";

describe("aks-guard: usage, list and config", function () {
    this.timeout(180000);

    it("--help prints the usage and exits 0", async () => {
        const r = await aksGuardInProcess(["--help"]);
        assert.strictEqual(r.status, 0);
        assert.match(r.stdout, /^Usage:\n {2}aks-guard check/);
        assert.match(r.stdout, /--format FORMAT/);
    });

    for (const [what, args, pattern] of [
        ["an unknown option", ["check", "--bogus", "x.yaml"], /Unknown option '--bogus'/],
        ["an unknown command", ["judge", "x.yaml"], /unknown command "judge"/],
        ["no command", [], /a command is needed/],
        ["check without a path", ["check"], /at least one PATH/],
        ["an unknown format", ["check", "--format", "xml", "x.yaml"], /--format is text, json or sarif/],
        ["a bad bound", ["check", "--max-depth", "lots", "x.yaml"], /--max-depth takes a positive whole number/],
    ] as const) {
        it(`exits 2 with the usage on ${what}`, async () => {
            const r = await aksGuardInProcess([...args]);
            assert.strictEqual(r.status, 2);
            assert.match(r.stderr, pattern);
            assert.match(r.stderr, /Usage:/);
            assert.strictEqual(r.stdout, "");
        });
    }

    it("a missing input exits 2 naming it", async () => {
        const r = await aksGuardInProcess(["check", "no/such/file.yaml"]);
        assert.strictEqual(r.status, 2);
        assert.match(r.stderr, /no\/such\/file\.yaml: no such file or directory/);
    });

    it("list: the catalog with practice, level, severity and description", async () => {
        const text = await aksGuardInProcess(["list"]);
        assert.strictEqual(text.status, 0);
        assert.match(text.stdout, /^NAME +PRACTICE +LEVEL +SEVERITY +DESCRIPTION\n/);
        assert.match(text.stdout, /\nk8s-no-privileged-containers +4 +mandatory +critical +Containers must not run privileged/);
        const json = JSON.parse((await aksGuardSharedInProcess(["list", "--format", "json"])).stdout);
        assert.strictEqual(json.version, 1);
        const p = json.policies.find((x: any) => x.name === "k8s-run-as-non-root");
        assert.deepStrictEqual([p.practice, p.level, p.severity], ["2", "mandatory", "high"]);
        assert.ok(p.description.length > 0 && /#k8s-run-as-non-root$/.test(p.url));
        assert.deepStrictEqual(json.policies.map((x: any) => x.name), catalogNames());
    });

    it("list --types: every resource type the policies judge, by provider, each with its policies", async () => {
        const text = await aksGuardInProcess(["list", "--types"]);
        assert.strictEqual(text.status, 0, text.stderr);
        const headers = text.stdout.split("\n").filter(l => /^\S/.test(l)).map(l => l.split(" ")[0]);
        assert.deepStrictEqual(headers, ["azure-native", "azure", "kubernetes", "Any"]);
        assert.match(text.stdout, /\n {2}azure:containerservice\/kubernetesCluster:KubernetesCluster +\d+ +[a-z0-9-]+(, [a-z0-9-]+)*\n/);
        assert.match(text.stdout, /\n {2}kubernetes:apps\/\*:Deployment +\d+ +.*k8s-no-privileged-containers/);
        const json = JSON.parse((await aksGuardSharedInProcess(["list", "--types", "--format", "json"])).stdout);
        const { policies } = require("../../policies/catalog");
        const { judgedTypes } = require("../../policies/lib/policy");
        const declared = new Set<string>(policies.flatMap(judgedTypes));
        assert.deepStrictEqual(json.types.map((t: any) => t.type).sort(), [...declared].sort());
        const registry = json.types.find((t: any) => t.type === "azure:containerservice/registry:Registry");
        assert.strictEqual(registry.provider, "azure");
        assert.ok(registry.policies.includes("acr-admin-user-disabled"), registry.policies);
        // A policy the config disables judges nothing.
        const off = JSON.parse((await aksGuardInProcess(["list", "--types", "--format", "json", "--config", path.join("test", "cli", "config", "remediate-run-as-non-root.json")])).stdout);
        assert.ok(off.types.every((t: any) => !t.policies.includes("k8s-no-privileged-containers")));
    });

    it("list --config shows the levels the config sets", async () => {
        const json = JSON.parse((await aksGuardInProcess(["list", "--format", "json", "--config", path.join("test", "cli", "config", "remediate-run-as-non-root.json")])).stdout);
        const levels = Object.fromEntries(json.policies.map((x: any) => [x.name, x.level]));
        assert.strictEqual(levels["k8s-run-as-non-root"], "remediate");
        assert.strictEqual(levels["k8s-no-privileged-containers"], "disabled");
    });

    describe("--config", () => {
        const withConfig = (config: string, fn: (file: string) => Promise<void>) => withTempAsync(async dir => {
            const file = path.join(dir, "policy-config.json");
            fs.writeFileSync(file, config);
            await fn(file);
        });

        it("a value outside a policy's schema exits 2 naming the policy and the key", async () => withConfig('{"k8s-run-as-non-root": {"minUserId": "one"}}', async file => {
            const r = await aksGuardInProcess(["check", "--config", file, fixture("k8s", "insecure.yaml")]);
            assert.strictEqual(r.status, 2);
            assert.match(r.stderr, /policy-config\.json: invalid policy config:\n {2}Policy "k8s-run-as-non-root": minUserId: Invalid type/);
            assert.strictEqual(r.stdout, "");
        }));

        it("an invalid level exits 2 naming the policy", async () => withConfig('{"k8s-no-privileged-containers": "loud"}', async file => {
            const r = await aksGuardInProcess(["check", "--config", file, fixture("k8s", "insecure.yaml")]);
            assert.strictEqual(r.status, 2);
            assert.match(r.stderr, /k8s-no-privileged-containers: "loud" is not a valid enforcement level/);
        }));

        it("malformed JSON and a missing file exit 2", async () => withConfig("{", async file => {
            assert.match((await aksGuardInProcess(["check", "--config", file, fixture("k8s", "insecure.yaml")])).stderr, /not valid JSON/);
            const r = await aksGuardInProcess(["check", "--config", file + ".missing", fixture("k8s", "insecure.yaml")]);
            assert.strictEqual(r.status, 2);
            assert.match(r.stderr, /cannot read: no such file/);
        }));

        it("`all` first, then per-policy entries; advisory findings do not fail the check", async () =>
            withConfig('{"all": "advisory", "k8s-no-privileged-containers": "mandatory"}', async file => {
                const adv = await checkJsonInProcess(["--config", file, fixture("k8s", "insecure.yaml")]);
                assert.strictEqual(adv.status, 1);
                const levels = Object.fromEntries(adv.report.diagnostics.map((d: any) => [d.policy, d.level]));
                assert.strictEqual(levels["k8s-no-privileged-containers"], "mandatory");
                assert.strictEqual(levels["k8s-run-as-non-root"], "advisory");
            }));

        it("all advisory: findings reported, exit 0", async () =>
            withConfig('{"all": "advisory"}', async file => {
                const r = await checkJsonInProcess(["--config", file, fixture("k8s", "insecure.yaml")]);
                assert.strictEqual(r.status, 0);
                assert.ok(r.report.summary.advisory >= 2 && r.report.summary.mandatory === 0);
            }));

        it("a policy name the pack lacks is an error (exit 2, stderr) that names the nearest policy", async () =>
            withConfig('{"all": "advisory", "k8s-no-such-policy": "mandatory", "k8s-run-as-nonroot": "mandatory"}', async file => {
                const r = await aksGuardInProcess(["check", "--config", file, fixture("k8s", "insecure.yaml")]);
                assert.strictEqual(r.status, 2);
                assert.strictEqual(r.stdout, "");
                assert.match(r.stderr, /"k8s-no-such-policy" is not a policy of this pack; `aks-guard list` shows them all/);
                assert.match(r.stderr, /"k8s-run-as-nonroot" is not a policy of this pack \(did you mean "k8s-run-as-non-root"\?\)/);
            }));

        it("a policy's own settings apply (excludeNamespaces)", async () =>
            withConfig('{"k8s-no-privileged-containers": {"excludeNamespaces": ["shop"]}}', async file => {
                const r = await checkJsonInProcess(["--config", file, fixture("k8s", "insecure.yaml")]);
                assert.ok(!r.report.diagnostics.some((d: any) => d.policy === "k8s-no-privileged-containers"));
                assert.ok(r.report.diagnostics.some((d: any) => d.policy === "k8s-run-as-non-root"));
            }));
    });
});
