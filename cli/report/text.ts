// The text report: shaped like the policy section of `pulumi preview`, grouped by resource, with
// colour only on a terminal (and never when NO_COLOR is set).
import * as path from "path";
import { Finding, FindingLevel, Report } from "./model";

export function useColour(stream: NodeJS.WriteStream): boolean {
    return !!stream.isTTY && !("NO_COLOR" in process.env && process.env.NO_COLOR !== "");
}

const CODES: Record<string, string> = { red: "31", yellow: "33", cyan: "36", dim: "2", bold: "1", green: "32" };

export function textReport(report: Report, colour: boolean): string {
    const c = (name: keyof typeof CODES, s: string) => (colour ? `\u001b[${CODES[name]}m${s}\u001b[0m` : s);
    const levelColour: Record<FindingLevel, keyof typeof CODES> = { mandatory: "red", advisory: "yellow", remediate: "cyan" };
    const { mandatory, advisory, remediate } = report.counts;
    const lines: string[] = ["Policies:"];
    const mark = mandatory ? c("red", "❌") : advisory ? c("yellow", "⚠️") : c("green", "✅");
    lines.push(`    ${mark} ${report.pack.name}@v${report.pack.version}`);
    // Findings are in resource order: one heading per resource, its findings below it.
    let current: number | undefined | null = null;
    for (const f of report.findings) {
        if (f.resource !== current) {
            current = f.resource;
            lines.push("        " + c("bold", heading(report, f)));
        }
        lines.push(`            - ${c(levelColour[f.level], `[${f.level}]`)}  ${f.policy}${f.severity ? c("dim", `  (${f.severity})`) : ""}`);
        if (f.description) lines.push(`              ${c("dim", f.description)}`);
        for (const l of f.message.split("\n")) lines.push(`              ${l}`);
    }
    for (const w of report.warnings) lines.push(`    ${c("yellow", "warning:")} ${w}`);
    const withFindings = new Set(report.findings.filter(f => f.level !== "remediate").map(f => f.resource)).size;
    const n = report.resources.length;
    lines.push("", `${n} resource${n === 1 ? "" : "s"} checked, ${withFindings} with violations: ` +
        `${c(mandatory ? "red" : "green", `${mandatory} mandatory`)}, ${c(advisory ? "yellow" : "green", `${advisory} advisory`)}, ${remediate} remediated`);
    return lines.join("\n") + "\n";
}

function heading(report: Report, f: Finding): string {
    if (f.resource === undefined) return "stack";
    const r = report.resources[f.resource];
    const where = r.line ? `${displayPath(r.file)}:${r.line}` : displayPath(r.file);
    return `${r.type}: ${r.name}  (${where})`;
}

/** A path relative to the working directory when it is inside it. */
export function displayPath(file: string): string {
    if (file.startsWith("<")) return file;
    const rel = path.relative(process.cwd(), file);
    return rel && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel : file;
}
