// Runs the built command line as a process, the way a user or CI does (aksGuard, aksGuardShared,
// checkJson, checkJsonShared), or in this process through its entry, runCli (the *InProcess
// helpers: the same argv, streams and exit status without a process start; for what needs no
// signal, no environment and no installed bin).
import { spawnSync } from "child_process";
import { PassThrough, Writable } from "stream";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { CLI_BIN, PACK_DIR } from "../../harness";

/** The installed command: package.json's `bin`, the one-file bundle (tools/bundle.ts). */
export const BIN = CLI_BIN;
/** The command's modules (cli/main.ts), which the bundle is built from: the *InProcess helpers run them. */
export const CLI_MODULE = path.join(PACK_DIR, "dist", "cli", "main.js");
/** Fixtures are read from the source tree, relative to the package root (the processes' cwd). */
export const FIXTURES = path.join("test", "cli", "fixtures");
export const fixture = (...p: string[]) => path.join(FIXTURES, ...p);

export interface Ran { status: number | null; stdout: string; stderr: string }

export function aksGuard(args: string[], opts: { input?: string | Buffer; env?: NodeJS.ProcessEnv } = {}): Ran {
    const r = spawnSync(process.execPath, [BIN, ...args], {
        cwd: PACK_DIR, input: opts.input, encoding: "utf8", maxBuffer: 512 * 1024 * 1024,
        env: { ...process.env, ...opts.env },
    });
    // EPIPE: the command refused its input before reading all of it (a size bound), which is fine.
    if (r.error && (r.error as NodeJS.ErrnoException).code !== "EPIPE") throw r.error;
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const sharedRuns = new Map<string, Ran>();

/**
 * `aks-guard` on read-only inputs (fixtures named by path; no stdin, no env), run once per argument
 * list and shared by every test that runs the same command: each `check` starts a pack process,
 * which dominates the time of the CLI tests.
 */
export function aksGuardShared(args: string[]): Ran {
    const key = JSON.stringify(args);
    let r = sharedRuns.get(key);
    if (!r) sharedRuns.set(key, r = aksGuard(args));
    return r;
}

/** `check --format json` on read-only inputs, shared like aksGuardShared (the report is parsed afresh for each caller). */
export function checkJsonShared(args: string[]): { status: number | null; report: any; stderr: string } {
    const r = aksGuardShared(["check", "--format", "json", ...args]);
    return { status: r.status, report: r.stdout ? JSON.parse(r.stdout) : undefined, stderr: r.stderr };
}

/** `check --format json`, parsed. */
export function checkJson(args: string[], input?: string): { status: number | null; report: any; stderr: string } {
    const r = aksGuard(["check", "--format", "json", ...args], { input });
    return { status: r.status, report: r.stdout ? JSON.parse(r.stdout) : undefined, stderr: r.stderr };
}

/** A stream that keeps what is written to it. */
function collector(): Writable & { text(): string } {
    const chunks: Buffer[] = [];
    const w = new Writable({ write(chunk, _enc, cb) { chunks.push(Buffer.from(chunk)); cb(); } }) as Writable & { text(): string };
    w.text = () => Buffer.concat(chunks).toString("utf8");
    return w;
}

/**
 * `aks-guard ARGS` in this process (cli/main.ts runCli), from the package root as the processes
 * run (or `cwd`, relative to it); `input` is what `-` reads. Same status, stdout and stderr as aksGuard.
 */
export async function aksGuardInProcess(args: string[], opts: { input?: string | Buffer; cwd?: string } = {}): Promise<Ran> {
    const { runCli } = require(CLI_MODULE) as typeof import("../../cli/main");
    const stdout = collector(), stderr = collector();
    let stdin: PassThrough | undefined;
    if (opts.input !== undefined) {
        stdin = new PassThrough();
        stdin.end(opts.input);
    }
    const cwd = process.cwd(), dir = path.resolve(PACK_DIR, opts.cwd ?? ".");
    if (cwd !== dir) process.chdir(dir);
    try {
        const status = await runCli(args, { stdout, stderr, stdin });
        return { status, stdout: stdout.text(), stderr: stderr.text() };
    } finally {
        if (cwd !== dir) process.chdir(cwd);
    }
}

const sharedInProcess = new Map<string, Promise<Ran>>();

/** aksGuardShared in process: one run per argument list on read-only inputs. */
export function aksGuardSharedInProcess(args: string[]): Promise<Ran> {
    const key = JSON.stringify(args);
    let r = sharedInProcess.get(key);
    if (!r) sharedInProcess.set(key, r = aksGuardInProcess(args));
    return r;
}

/** checkJson in process. */
export async function checkJsonInProcess(args: string[], input?: string): Promise<{ status: number | null; report: any; stderr: string }> {
    const r = await aksGuardInProcess(["check", "--format", "json", ...args], { input });
    return { status: r.status, report: r.stdout ? JSON.parse(r.stdout) : undefined, stderr: r.stderr };
}

/** checkJsonShared in process. */
export async function checkJsonSharedInProcess(args: string[]): Promise<{ status: number | null; report: any; stderr: string }> {
    const r = await aksGuardSharedInProcess(["check", "--format", "json", ...args]);
    return { status: r.status, report: r.stdout ? JSON.parse(r.stdout) : undefined, stderr: r.stderr };
}

/**
 * Resolves once process `pid` catches `signal` (Linux: the SigCgt mask of /proc/PID/status): what a
 * signal test waits for instead of a fixed delay. Node itself catches SIGINT and SIGTERM from its
 * start, so wait for SIGHUP, which only the command's handlers (installed with its SIGTERM and
 * SIGINT handlers) catch. Rejects if that does not happen within `boundMs` (generous) or the process ends.
 */
export async function caughtSignal(pid: number, signal: NodeJS.Signals, boundMs = 120000): Promise<void> {
    const bit = 1n << BigInt(os.constants.signals[signal] - 1);
    const t0 = Date.now();
    for (;;) {
        let status: string;
        try {
            status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
        } catch {
            throw new Error(`process ${pid} ended before it caught ${signal}`);
        }
        const mask = /SigCgt:\s*([0-9a-f]+)/.exec(status)?.[1];
        if (mask && (BigInt("0x" + mask) & bit) !== 0n) return;
        if (Date.now() - t0 > boundMs) throw new Error(`process ${pid} did not catch ${signal} within ${boundMs} ms`);
        await new Promise(resolve => setTimeout(resolve, 10));
    }
}

/** A temp folder removed after the callback. */
export function withTemp<T>(fn: (dir: string) => T): T {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aks-guard-cli-"));
    try {
        return fn(dir);
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

/** Config that leaves only the two model policies on, so that hardened fixtures pass whatever else the catalog holds. */
export const ONLY_MODEL_POLICIES = path.join("test", "cli", "config", "only-model-policies.json");
export const MODEL_POLICIES = ["k8s-no-privileged-containers", "k8s-run-as-non-root"];

/** The policy names of the pack's catalog, as `aks-guard list` reports them. */
let names: string[] | undefined;
export function catalogNames(): string[] {
    names ??= JSON.parse(aksGuardShared(["list", "--format", "json"]).stdout).policies.map((p: { name: string }) => p.name);
    return names!;
}

/** catalogNames, through `aks-guard list` in process. */
export async function catalogNamesInProcess(): Promise<string[]> {
    names ??= JSON.parse((await aksGuardSharedInProcess(["list", "--format", "json"])).stdout).policies.map((p: { name: string }) => p.name);
    return names!;
}

export async function withTempAsync<T>(fn: (dir: string) => Promise<T>): Promise<T> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aks-guard-cli-"));
    try {
        return await fn(dir);
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}
