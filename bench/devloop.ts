// The developer loop: `aks-guard check` of one small file and `aks-guard list` (CPU time and peak
// RSS of the command, as ratios to `node -e 1` measured the same way in the same run), and checks
// of 10,000 workloads and of 10,000 custom resources against parsing the same file with `yaml`.
// CPU time (user + system, read by a preload at exit), not wall time: the machine may be shared.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseAllDocuments } from "yaml";
import { CLI_BIN, PACK_DIR } from "../harness";
import { BenchRow, median } from "./report";

const PRELOAD = path.join(__dirname, "exit-usage.js");

interface Usage { cpuMs: number; rssMB: number }

/** One process `node [-r exit-usage] ARGS`: its CPU time and peak RSS. */
function usage(args: string[]): Usage {
    const out = path.join(os.tmpdir(), `aks-guard-bench-usage-${process.pid}.json`);
    const r = spawnSync(process.execPath, ["-r", PRELOAD, ...args], {
        cwd: PACK_DIR, env: { ...process.env, AKS_GUARD_BENCH_USAGE: out }, stdio: ["ignore", "ignore", "pipe"], encoding: "utf8", maxBuffer: 64 * 1024 * 1024,
    });
    if (r.status !== 0 && r.status !== 1) throw new Error(`node ${args.join(" ")} failed (${r.status}): ${r.stderr}`);
    const u = JSON.parse(fs.readFileSync(out, "utf8"));
    fs.rmSync(out, { force: true });
    return { cpuMs: (u.user + u.system) / 1000, rssMB: u.maxRSS / 1024 };
}

function medianUsage(args: string[], runs: number): Usage {
    const us = Array.from({ length: runs }, () => usage(args));
    return { cpuMs: median(us.map(u => u.cpuMs)), rssMB: median(us.map(u => u.rssMB)) };
}

/** CPU milliseconds of `fn` in this process (median of `runs`). */
function cpuOf(fn: () => void, runs: number): number {
    const xs: number[] = [];
    for (let i = 0; i < runs; i++) {
        const t0 = process.cpuUsage();
        fn();
        const d = process.cpuUsage(t0);
        xs.push((d.user + d.system) / 1000);
    }
    return median(xs);
}

function workloads(n: number): string {
    const docs: string[] = [];
    for (let i = 0; i < n; i++) {
        const bad = i % 3 === 0;
        docs.push(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: api-${i}
  namespace: shop
spec:
  replicas: 2
  selector: { matchLabels: { app: api-${i} } }
  template:
    metadata: { labels: { app: api-${i} } }
    spec:
      automountServiceAccountToken: false
      containers:
        - name: api
          image: ${bad ? "nginx:latest" : "contoso.azurecr.io/web/api:2.3.1"}
          securityContext: { privileged: ${bad}, runAsNonRoot: ${!bad}, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: [ALL] } }
          resources: { requests: { cpu: 100m, memory: 128Mi }, limits: { memory: 256Mi } }
`);
    }
    return docs.join("---\n");
}

function customResources(n: number): string {
    const docs: string[] = [];
    for (let i = 0; i < n; i++) {
        docs.push(`apiVersion: example.com/v1
kind: Widget
metadata:
  name: widget-${i}
  namespace: shop
spec:
  size: ${i % 7}
  parts: [{ name: a, count: 1 }, { name: b, count: 2 }]
  settings: { colour: blue, nested: { depth: { value: "${i}" } } }
`);
    }
    return docs.join("---\n");
}

export async function devloopBench(runs = 7): Promise<BenchRow[]> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aks-guard-bench-devloop-"));
    try {
        const one = path.join(PACK_DIR, "examples", "manifests", "hardened", "jobs.yaml");
        const many = path.join(dir, "workloads.yaml"), crds = path.join(dir, "crds.yaml");
        fs.writeFileSync(many, workloads(10000));
        fs.writeFileSync(crds, customResources(10000));
        usage(["-e", "1"]); usage([CLI_BIN, "check", one]); // warm the file cache
        const base = medianUsage(["-e", "1"], runs);
        const check = medianUsage([CLI_BIN, "check", one], runs);
        const list = medianUsage([CLI_BIN, "list"], runs);
        const rows: BenchRow[] = [
            { name: "node -e 1: CPU", value: base.cpuMs, unit: "ms" },
            { name: "node -e 1: peak RSS", value: base.rssMB, unit: "MB" },
            { name: "aks-guard check (one file): CPU vs node -e 1", value: check.cpuMs, unit: "ms", ratio: check.cpuMs / base.cpuMs, target: 3 },
            { name: "aks-guard check (one file): peak RSS vs node -e 1", value: check.rssMB, unit: "MB", ratio: check.rssMB / base.rssMB, target: 3 },
            { name: "aks-guard list: CPU vs node -e 1", value: list.cpuMs, unit: "ms", ratio: list.cpuMs / base.cpuMs, target: 3 },
            { name: "aks-guard list: peak RSS vs node -e 1", value: list.rssMB, unit: "MB", ratio: list.rssMB / base.rssMB, target: 3 },
        ];
        for (const [label, file] of [["10,000 workloads", many], ["10,000 custom resources", crds]] as const) {
            const text = fs.readFileSync(file, "utf8");
            const parse = cpuOf(() => { parseAllDocuments(text); }, 3);
            const run = medianUsage([CLI_BIN, "check", "--format", "json", file], 3);
            rows.push(
                { name: `YAML parse (yaml): ${label}`, value: parse, unit: "ms" },
                { name: `aks-guard check: ${label}, CPU vs YAML parse`, value: run.cpuMs, unit: "ms", ratio: run.cpuMs / parse },
                { name: `aks-guard check: ${label}, peak RSS`, value: run.rssMB, unit: "MB" },
            );
        }
        return rows;
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}
