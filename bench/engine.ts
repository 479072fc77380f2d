// `aks-guard check` in process (the default) against `aks-guard check --engine` (the pack over
// the analyzer gRPC protocol), each run as a user runs it (the built binary, one process per run):
// 10,000 mixed objects (a stack export), one resource, and 10 CRDs of about 200 KB plus one
// Deployment against the Deployment alone. Peak memory is the resident high-water mark of the
// command and of every process it starts. AKS_GUARD_BENCH_COUNT lowers the 10,000 on a slow machine.
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { stringify } from "yaml";
import { PACK_DIR } from "../harness";
import { BenchRow, median } from "./report";
import { crd, mixedResources } from "./resources";

const BIN = path.join(PACK_DIR, "dist", "cli", "main.js");

function stackExport(count: number): string {
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

interface Run { ms: number; cliMB: number; packMB: number }

/** One `aks-guard check --format json` run: wall time, peak memory of the command and of the pack process it may start. */
async function check(args: string[]): Promise<Run> {
    const t0 = process.hrtime.bigint();
    const child = spawn(process.execPath, [BIN, "check", "--format", "json", ...args], { stdio: ["ignore", "ignore", "pipe"] });
    let cli = 0, pack = 0, err = "";
    child.stderr!.on("data", d => { err += d; });
    const timer = setInterval(() => {
        cli = Math.max(cli, hwmKB(child.pid!));
        for (const c of childrenOf(child.pid!)) pack = Math.max(pack, hwmKB(c));
    }, 20);
    const status = await new Promise<number | null>(resolve => child.once("exit", code => resolve(code)));
    clearInterval(timer);
    if (status === 2 || status === null) throw new Error(`aks-guard check ${args.join(" ")} failed: ${err}`);
    return { ms: Number(process.hrtime.bigint() - t0) / 1e6, cliMB: cli / 1024, packMB: pack / 1024 };
}

async function medianOf(n: number, args: string[]): Promise<number> {
    const ms: number[] = [];
    for (let i = 0; i < n; i++) ms.push((await check(args)).ms);
    return median(ms);
}

export async function engineBench(count = Number(process.env.AKS_GUARD_BENCH_COUNT ?? 10000)): Promise<BenchRow[]> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aks-guard-bench-engine-"));
    try {
        const big = path.join(dir, "stack.json"), one = path.join(dir, "one.json");
        fs.writeFileSync(big, stackExport(count));
        fs.writeFileSync(one, stackExport(1));
        const deployment = { ...mixedResources(1)[0].props, apiVersion: "apps/v1" };
        // About 200 KB of YAML each (a CRD's JSON is smaller than its YAML).
        const crds = Array.from({ length: 10 }, (_, i) => crd(i, 120).props);
        const alone = path.join(dir, "deployment.yaml"), withCrds = path.join(dir, "operator.yaml");
        fs.writeFileSync(alone, stringify(deployment));
        fs.writeFileSync(withCrds, [...crds, deployment].map(d => stringify(d)).join("---\n"));
        const crdKB = fs.statSync(withCrds).size / 1024;
        // The same objects as JSON (`kubectl get -o json` style), which reads without the YAML parser's cost.
        const aloneJson = path.join(dir, "deployment.json"), withCrdsJson = path.join(dir, "operator.json");
        fs.writeFileSync(aloneJson, JSON.stringify({ apiVersion: "v1", kind: "List", items: [deployment] }));
        fs.writeFileSync(withCrdsJson, JSON.stringify({ apiVersion: "v1", kind: "List", items: [...crds, deployment] }));

        await check([one]); // warm the file cache
        await check(["--engine", one]);
        const oneIn = await medianOf(5, [one]), oneEngine = await medianOf(5, ["--engine", one]);
        const aloneMs = await medianOf(5, [alone]), crdMs = await medianOf(5, [withCrds]);
        const aloneJsonMs = await medianOf(5, [aloneJson]), crdJsonMs = await medianOf(5, [withCrdsJson]);
        const crdEngine = await medianOf(1, ["--engine", withCrds]);
        const bigIn = await check([big]), bigEngine = await check(["--engine", big]);
        return [
            { name: "machine: cores", value: os.cpus().length, unit: "" },
            { name: `check --engine: ${count} mixed objects`, value: bigEngine.ms, unit: "ms" },
            { name: `check (in process): ${count} mixed objects vs --engine`, value: bigIn.ms, unit: "ms", ratio: bigIn.ms / bigEngine.ms, target: 0.25 },
            { name: `peak memory: check (in process), ${count} mixed objects vs the 700 MB budget`, value: bigIn.cliMB, unit: "MB", ratio: bigIn.cliMB / 700, target: 1 },
            { name: `peak memory: check --engine, ${count} mixed objects, command + pack`, value: bigEngine.cliMB + bigEngine.packMB, unit: "MB" },
            { name: "check --engine: 1 resource", value: oneEngine, unit: "ms" },
            { name: "check (in process): 1 resource vs --engine", value: oneIn, unit: "ms", ratio: oneIn / oneEngine, target: 0.6 },
            { name: "check (in process): 1 Deployment (YAML)", value: aloneMs, unit: "ms" },
            { name: `check (in process): 10 CRDs (${crdKB.toFixed(0)} KB of YAML) + the Deployment vs it alone`, value: crdMs, unit: "ms", ratio: crdMs / aloneMs, target: 1.5 },
            { name: "check (in process): 1 Deployment (JSON)", value: aloneJsonMs, unit: "ms" },
            { name: "check (in process): the same 10 CRDs + the Deployment as JSON vs it alone", value: crdJsonMs, unit: "ms", ratio: crdJsonMs / aloneJsonMs },
            { name: "check --engine: 10 CRDs + the Deployment (YAML)", value: crdEngine, unit: "ms" },
        ];
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}
