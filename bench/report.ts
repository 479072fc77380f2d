// Benchmark rows, the printed table and bench/results.json.
import * as fs from "fs";
import * as path from "path";
import { PACK_DIR } from "../harness";

export interface BenchRow {
    name: string;
    value: number;
    unit: string;
    /** Against the reference measured in the same run. */
    ratio?: number;
    /** The ratio this row must stay at or under. */
    target?: number;
}

export function median(xs: number[]): number {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

export function printTable(rows: BenchRow[]): void {
    const w = Math.max(...rows.map(r => r.name.length));
    for (const r of rows) {
        const ratio = r.ratio === undefined ? "" : `  ${r.ratio.toFixed(2)}×${r.target !== undefined ? ` (target ≤ ${r.target.toFixed(2)}×: ${r.ratio <= r.target ? "ok" : "MISSED"})` : ""}`;
        console.log(`${r.name.padEnd(w)}  ${r.value.toFixed(r.unit === "ms" ? 0 : 2).padStart(9)} ${r.unit}${ratio}`);
    }
}

/** Writes the rows; with `partial` (some benchmarks only), the earlier rows of the others are kept. */
export function writeResults(rows: BenchRow[], partial = false): string {
    const file = path.join(PACK_DIR, "bench", "results.json");
    const os = require("os");
    let all = rows;
    if (partial && fs.existsSync(file)) {
        const earlier: BenchRow[] = JSON.parse(fs.readFileSync(file, "utf8")).rows ?? [];
        const names = new Set(rows.map(r => r.name));
        all = [...earlier.filter(r => !names.has(r.name)), ...rows];
    }
    fs.writeFileSync(file, JSON.stringify({ date: new Date().toISOString(), node: process.version, cpus: os.cpus().length, rows: all }, null, 2) + "\n");
    return file;
}
