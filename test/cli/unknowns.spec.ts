// Checks deferred on values unknown until deployment are counted per resource in every report,
// and `--unknowns fail` makes each a violation of its policy (SPEC, "Reading input as Kubernetes
// reads it": for CI on templates).
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { PACK_DIR, UNKNOWN_STRING } from "../../harness";
import { aksGuard, aksGuardInProcess, checkJsonInProcess, fixture, withTempAsync } from "../support/cli";

/** The hardened preview with the Deployment's hostNetwork and its container's image unknown. */
function previewWithUnknowns(dir: string): string {
    const preview = JSON.parse(fs.readFileSync(path.join(PACK_DIR, fixture("pulumi", "preview-hardened.json")), "utf8"));
    const step = preview.steps.find((s: any) => s.newState?.type === "kubernetes:apps/v1:Deployment");
    const pod = step.newState.inputs.spec.template.spec;
    pod.hostNetwork = UNKNOWN_STRING;
    pod.containers[0].image = UNKNOWN_STRING;
    const file = path.join(dir, "preview.json");
    fs.writeFileSync(file, JSON.stringify(preview));
    return file;
}

describe("checks deferred on unknown values", function () {
    this.timeout(120000);

    it("are counted per resource in the JSON report, each with its policy and the field it waits for", () => withTempAsync(async dir => {
        const { status, report } = await checkJsonInProcess([previewWithUnknowns(dir)]);
        const known = await checkJsonInProcess([fixture("pulumi", "preview-hardened.json")]);
        assert.strictEqual(status, known.status, "deferred is not failed");
        assert.strictEqual(report.summary.mandatory, known.report.summary.mandatory);
        const deployment = report.resources.find((r: any) => r.type === "kubernetes:apps/v1:Deployment");
        const policies = deployment.deferred.map((d: any) => d.policy);
        assert.ok(policies.includes("k8s-no-host-namespaces"), policies.join(", "));
        assert.ok(policies.includes("k8s-allowed-registries"), policies.join(", "));
        for (const d of deployment.deferred) assert.match(d.reason, /spec\.template\.spec\.(hostNetwork|containers\[0\]\.image).* unknown during preview/);
        assert.strictEqual(report.summary.deferred, report.resources.reduce((n: number, r: any) => n + r.deferred.length, 0));
        assert.strictEqual(report.diagnostics.filter((d: any) => d.message.startsWith("not judged")).length, 0);
    }));

    it("are none on the same program with every value known", async () => {
        const { report } = await checkJsonInProcess([fixture("pulumi", "preview-hardened.json")]);
        assert.strictEqual(report.summary.deferred, 0);
        assert.ok(report.resources.every((r: any) => Array.isArray(r.deferred) && r.deferred.length === 0));
        // Nothing deferred: --unknowns fail says the same.
        const failing = await aksGuardInProcess(["check", "--format", "json", "--unknowns", "fail", fixture("pulumi", "preview-hardened.json")]);
        const deferring = await aksGuardInProcess(["check", "--format", "json", fixture("pulumi", "preview-hardened.json")]);
        assert.deepStrictEqual(failing, deferring);
    });

    it("--unknowns fail makes each a violation of its policy at its level, and the exit status 1", () => withTempAsync(async dir => {
        const file = previewWithUnknowns(dir);
        const deferring = (await checkJsonInProcess([file])).report;
        const { status, report } = await checkJsonInProcess(["--unknowns", "fail", file]);
        assert.strictEqual(status, 1);
        const notJudged = report.diagnostics.filter((d: any) => d.message.startsWith("not judged: "));
        assert.strictEqual(notJudged.length, deferring.summary.deferred);
        assert.ok(notJudged.length >= 2);
        const deferredPolicies = deferring.resources.flatMap((r: any) => r.deferred.map((d: any) => d.policy)).sort();
        assert.deepStrictEqual(notJudged.map((d: any) => d.policy).sort(), deferredPolicies);
        for (const d of notJudged) assert.match(d.message, /unknown during preview; --unknowns fail/);
        assert.ok(notJudged.every((d: any) => d.level === "mandatory"), "the deferring policies are mandatory by default");
        // An advisory policy's deferral is an advisory violation.
        const config = path.join(dir, "advisory.json");
        fs.writeFileSync(config, JSON.stringify({ "k8s-allowed-registries": "advisory" }));
        const advisory = (await checkJsonInProcess(["--unknowns", "fail", "--config", config, file])).report.diagnostics.filter((d: any) => d.message.startsWith("not judged: "));
        assert.deepStrictEqual(advisory.filter((d: any) => d.level === "advisory").map((d: any) => d.policy), ["k8s-allowed-registries"]);
        assert.strictEqual(report.summary.mandatory, deferring.summary.mandatory + notJudged.filter((d: any) => d.level === "mandatory").length);
    }));

    it("the text report lists them per resource and counts them in the totals; --unknowns fail lists them as findings", () => withTempAsync(async dir => {
        const file = previewWithUnknowns(dir);
        const { report } = await checkJsonInProcess([file]);
        const text = (await aksGuardInProcess(["check", file])).stdout;
        assert.match(text, /^Checks deferred on values unknown until deployment \(--unknowns fail makes them violations\)$/m);
        const section = text.slice(text.indexOf("Checks deferred"), text.indexOf("Policies with findings"));
        assert.match(section, /\n {2}kubernetes:apps\/v1:Deployment web {2}\S*preview\.json:1: \d+ checks:/);
        for (const d of report.resources[0].deferred) assert.ok(section.includes(d.policy), d.policy);
        assert.match(text, new RegExp(`; ${report.summary.deferred} checks deferred on unknown values in 1 resource\\n$`));
        const failing = (await aksGuardInProcess(["check", "--unknowns", "fail", file])).stdout;
        assert.doesNotMatch(failing, /Checks deferred/);
        assert.match(failing, /\[mandatory\] k8s-no-host-namespaces .*\n\s+not judged: /);
    }));

    it("the SARIF run counts them, and --unknowns fail gives them as results", () => withTempAsync(async dir => {
        const file = previewWithUnknowns(dir);
        const { report } = await checkJsonInProcess([file]);
        const sarif = JSON.parse((await aksGuardInProcess(["check", "--format", "sarif", file])).stdout);
        assert.strictEqual(sarif.runs[0].properties.deferred, report.summary.deferred);
        const failing = JSON.parse((await aksGuardInProcess(["check", "--format", "sarif", "--unknowns", "fail", file])).stdout);
        assert.strictEqual(failing.runs[0].results.length - sarif.runs[0].results.length, report.summary.deferred);
    }));

    it("--engine says the same, byte for byte (the deferred checks and, under fail, their violations)", () => withTempAsync(async dir => {
        const file = previewWithUnknowns(dir);
        const a = await aksGuardInProcess(["check", "--format", "json", "--unknowns", "fail", file]);
        const b = await aksGuardInProcess(["check", "--engine", "--format", "json", "--unknowns", "fail", file]);
        assert.ok(JSON.parse(a.stdout).summary.deferred > 0);
        assert.deepStrictEqual(a, b);
    }));

    it("an ARM expression that cannot be evaluated from the template defers the checks that read it", () => withTempAsync(async dir => {
        const template = {
            $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
            contentVersion: "1.0.0.0",
            parameters: { rbac: { type: "bool" } },
            resources: [{
                type: "Microsoft.ContainerService/managedClusters", apiVersion: "2024-02-01", name: "aks", location: "westeurope",
                properties: { enableRBAC: "[parameters('rbac')]", dnsPrefix: "aks" },
            }],
        };
        const file = path.join(dir, "template.json");
        fs.writeFileSync(file, JSON.stringify(template));
        const { report } = await checkJsonInProcess([file]);
        const deferred = report.resources[0].deferred;
        assert.ok(deferred.some((d: any) => d.policy === "aks-rbac-enabled" && /enableRBAC is unknown/.test(d.reason)), JSON.stringify(deferred));
        const failing = await checkJsonInProcess(["--unknowns", "fail", file]);
        assert.strictEqual(failing.status, 1);
        assert.ok(failing.report.diagnostics.some((d: any) => d.policy === "aks-rbac-enabled" && d.message.startsWith("not judged: ")));
    }));

    it("--unknowns takes defer or fail", () => {
        const r = aksGuard(["check", "--unknowns", "maybe", fixture("k8s", "hardened.yaml")]);
        assert.strictEqual(r.status, 2);
        assert.match(r.stderr, /--unknowns is defer or fail, not "maybe"/);
    });
});

describe("a literal equal to the unknown sentinel beside inputs with unknown values", function () {
    this.timeout(120000);
    const manifest = `apiVersion: v1\nkind: Pod\nmetadata: { name: p, namespace: "${UNKNOWN_STRING}" }\nspec:\n  containers: [{ name: app, image: nginx, securityContext: { privileged: true } }]\n`;

    it("is refused (exit 2, naming both inputs): in one preview run it would read as unknown", () => withTempAsync(async dir => {
        const yaml = path.join(dir, "pod.yaml");
        fs.writeFileSync(yaml, manifest);
        const mixed = await aksGuardInProcess(["check", yaml, previewWithUnknowns(dir)]);
        assert.strictEqual(mixed.status, 2);
        assert.match(mixed.stderr, /pod\.yaml:1: holds the string 04da6b54-80e4-46f7-96ec-b56ff0331ba9, which the Pulumi engine sends for values unknown during preview; checked together with \S*preview\.json:\d+, whose values are unknown until deployment/);
        assert.strictEqual(mixed.stdout, "");
    }));

    it("is judged as data on its own, and the preview alone is checked as before", () => withTempAsync(async dir => {
        const yaml = path.join(dir, "pod.yaml");
        fs.writeFileSync(yaml, manifest);
        const alone = await checkJsonInProcess(["--policy", "k8s-no-privileged-containers", yaml]);
        assert.strictEqual(alone.status, 1);
        assert.deepStrictEqual(alone.report.diagnostics.map((d: any) => d.policy), ["k8s-no-privileged-containers"]);
        assert.strictEqual((await checkJsonInProcess([previewWithUnknowns(dir)])).report.summary.resources, 1);
    }));
});
