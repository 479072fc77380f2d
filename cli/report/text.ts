// The text report, for people: findings grouped by resource (each naming its policy, level,
// file:line and the message with the fix), then each firing policy's description once, then a
// per-policy summary and the totals. Lines are wrapped to fit a 100-column terminal; colour only
// on a terminal (and never when NO_COLOR is set). `--quiet` keeps the summary and the totals.
// Every string that comes from the input (names, files, messages, warnings) goes through `safe`.
import * as path from "path";
import { safe } from "./escape";
import { Finding, FindingLevel, levelRank, policySummary, PolicySummary, Report } from "./model";

export function useColour(stream: NodeJS.WriteStream): boolean {
    return !!stream.isTTY && !("NO_COLOR" in process.env && process.env.NO_COLOR !== "");
}

/** The terminal width the report is laid out for. */
export const WIDTH = 100;
/** Summary rows that still fit one screen beside the headings and totals; past this, two columns. */
const SUMMARY_ROWS = 30;

const CODES = { red: "31", yellow: "33", cyan: "36", dim: "2", bold: "1", green: "32" } as const;
type Colour = keyof typeof CODES;
const LEVEL_COLOUR: Record<FindingLevel, Colour> = { mandatory: "red", advisory: "yellow", remediate: "cyan" };

export interface TextOptions {
    /** Only the summary and the totals. */
    quiet?: boolean;
    width?: number;
}

export function textReport(report: Report, colour: boolean, opts: TextOptions = {}): string {
    const width = opts.width ?? WIDTH;
    const c = (name: Colour, s: string) => (colour && s ? `\u001b[${CODES[name]}m${s}\u001b[0m` : s);
    const summary = policySummary(report);
    const lines: string[] = [];
    if (!opts.quiet) {
        lines.push(`${report.pack.name}@v${report.pack.version}: ${plural(report.resources.length, "resource")} checked`);
        lines.push(...findingLines(report, width, c));
        lines.push(...deferredLines(report, width, c));
        lines.push(...legendLines(report, summary, width, c));
        for (const w of report.warnings) lines.push(...wrap(`warning: ${safe(w)}`, width, "  ").map((l, i) => (i === 0 ? c("yellow", l) : l)));
    }
    if (summary.length) lines.push(...(lines.length ? [""] : []), ...summaryLines(summary, width, c));
    lines.push(...(lines.length ? [""] : []), totals(report, c));
    return lines.join("\n") + "\n";
}

/** One block per resource with findings, in input order; stack-wide findings last. */
function findingLines(report: Report, width: number, c: (n: Colour, s: string) => string): string[] {
    const lines: string[] = [];
    let current: number | undefined | null = null;
    // Report order is resource order; within a resource, mandatory findings first.
    const ordered = report.findings.map((f, i) => [f, i] as const)
        .sort(([a, i], [b, j]) => (a.resource ?? Infinity) - (b.resource ?? Infinity) || levelRank(a.level) - levelRank(b.level) || i - j)
        .map(([f]) => f);
    for (const f of ordered) {
        if (f.resource !== current) {
            current = f.resource;
            lines.push("", ...wrap(heading(report, f), width, "    ", "").map(l => c("bold", l)));
        }
        const tag = `[${f.level}]`;
        const head = wrap(`${tag} ${f.policy}  ${where(report, f)}`, width, "      ", "  ");
        lines.push(head[0].replace(tag, c(LEVEL_COLOUR[f.level], tag)), ...head.slice(1));
        lines.push(...wrap(safe(f.message), width, "      "));
    }
    return lines;
}

/**
 * The checks deferred on unknown values, one line per resource naming its policies (the reasons,
 * which name the fields, are in the JSON report). Under --unknowns fail they are findings instead.
 */
function deferredLines(report: Report, width: number, c: (n: Colour, s: string) => string): string[] {
    if (report.unknowns === "fail" || report.deferred.length === 0) return [];
    const lines = ["", ...wrap("Checks deferred on values unknown until deployment (--unknowns fail makes them violations)", width, "  ", "").map(l => c("bold", l))];
    const by = new Map<number, string[]>();
    for (const d of report.deferred) {
        const ps = by.get(d.resource) ?? [];
        if (!ps.includes(d.policy)) ps.push(d.policy);
        by.set(d.resource, ps);
    }
    for (const [i, ps] of by) {
        const r = report.resources[i];
        lines.push(...wrap(`${safe(r.type)} ${safe(r.name)}  ${where(report, { resource: i })}: ${plural(ps.length, "check")}: ${ps.join(", ")}`, width, "      ", "  "));
    }
    return lines;
}

/** Each firing policy once: its description and where it is documented. */
function legendLines(report: Report, summary: PolicySummary[], width: number, c: (n: Colour, s: string) => string): string[] {
    const firing = [...new Set(summary.map(r => r.policy))];
    if (!firing.length) return [];
    const info = new Map(report.policies.map(p => [p.name, p]));
    // Policies documented as sections of one page (`<page>#<name>`) share one line naming the page.
    const pages = new Set(firing.map(name => info.get(name)?.url?.split("#")[0]));
    const [page] = pages;
    const shared = pages.size === 1 && page !== undefined && firing.every(name => info.get(name)?.url === `${page}#${name}`);
    const lines = ["", "Policies with findings", ...(shared ? wrap(`(each documented at ${page}#<policy>)`, width, "  ", "").map(l => c("dim", l)) : [])];
    for (const name of firing) {
        const p = info.get(name);
        const text = p?.description || report.findings.find(f => f.policy === name)?.description || "";
        const [first, ...rest] = wrap(`${name}: ${text}`, width, "      ", "  ");
        lines.push(first.replace(name, c("bold", name)), ...rest);
        if (p?.url && !shared) lines.push(...wrap(p.url, width, "      ", "      ").map(l => c("dim", l)));
    }
    return lines;
}

const SEVERITY_SHORT: Record<string, string> = { critical: "crit", high: "high", medium: "med", low: "low" };
const LEVEL_SHORT: Record<FindingLevel, string> = { mandatory: "M", advisory: "A", remediate: "R" };

/**
 * The per-policy summary: one row per policy and level. More rows than fit a screen are laid out
 * in two columns (column-major, level and severity abbreviated, with a key), if they fit the width.
 */
function summaryLines(rows: PolicySummary[], width: number, c: (n: Colour, s: string) => string): string[] {
    const full = table(["POLICY", "LEVEL", "SEVERITY", "FINDINGS", "RESOURCES"],
        rows.map(r => [r.policy, r.level, r.severity || "-", String(r.findings), String(r.resources)]));
    const colourRow = (line: string, r: PolicySummary | undefined) => (r ? line.replace(r.policy, c(LEVEL_COLOUR[r.level], r.policy)) : line);
    const one = () => ["Summary by policy", ...full.map((l, i) => "  " + colourRow(l, rows[i - 1]))];
    if (rows.length <= SUMMARY_ROWS) return one();
    const compact = table(["POLICY", "L", "SEV", "#", "RES"],
        rows.map(r => [r.policy, LEVEL_SHORT[r.level], SEVERITY_SHORT[r.severity] ?? "-", String(r.findings), String(r.resources)]), " ");
    const cell = Math.max(...compact.map(l => l.length));
    if (2 + cell + 2 + cell > width) return one();
    const half = Math.ceil(rows.length / 2);
    const out = ["Summary by policy (L: level, M mandatory, A advisory, R remediate; SEV: severity;",
        "  #: findings; RES: resources with findings)"];
    out.push(`  ${compact[0].padEnd(cell)}  ${compact[0]}`.trimEnd());
    for (let i = 0; i < half; i++) {
        const left = colourRow(compact[1 + i].padEnd(cell), rows[i]);
        const j = half + i;
        out.push(`  ${left}${j < rows.length ? "  " + colourRow(compact[1 + j], rows[j]) : ""}`.trimEnd());
    }
    return out;
}

/** Rows under a header, text columns left-aligned and number columns (the last two) right-aligned. */
function table(header: string[], rows: string[][], gap = "  "): string[] {
    const all = [header, ...rows];
    const widths = header.map((_, i) => Math.max(...all.map(r => r[i].length)));
    const numeric = (i: number) => i >= header.length - 2;
    return all.map(r => r.map((v, i) => (numeric(i) ? v.padStart(widths[i]) : v.padEnd(widths[i]))).join(gap).trimEnd());
}

function totals(report: Report, c: (n: Colour, s: string) => string): string {
    const { mandatory, advisory, remediate } = report.counts;
    const withFindings = new Set(report.findings.filter(f => f.level !== "remediate").map(f => f.resource)).size;
    return `${plural(report.resources.length, "resource")} checked, ${withFindings} with violations: ` +
        `${c(mandatory ? "red" : "green", `${mandatory} mandatory`)}, ${c(advisory ? "yellow" : "green", `${advisory} advisory`)}, ${remediate} remediated` +
        (report.skipped?.length ? `; ${c("yellow", `${report.skipped.length} skipped`)} (files or documents not read, see the warnings)` : "") +
        (report.deferred.length && report.unknowns !== "fail"
            ? `; ${c("yellow", `${plural(report.deferred.length, "check")} deferred`)} on unknown values in ${plural(new Set(report.deferred.map(d => d.resource)).size, "resource")}` : "");
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

function heading(report: Report, f: Pick<Finding, "resource">): string {
    if (f.resource === undefined) return "stack (findings about the stack as a whole)";
    const r = report.resources[f.resource];
    return `${safe(r.type)} ${safe(r.name)}`;
}

/** file:line of the finding's resource ("stack" for a stack-wide finding). */
function where(report: Report, f: Pick<Finding, "resource">): string {
    if (f.resource === undefined) return "stack";
    const r = report.resources[f.resource];
    const file = safe(displayPath(r.file));
    return r.line ? `${file}:${r.line}` : file;
}

/**
 * `text` broken at spaces into lines of at most `width` columns: the first line starts with
 * `first` indentation, the others with `indent`. A word longer than a line (a path, a URL) is kept
 * whole rather than broken.
 */
export function wrap(text: string, width: number, indent: string, first = indent): string[] {
    const words = text.split(" ");
    const lines: string[] = [];
    let line = first;
    let empty = true;
    for (const word of words) {
        if (!empty && line.length + 1 + word.length > width) {
            lines.push(line);
            line = indent + word;
        } else {
            line += (empty ? "" : " ") + word;
        }
        empty = false;
    }
    lines.push(line);
    return lines.map(l => l.trimEnd());
}

/** A path relative to the working directory when it is inside it. */
export function displayPath(file: string): string {
    if (file.startsWith("<")) return file;
    const rel = path.relative(process.cwd(), file);
    return rel && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel : file;
}
