// The README's CI recipes (GitHub Actions, Azure DevOps) as far as a test can check them: the YAML
// parses, the steps that publish the SARIF read the file the check writes and run when the check
// fails, and every aks-guard command line in them parses and runs with the flags it uses.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { PACK_DIR } from "../../harness";
import { aksGuard, fixture } from "../support/cli";

/** The README's "In CI" section: its yaml code blocks. */
function recipes(): { github: any; azure: any } {
    const readme = fs.readFileSync(path.join(PACK_DIR, "README.md"), "utf8");
    const start = readme.indexOf("\n### In CI\n");
    assert.ok(start >= 0, "the README has an \"In CI\" section");
    const end = readme.indexOf("\n## ", start + 1);
    const blocks = [...readme.slice(start, end < 0 ? undefined : end).matchAll(/```yaml\n([\s\S]*?)```/g)].map(m => parse(m[1]));
    const github = blocks.find(b => b?.jobs);
    const azure = blocks.find(b => Array.isArray(b?.steps));
    assert.ok(github && azure, "a GitHub Actions workflow and an Azure DevOps pipeline");
    return { github, azure };
}

/** The `aks-guard check ...` command lines of a script, as argument lists, with their stdout redirect. */
function checkCommands(script: string): { args: string[]; out?: string }[] {
    return script.split("\n").filter(l => /\baks-guard check\b/.test(l)).map(line => {
        const [command, redirect] = line.replace(/\s+(\|\||#).*$/, "").split(/\s>\s/);
        const words = command.trim().split(/\s+/);
        return { args: words.slice(words.indexOf("check") + 1), out: redirect?.trim().replace(/^"|"$/g, "") };
    });
}

/** The options `aks-guard --help` documents, and whether each takes a value. */
function documentedOptions(): Map<string, boolean> {
    const help = aksGuard(["--help"]).stdout;
    return new Map([...help.matchAll(/^ {2}(?:-\w, )?(--[a-z-]+)( [A-Z]+)?/gm)].map(m => [m[1], m[2] !== undefined]));
}

/** Runs a recipe's command line on a fixture in place of the recipe's own paths. */
function runRecipe(args: string[], options: Map<string, boolean>) {
    const flags: string[] = [];
    for (let i = 0; i < args.length; i++) {
        if (!args[i].startsWith("--")) continue; // a path of the user's repository
        assert.ok(options.has(args[i]), `${args[i]} is an option of aks-guard check`);
        flags.push(args[i]);
        if (options.get(args[i])) flags.push(args[++i]);
    }
    // The recipes read the config from the installed package (node_modules/aks-guard/...): run it from this checkout.
    for (const [i, f] of flags.entries()) {
        if (f !== "--config") continue;
        const inPackage = flags[i + 1].replace(/^node_modules\/aks-guard\//, "");
        assert.ok(fs.existsSync(path.join(PACK_DIR, inPackage)), `${flags[i + 1]} ships with the pack`);
        flags[i + 1] = inPackage;
    }
    return aksGuard(["check", ...flags, fixture("k8s", "insecure.yaml")]);
}

describe("README: the CI recipes", function () {
    this.timeout(300000);
    const options = documentedOptions();

    it("GitHub Actions: checks, then uploads the SARIF it wrote with upload-sarif, also when the check fails", () => {
        const { github } = recipes();
        const job: any = Object.values(github.jobs)[0];
        assert.strictEqual(job.permissions["security-events"], "write");
        const steps: any[] = job.steps;
        const check = steps.find(s => typeof s.run === "string" && /aks-guard check/.test(s.run));
        const upload = steps.find(s => /^github\/codeql-action\/upload-sarif@v\d+$/.test(s.uses ?? ""));
        assert.ok(check && upload);
        assert.ok(steps.indexOf(upload) > steps.indexOf(check));
        assert.strictEqual(upload.if, "always()");
        const commands = checkCommands(check.run);
        const sarifRun = commands.find(c => c.args.includes("sarif"));
        assert.strictEqual(sarifRun?.out, upload.with.sarif_file);
        for (const c of commands) {
            const r = runRecipe(c.args, options);
            assert.strictEqual(r.status, 1, r.stderr);
            if (c === sarifRun) assert.strictEqual(JSON.parse(r.stdout).runs[0].automationDetails.id, "aks-guard/deny/");
            else assert.match(r.stdout, /^Summary by policy\n/);
        }
    });

    it("Azure DevOps: checks, then publishes the SARIF folder as CodeAnalysisLogs, also when the check fails", () => {
        const { azure } = recipes();
        const steps: any[] = azure.steps;
        const check = steps.find(s => typeof s.script === "string" && /aks-guard check/.test(s.script));
        const artifact = steps.find(s => s.task === "PublishBuildArtifacts@1");
        const advanced = steps.find(s => s.task === "AdvancedSecurity-Publish@1");
        assert.ok(check && artifact && advanced);
        assert.strictEqual(artifact.inputs.ArtifactName, "CodeAnalysisLogs");
        for (const s of [artifact, advanced]) {
            assert.ok(steps.indexOf(s) > steps.indexOf(check));
            assert.strictEqual(s.condition, "succeededOrFailed()");
        }
        const commands = checkCommands(check.script);
        const sarifRun = commands.find(c => c.args.includes("sarif"));
        assert.ok(sarifRun?.out);
        assert.strictEqual(path.posix.dirname(sarifRun!.out!), artifact.inputs.PathtoPublish);
        assert.strictEqual(advanced.inputs.SarifsInputDirectory, artifact.inputs.PathtoPublish);
        for (const c of commands) {
            const r = runRecipe(c.args, options);
            assert.strictEqual(r.status, 1, r.stderr);
            if (c === sarifRun) assert.strictEqual(JSON.parse(r.stdout).version, "2.1.0");
        }
    });
});
