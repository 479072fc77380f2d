// The JSON report. Its schema is versioned: fields are only ever added within a version.
//
// {
//   "version": 1,
//   "pack": { "name": "aks-guard", "version": "0.1.0" },
//   "summary": { "resources": 3, "mandatory": 2, "advisory": 1, "remediated": 0,
//                "skipped": 1, "skippedInputs": [ "file" | "file:line" ],    // files and documents not read
//                "deferred": 2 },                                     // checks deferred on unknown values
//   "resources": [ { "urn", "type", "name", "file", "line",              // every resource checked
//                    "deferred": [ { "policy", "reason" } ] } ],         // its checks deferred on unknowns
//   "diagnostics": [ { "policy", "level": "mandatory"|"advisory"|"remediate", "severity",
//                      "message", "description", "resource": urn|null, "type", "name",
//                      "file", "line" } ],                                 // in resource order
//   "warnings": [ "..." ]
// }
// `file` is the input path as given ("<stdin>" for `-`); `line` is the 1-based line where the
// object starts, or null when unknown; "resource" is null for a stack-wide diagnostic.
import { Deferred, Report } from "./model";

export const JSON_SCHEMA_VERSION = 1;

export function jsonReport(report: Report): string {
    const where = (i: number | undefined) => {
        const r = i === undefined ? undefined : report.resources[i];
        return { resource: r?.urn ?? null, type: r?.type ?? null, name: r?.name ?? null, file: r?.file ?? null, line: r?.line ?? null };
    };
    const deferredBy: Deferred[][] = [];
    for (const d of report.deferred) (deferredBy[d.resource] ??= []).push(d);
    return JSON.stringify({
        version: JSON_SCHEMA_VERSION,
        pack: report.pack,
        summary: { resources: report.resources.length, mandatory: report.counts.mandatory, advisory: report.counts.advisory, remediated: report.counts.remediate,
            skipped: report.skipped?.length ?? 0, skippedInputs: report.skipped ?? [], deferred: report.deferred.length },
        resources: report.resources.map((r, i) => ({
            urn: r.urn, type: r.type, name: r.name, file: r.file, line: r.line ?? null,
            deferred: (deferredBy[i] ?? []).map(d => ({ policy: d.policy, reason: d.reason })),
        })),
        diagnostics: report.findings.map(f => ({
            policy: f.policy, level: f.level, severity: f.severity, message: f.message, description: f.description, ...where(f.resource),
        })),
        warnings: report.warnings,
    }, null, 2) + "\n";
}
