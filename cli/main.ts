#!/usr/bin/env node
// aks-guard: the pack's policies on files, without the Pulumi CLI. Reads every input first
// (nothing is reported if one is unreadable), then evaluates the policies in this process with
// @pulumi/policy's semantics (harness/inprocess.ts), or, with --engine, runs the pack as the
// engine does (harness Session: Handshake, ConfigureStack, GetAnalyzerInfo, Configure, Remediate +
// Analyze per resource, AnalyzeStack once). Both give the same report (docs/cli-engine.md).
// Exit 0: no mandatory violation; 1: mandatory violations; 2: bad usage, unreadable input or config.
import "./defer-sdk";
import { constants as bufferConstants } from "buffer";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseArgs } from "util";
import { ConfigError, readPackConfigJson } from "../harness/config";
import { PackFailure, UNKNOWN_STRING } from "../harness/protocol";
import { MANIFEST } from "../policies/lib/links";
import type { Session } from "../harness";
import type { InProcessSession, PackModules } from "../harness/inprocess";
import { Located, readInputs, STDIN } from "./inputs";
import { DEFAULT_LIMITS, IN_PROCESS_MAX_STRING_CHARS, IN_PROCESS_MAX_VALUES, InputError, Limits } from "./limits";
import { catalog, listText, typeEntries, typesText } from "./report/list";
import { safe } from "./report/escape";
import { jsonReport } from "./report/json";
import { buildReport } from "./report/model";
import { configNameOf, sarifReport } from "./report/sarif";
import { maskReport, secretMasker, secretTexts } from "./report/secrets";
import { textReport, useColour } from "./report/text";
import { policyNames, selectPolicies, UnknownPolicy } from "./select";

const USAGE = `Usage:
  aks-guard check [options] [PATH|-]...   judge manifests, stack exports, previews, AKS ARM JSON
  aks-guard list [--format text|json] [--config FILE]   the policy catalog
  aks-guard list --types [--format text|json] [--config FILE]
                                          every resource type the policies judge, by provider

PATH is a regular file or a folder (walked for .yaml, .yml and .json, symbolic links
followed; a file found there in no format below, such as package.json or values.yaml, and
Helm templates and kustomization.yaml, are skipped with a warning); - reads stdin
(e.g. helm template ./chart | aks-guard check -). FIFOs and devices are refused. Formats are detected per document:
Kubernetes YAML/JSON (multi-document, List), \`pulumi stack export\`, \`pulumi preview --json\`,
\`az aks show -o json\`, ARM templates.

Options:
  --config FILE         policy config, as for pulumi preview --policy-pack-config
  --engine              run the pack as a separate process over the Pulumi engine's
                        protocol (the reference; slower) instead of in this process
  --format FORMAT       text (default), json or sarif
  --policy NAME         run only this policy (repeatable); the exit code follows them
  --quiet               text: only the per-policy summary and the totals
  --max-file-size MB    largest input file (default ${DEFAULT_LIMITS.maxFileBytes / 1024 / 1024})
  --max-documents N     most objects in all inputs (default ${DEFAULT_LIMITS.maxDocuments})
  --max-values N        most property values in all inputs (default ${IN_PROCESS_MAX_VALUES}; ${DEFAULT_LIMITS.maxValues} with --engine)
  --max-depth N         deepest nesting in a document (default ${DEFAULT_LIMITS.maxDepth})
  --max-string-size MB  most text in all strings and keys of all inputs (default ${IN_PROCESS_MAX_STRING_CHARS / 1024 / 1024}; ${DEFAULT_LIMITS.maxStringChars / 1024 / 1024} with --engine)
  --namespace NS        objects that name no namespace are in NS (as kubectl apply -n NS)
  --allow-empty         no resources found is a pass, not an error
  --unknowns MODE       a check that waits for a value unknown until deployment (a preview,
                        an ARM expression): defer (default; counted in the report) or fail
                        (a violation of its policy, for CI on templates)
  --stdin-name NAME     the file name reports give what - reads (default <stdin>;
                        in SARIF, which needs a file, "stdin")
  -h, --help            this text
  --version             the version

Exit status: 0 no mandatory violation, 1 mandatory violations, 2 bad usage or unreadable input.
`;

class UsageError extends Error {}

const MAX_STRING_LENGTH = bufferConstants.MAX_STRING_LENGTH;

function positiveInt(name: string, v: string | undefined, fallback: number): number {
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isInteger(n) || n <= 0) throw new UsageError(`--${name} takes a positive whole number, not "${v}"`);
    return n;
}

/** The config file's raw JSON (none given: an empty config). */
const readConfig = (file: string | undefined): unknown => (file === undefined ? {} : readPackConfigJson(file));

/**
 * The pack's modules by static paths, so that the bundle (dist/cli/aks-guard.js, tools/bundle.ts)
 * carries them; unbundled, they are the very modules InProcessSession would load from dist/.
 */
function ownPack(): PackModules {
    /* eslint-disable @typescript-eslint/no-var-requires */
    return { pack: require("../policies/pack"), setDryRun: require("../policies/lib/values").setDryRun };
}

/** The policies' evaluator: in this process, or the pack process (--engine). */
type Evaluator = Session | InProcessSession;

/** The session being started or run, so that a signal can stop its pack process. */
let active: Promise<Evaluator> | undefined;
/** The exit status a signal asked for (128 + its number), once one arrived. */
let signalled: number | undefined;

/** Starts the evaluator, runs `fn` with it and closes it, reachable from the signal handlers meanwhile. */
async function withSession<T>(engine: boolean, config: unknown, source: string | undefined, fn: (s: Evaluator) => Promise<T>, dryRun = true): Promise<T> {
    const started: Promise<Evaluator> = engine
        ? import("../harness").then(m => m.Session.start(config, { strictConfig: true, dryRun }, source))
        : import("../harness/inprocess").then(m => m.InProcessSession.start(config, { strictConfig: true, dryRun, modules: ownPack() }, source));
    active = started;
    const session = await started;
    try {
        return await fn(session);
    } catch (e) {
        // A crashed pack shows as a bare gRPC error: what it wrote to stderr says why. In process, a
        // policy's exception is reported the same way.
        throw e instanceof InputError || e instanceof ConfigError || e instanceof PackFailure ? e : new PackFailure(e, session.errorOutput);
    } finally {
        active = undefined;
        await session.close();
    }
}

function onSignal(name: NodeJS.Signals): void {
    const code = 128 + (os.constants.signals[name] ?? 0);
    if (signalled !== undefined) process.exit(code); // a second signal: no more waiting
    signalled = code;
    const a = active;
    // Bounded: close() itself escalates to SIGKILL after 5 s.
    setTimeout(() => process.exit(code), 10000).unref();
    (a ? a.then(s => s.close(), () => undefined) : Promise.resolve()).finally(() => process.exit(code));
}

/** Where a run of the command reads and writes: the process's streams, or a test's (runCli). */
export interface CliIO {
    stdout: NodeJS.WritableStream & { isTTY?: boolean };
    stderr: NodeJS.WritableStream;
    /** What `-` reads. */
    stdin?: NodeJS.ReadableStream;
}

function writer(io: CliIO): (s: string) => Promise<void> {
    return s => new Promise(resolve => (io.stdout.write(s) ? resolve() : io.stdout.once("drain", resolve)));
}

/** The bounds of a `check` run: the flags given, else the defaults (the value bound depends on --engine). */
export function limitsOf(values: Record<string, any>): Limits {
    return {
        maxFileBytes: positiveInt("max-file-size", values["max-file-size"], DEFAULT_LIMITS.maxFileBytes / 1024 / 1024) * 1024 * 1024,
        maxDocuments: positiveInt("max-documents", values["max-documents"], DEFAULT_LIMITS.maxDocuments),
        maxValues: positiveInt("max-values", values["max-values"], values.engine === true ? DEFAULT_LIMITS.maxValues : IN_PROCESS_MAX_VALUES),
        maxDepth: positiveInt("max-depth", values["max-depth"], DEFAULT_LIMITS.maxDepth),
        maxStringChars: positiveInt("max-string-size", values["max-string-size"],
            (values.engine === true ? DEFAULT_LIMITS.maxStringChars : IN_PROCESS_MAX_STRING_CHARS) / 1024 / 1024) * 1024 * 1024,
    };
}

async function check(positionals: string[], values: Record<string, any>, io: CliIO): Promise<number> {
    const write = writer(io);
    const format = values.format ?? "text";
    if (!["text", "json", "sarif"].includes(format)) throw new UsageError(`--format is text, json or sarif, not "${format}"`);
    if (positionals.length === 0) throw new UsageError("check needs at least one PATH (or - for stdin)");
    if (values["stdin-name"] !== undefined && values["stdin-name"].trim() === "") throw new UsageError("--stdin-name takes a file name, not an empty string");
    if (values.quiet && format !== "text") throw new UsageError(`--quiet is for --format text (json and sarif are for tools)`);
    const limits = limitsOf(values);
    const unknowns = values.unknowns ?? "defer";
    if (unknowns !== "defer" && unknowns !== "fail") throw new UsageError(`--unknowns is defer or fail, not "${unknowns}"`);
    const wanted: string[] = values.policy ?? [];
    let config = readConfig(values.config);
    if (wanted.length) {
        try {
            config = selectPolicies(config, wanted, policyNames());
        } catch (e) {
            throw e instanceof UnknownPolicy ? new UsageError(e.message) : e;
        }
    }
    const inputWarnings: string[] = [];
    const namespace: string | undefined = values.namespace;
    if (namespace !== undefined && !/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(namespace)) {
        throw new UsageError(`--namespace takes a Kubernetes namespace name (lowercase letters, digits and -, at most 63), not "${namespace}"`);
    }
    const skipped: string[] = [];
    const inputs = await readInputs(positionals, limits, inputWarnings, { namespace, skipped, stdin: io.stdin });
    // Secret names, namespaces and keys are printed [secret], wherever the pack repeats them.
    const mask = secretMasker(secretTexts(inputs));
    for (const w of inputWarnings) io.stderr.write(`aks-guard: warning: ${safe(mask(w))}\n`);
    const stdinName = values["stdin-name"];
    if (stdinName !== undefined) for (const r of inputs) if (r.file === STDIN) r.file = stdinName;
    if (inputs.length === 0 && !values["allow-empty"]) {
        throw new InputError(`no resources found in ${positionals.join(", ")} (nothing to check; --allow-empty makes this a pass)`);
    }
    // A preview only when a reader left values unknown: a literal in a file is data, even the sentinel.
    const dryRun = inputs.some(r => r.unknowns === true);
    if (dryRun) refuseLiteralSentinels(inputs);
    const run = await withSession(values.engine === true, config, values.config, s => s.run(inputs), dryRun);
    const report = buildReport(run, inputs, unknowns);
    report.skipped = skipped;
    for (const name of wanted) if (run.config[name]?.enforcementLevel === "disabled") report.warnings.push(`--policy ${name}: the config disables it, so it did not run`);
    maskReport(report, mask);
    for (const w of report.warnings) if (format !== "text" || values.quiet) io.stderr.write(`aks-guard: warning: ${safe(w)}\n`);
    report.warnings.unshift(...inputWarnings.map(mask)); // already on stderr
    const levels = Object.fromEntries(Object.entries(run.config).map(([k, v]) => [k, v.enforcementLevel]));
    const warn = (w: string) => io.stderr.write(`aks-guard: warning: ${safe(w)}\n`);
    let out: string;
    try {
        out = format === "json" ? jsonReport(report)
            : format === "sarif" ? sarifReport(report, levels, { configName: configNameOf(values.config), warn })
            : textReport(report, useColour(io.stdout as NodeJS.WriteStream), { quiet: values.quiet });
    } catch (e) {
        // A report longer than the longest string the runtime builds: an error naming the bound, never a stack trace.
        if (!(e instanceof RangeError)) throw e;
        throw new InputError(`the ${format} report would be longer than ${Math.floor(MAX_STRING_LENGTH / 1024 / 1024)} M characters, the longest text this runtime builds; ` +
            "check the inputs in parts, or with --format text, which shortens long names");
    }
    await write(out);
    return report.counts.mandatory > 0 ? 1 : 0;
}

/**
 * In a preview run (some input has values unknown until deployment), the engine's unknown sentinel
 * means unknown wherever it stands, so a literal equal to it in another input (a manifest, a stack
 * export) would be read as unknown and deferred, not judged as the data it is: refused, naming both
 * inputs. Checked apart, each is judged as it should be.
 */
function refuseLiteralSentinels(inputs: readonly Located[]): void {
    const literal = inputs.find(r => r.unknowns !== true && (holdsString(r.props, UNKNOWN_STRING) || holdsString(r.provider?.props, UNKNOWN_STRING)));
    if (!literal) return;
    const other = inputs.find(r => r.unknowns === true)!;
    const at = (r: Located) => `${r.file}${r.line ? `:${r.line}` : ""}`;
    throw new InputError(`${at(literal)}: holds the string ${UNKNOWN_STRING}, which the Pulumi engine sends for values unknown during preview; ` +
        `checked together with ${at(other)}, whose values are unknown until deployment, it would read as unknown too, not as the data it is. ` +
        "Check the two in separate runs");
}

/** True when `v` holds the string `s` as a value anywhere (walked without recursion). */
function holdsString(v: unknown, s: string): boolean {
    const todo: unknown[] = [v];
    while (todo.length) {
        const x = todo.pop();
        if (x === s) return true;
        if (x !== null && typeof x === "object") for (const child of Array.isArray(x) ? x : Object.values(x)) todo.push(child);
    }
    return false;
}

async function list(positionals: string[], values: Record<string, any>, io: CliIO): Promise<number> {
    const write = writer(io);
    const format = values.format ?? "text";
    if (!["text", "json"].includes(format)) throw new UsageError(`list --format is text or json, not "${format}"`);
    if (positionals.length) throw new UsageError(`list takes no arguments`);
    await withSession(values.engine === true, readConfig(values.config), values.config, async session => {
        const entries = catalog(session.info.policies, session.config);
        if (values.types) {
            // The declared types live on the policy objects (GetAnalyzerInfo has no such field).
            const [{ policies }, { judgedTypes }] = await Promise.all([import("../policies/catalog"), import("../policies/lib/policy")]);
            const enabled = new Set(entries.filter(e => e.level !== "disabled").map(e => e.name));
            const types = typeEntries(policies.filter(p => enabled.has(p.name)).map(p => ({ name: p.name, types: judgedTypes(p) })));
            await write(format === "json" ? JSON.stringify({ version: 1, pack: { name: session.info.name, version: session.info.version }, types }, null, 2) + "\n" : typesText(types));
            return;
        }
        await write(format === "json" ? JSON.stringify({ version: 1, pack: { name: session.info.name, version: session.info.version }, policies: entries }, null, 2) + "\n" : listText(entries));
    });
    return 0;
}

async function main(argv: string[], io: CliIO): Promise<number> {
    const write = writer(io);
    let parsed;
    try {
        parsed = parseArgs({
            args: argv,
            allowPositionals: true,
            strict: true,
            options: {
                config: { type: "string" },
                engine: { type: "boolean" },
                format: { type: "string" },
                "max-file-size": { type: "string" },
                "max-documents": { type: "string" },
                "max-depth": { type: "string" },
                "max-values": { type: "string" },
                "max-string-size": { type: "string" },
                namespace: { type: "string" },
                "allow-empty": { type: "boolean" },
                unknowns: { type: "string" },
                "stdin-name": { type: "string" },
                policy: { type: "string", multiple: true },
                quiet: { type: "boolean" },
                types: { type: "boolean" },
                help: { type: "boolean", short: "h" },
                version: { type: "boolean" },
            },
        });
    } catch (e: any) {
        throw new UsageError(e.message.split(". To specify")[0]);
    }
    const { values, positionals } = parsed;
    if (values.help) { await write(USAGE); return 0; }
    if (values.version) {
        await write(MANIFEST.version + "\n");
        return 0;
    }
    const [command, ...rest] = positionals;
    if (command === "check") return check(rest, values, io);
    if (command === "list") return list(rest, values, io);
    throw new UsageError(command ? `unknown command "${command}"` : "a command is needed");
}

/**
 * One run of the command: `argv` (without node and the script), its streams; resolves to the exit
 * status. What the installed `bin` does, minus the process: no signal handlers, no exit. Tests call
 * it in process (test/support/cli.ts aksGuardInProcess); relative paths are taken from process.cwd().
 */
export async function runCli(argv: string[], io: CliIO = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
    try {
        return await main(argv, io);
    } catch (e: any) {
        if (signalled !== undefined) return signalled; // stopping: the signal handler sets the status
        if (e instanceof UsageError) io.stderr.write(`aks-guard: ${e.message}\n\n${USAGE}`);
        else if (e instanceof InputError) io.stderr.write(`aks-guard: ${safe(e.message)}\n`);
        else if (e instanceof ConfigError || e instanceof PackFailure) io.stderr.write(`aks-guard: ${e.message}\n`);
        else io.stderr.write(`aks-guard: ${e?.stack ?? e}\n`);
        return 2;
    }
}

if (require.main === module) {
    for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(sig, () => onSignal(sig));
    process.stdout.on("error", e => { if ((e as NodeJS.ErrnoException).code === "EPIPE") process.exit(process.exitCode ?? 0); });
    runCli(process.argv.slice(2)).then(code => { if (signalled === undefined) process.exitCode = code; });
}
