// Hostile input against the command line's bounds (issue 20; SPEC "Reading input as Kubernetes
// reads it": every bound holds for any input, --engine included): a mapping of 100,000 keys, a
// million empty documents, a List of 200,000 items, one 99 MB string in process and with --engine.
// Each row is the run's wall time and the peak memory of the command and its pack process
// together, against the README's 2 GB; the name says whether the input was judged or refused
// (exit 2, naming the bound), and the benchmark fails if the outcome is not the expected one.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runCheck } from "./cli";
import { BenchRow } from "./report";

const cm = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: shop\ndata:\n`;

interface Case { name: string; file: string; text: () => string; args?: string[]; expect: "judged" | "refused"; why?: RegExp }

export async function hostileBench(): Promise<BenchRow[]> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aks-guard-bench-hostile-"));
    const cases: Case[] = [
        { name: "a mapping of 100,000 keys", file: "keys.yaml", expect: "judged",
            text: () => cm("keys") + Array.from({ length: 100_000 }, (_, i) => `  k${i}: v\n`).join("") },
        { name: "1,000,000 empty documents", file: "empty.yaml", expect: "refused", why: /more than 20000 objects/,
            text: () => "---\n".repeat(1_000_000) },
        { name: "a List of 200,000 items", file: "list.json", expect: "refused", why: /more than 20000 objects/,
            text: () => JSON.stringify({ apiVersion: "v1", kind: "List", items: Array.from({ length: 200_000 }, (_, i) => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: `c${i}`, namespace: "shop" } })) }) },
        { name: "one 99 MB string, in process", file: "string.yaml", expect: "judged",
            text: () => cm("big") + `  k: ${"a".repeat(99 * 1024 * 1024)}\n` },
        { name: "one 99 MB string, --engine", file: "string.yaml", args: ["--engine"], expect: "refused", why: /more than 40 MB of strings/,
            text: () => cm("big") + `  k: ${"a".repeat(99 * 1024 * 1024)}\n` },
    ];
    const rows: BenchRow[] = [];
    try {
        for (const c of cases) {
            const file = path.join(dir, c.file);
            if (!fs.existsSync(file)) fs.writeFileSync(file, c.text());
            const r = await runCheck([...(c.args ?? []), file], { refusalExpected: true });
            const outcome = r.status === 2 ? "refused" : "judged";
            if (outcome !== c.expect || (c.why && !c.why.test(r.stderr))) {
                throw new Error(`hostile input ${c.name}: expected ${c.expect}${c.why ? ` (${c.why})` : ""}, got exit ${r.status}: ${r.stderr.slice(0, 300)}`);
            }
            const mb = r.cliMB + r.packMB;
            rows.push(
                { name: `hostile: ${c.name} (${outcome}), time`, value: r.ms, unit: "ms" },
                { name: `hostile: ${c.name} (${outcome}), peak memory vs 2 GB`, value: mb, unit: "MB", ratio: mb / 2048, target: 1 },
            );
        }
        return rows;
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}
