// `aks-guard check --engine` as a user runs it (the built binary, a process per run) on a `pulumi stack
// export` of 10,000 mixed resources, and on one resource; each against the pack's own start-up
// (run-policy-pack until GetAnalyzerInfo answers) measured in the same run. Peak memory of the
// command and of the pack process it starts, sampled from /proc while it runs.
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { CLI_BIN, PACK_DIR, PackProcess } from "../harness";
import { BenchRow, median } from "./report";
import { mixedResources } from "./resources";


/** A stack export holding the resources (with the stack resource the CLI skips). */
export function stackExport(count: number): string {
    const urn = (type: string, name: string) => `urn:pulumi:bench::aks-guard-bench::${type}::${name}`;
    const stack = urn("pulumi:pulumi:Stack", "aks-guard-bench-bench");
    const resources = [{ urn: stack, custom: false, type: "pulumi:pulumi:Stack" }, ...mixedResources(count).map(r => ({
        urn: urn(r.type, r.name), custom: true, id: r.name, type: r.type, inputs: r.props, parent: stack,
    }))];
    return JSON.stringify({ version: 3, deployment: { manifest: { time: new Date(0).toISOString(), magic: "", version: "v3" }, resources } });
}

function hwmKB(pid: number): number {
    try {
        return Number(/VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
    } catch {
        return 0;
    }
}

function childrenOf(pid: number): number[] {
    try {
        return fs.readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
    } catch {
        return [];
    }
}

/**
 * One `aks-guard check --format json ARGS` run: wall time, and peak resident memory of the command
 * and of a pack process it starts. Exit 2 (refused) is a failure unless `refusalExpected`.
 */
export async function runCheck(args: string[], opts: { refusalExpected?: boolean } = {}): Promise<{ ms: number; cliMB: number; packMB: number; status: number | null; stderr: string }> {
    const t0 = process.hrtime.bigint();
    const child = spawn(process.execPath, [CLI_BIN, "check", "--format", "json", ...args], { stdio: ["ignore", "ignore", "pipe"] });
    let cli = 0, pack = 0, err = "";
    child.stderr!.on("data", d => { err += d; });
    const timer = setInterval(() => {
        cli = Math.max(cli, hwmKB(child.pid!));
        for (const c of childrenOf(child.pid!)) pack = Math.max(pack, hwmKB(c));
    }, 20);
    const status = await new Promise<number | null>(resolve => child.once("exit", code => resolve(code)));
    clearInterval(timer);
    if (status === null || (status === 2 && !opts.refusalExpected)) throw new Error(`aks-guard check ${args.join(" ")} failed: ${err}`);
    return { ms: Number(process.hrtime.bigint() - t0) / 1e6, cliMB: cli / 1024, packMB: pack / 1024, status, stderr: err };
}

/** One `aks-guard check --engine` run on `file` (the pack as a separate process). */
export function checkOnce(file: string, extra: string[] = []) {
    return runCheck(["--engine", ...extra, file]);
}

async function startupOnce(): Promise<number> {
    const t0 = process.hrtime.bigint();
    const pack = await PackProcess.start(PACK_DIR);
    await pack.getAnalyzerInfo();
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    await pack.close();
    return ms;
}

export async function cliBench(count = 10000, rounds = 1): Promise<BenchRow[]> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aks-guard-bench-cli-"));
    try {
        const big = path.join(dir, "stack.json"), one = path.join(dir, "one.json");
        fs.writeFileSync(big, stackExport(count));
        fs.writeFileSync(one, stackExport(1));
        await startupOnce(); // warm the file cache
        const starts: number[] = [], ones: number[] = [];
        for (let i = 0; i < 5; i++) {
            starts.push(await startupOnce());
            ones.push((await checkOnce(one)).ms);
        }
        const bigRuns = [];
        for (let i = 0; i < rounds; i++) bigRuns.push(await checkOnce(big));
        const start = median(starts), ms = median(bigRuns.map(r => r.ms));
        return [
            { name: "pack start-up (run-policy-pack to GetAnalyzerInfo)", value: start, unit: "ms" },
            { name: "aks-guard check: 1 resource vs pack start-up", value: median(ones), unit: "ms", ratio: median(ones) / start },
            { name: `aks-guard check: ${count} resources (stack export) vs pack start-up`, value: ms, unit: "ms", ratio: ms / start },
            { name: `aks-guard check: ${count} resources, per resource`, value: (ms - start) / count, unit: "ms" },
            { name: `peak memory: aks-guard check command, ${count} resources`, value: Math.max(...bigRuns.map(r => r.cliMB)), unit: "MB" },
            { name: `peak memory: pack process, ${count} resources`, value: Math.max(...bigRuns.map(r => r.packMB)), unit: "MB" },
        ];
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}
