// The library use of aks-guard (examples/custom-pack): an organisation's pack that imports
// `aks-guard/policies` through the package's `exports`, selects from the catalog and adds its own
// policy. Installed beside aks-guard and started through the harness (run-policy-pack, the
// analyzer protocol), it must register exactly what it selected plus its own, and judge with both.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PACK_DIR, Session } from "../../harness";
import { policies, PRACTICES, selectPolicies } from "../../policies";
import { hardenedContainer, workload } from "../support/util";

/** The example as a user installs it: its compiled index.js, with aks-guard and the SDK in node_modules. */
function installExample(dir: string): string {
    const pack = path.join(dir, "acme-aks-policies");
    const modules = path.join(pack, "node_modules");
    fs.mkdirSync(modules, { recursive: true });
    fs.copyFileSync(path.join(PACK_DIR, "dist", "examples", "custom-pack", "index.js"), path.join(pack, "index.js"));
    fs.copyFileSync(path.join(PACK_DIR, "examples", "custom-pack", "PulumiPolicy.yaml"), path.join(pack, "PulumiPolicy.yaml"));
    const manifest = JSON.parse(fs.readFileSync(path.join(PACK_DIR, "examples", "custom-pack", "package.json"), "utf8"));
    fs.writeFileSync(path.join(pack, "package.json"), JSON.stringify({ ...manifest, main: "index.js" }));
    for (const m of fs.readdirSync(path.join(PACK_DIR, "node_modules"))) {
        if (!m.startsWith(".")) fs.symlinkSync(path.join(PACK_DIR, "node_modules", m), path.join(modules, m), "dir");
    }
    fs.symlinkSync(PACK_DIR, path.join(modules, "aks-guard"), "dir");
    return pack;
}

describe("library use: selectPolicies", () => {
    it("selects by practice (a major number takes its sub-practices), in catalog order", () => {
        const six = selectPolicies({ practices: ["6"] });
        assert.ok(six.length > 0);
        assert.deepStrictEqual(six, policies.filter(p => p.practice === "6" || p.practice === "6.1" || p.practice === "6.2"));
        assert.ok(six.some(p => p.practice === "6") && six.some(p => p.practice === "6.1") && six.some(p => p.practice === "6.2"));
        assert.deepStrictEqual(selectPolicies({ practices: ["6.1"] }), six.filter(p => p.practice === "6.1"));
    });

    it("combines criteria: every one given must hold, any value within one", () => {
        const got = selectPolicies({ practices: ["4", "extra"], severities: ["critical"] });
        assert.ok(got.length > 0 && got.every(p => ["4", "extra"].includes(p.practice) && p.severity === "critical"));
        assert.strictEqual(got.length, policies.filter(p => ["4", "extra"].includes(p.practice) && p.severity === "critical").length);
        assert.deepStrictEqual(selectPolicies({ names: ["k8s-no-privileged-containers", "aks-rbac-enabled"] }).map(p => p.name).sort(), ["aks-rbac-enabled", "k8s-no-privileged-containers"]);
        const k8s = selectPolicies({ names: ["k8s-*"], exclude: ["k8s-no-privileged-containers"] });
        assert.ok(k8s.every(p => p.name.startsWith("k8s-")) && !k8s.some(p => p.name === "k8s-no-privileged-containers"));
        assert.strictEqual(selectPolicies().length, policies.length);
    });

    it("refuses a practice, severity or name the catalog lacks, naming it", () => {
        assert.throws(() => selectPolicies({ practices: ["13"] }), /no practice "13"/);
        assert.throws(() => selectPolicies({ severities: ["severe" as any] }), /no severity "severe"/);
        assert.throws(() => selectPolicies({ names: ["k8s-no-privileged-container"] }), /no policy matches "k8s-no-privileged-container"/);
        assert.throws(() => selectPolicies({ exclude: ["nope-*"] }), /no policy matches "nope-\*"/);
        assert.ok(Object.keys(PRACTICES).includes("6.1"));
    });
});

describe("library use: examples/custom-pack through the harness", function () {
    this.timeout(120000);
    let dir: string;
    let session: Session;

    before(async () => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "aks-guard-custom-pack-"));
        session = await Session.start({}, { packDir: installExample(dir) });
    });
    after(async () => {
        await session?.close();
        fs.rmSync(dir, { recursive: true, force: true });
    });

    it("registers the selected catalog policies plus its own, under its own pack name", () => {
        const expected = policies.filter(p => (p.practice === "4" && (p.severity === "high" || p.severity === "critical")) || ["aks-rbac-enabled", "aks-local-accounts-disabled"].includes(p.name));
        assert.ok(expected.length > 3);
        assert.strictEqual(session.info.name, "acme-aks");
        assert.deepStrictEqual(session.info.policies.map(p => p.name).sort(), [...expected.map(p => p.name), "acme-workload-team-label"].sort());
        const priv = session.info.policies.find(p => p.name === "k8s-no-privileged-containers")!;
        assert.strictEqual(priv.enforcementLevel, "mandatory");
        assert.match(priv.url, /#k8s-no-privileged-containers$/);
    });

    it("judges with the selected policies and its own; the ones left out are not there", async () => {
        const bad = workload("Deployment", { containers: [{ ...hardenedContainer(), securityContext: { ...(hardenedContainer().securityContext as object), privileged: true } }] }, { name: "web" });
        const good = workload("Deployment", { containers: [hardenedContainer()] }, { name: "api" });
        (good.props.metadata as Record<string, unknown>).labels = { team: "payments" };
        const run = await session.run([bad, good]);
        const names = (i: number) => run.resources[i].diagnostics.map(d => d.policyName).sort();
        assert.deepStrictEqual(names(0), ["acme-workload-team-label", "k8s-no-privileged-containers"]);
        assert.deepStrictEqual(names(1), []);
        assert.match(run.resources[0].diagnostics.find(d => d.policyName === "acme-workload-team-label")!.message, /Deployment "web": metadata\.labels has no team/);
        assert.ok(!session.info.policies.some(p => p.name === "k8s-cpu-requests-limits"), "a low-severity practice-5 policy is not selected");
    });
});
