// SARIF 2.1.0 for code-scanning tools: one rule per policy of the catalog (GetAnalyzerInfo), one
// result per finding, located at the line where the object starts in the input file. The SARIF
// level follows the configured enforcement level (mandatory → error, advisory → warning, a
// remediation → note); the policy's severity becomes `security-severity`, which GitHub ranks by.
import * as path from "path";
import { pathToFileURL } from "url";
import { STDIN } from "../inputs";
import { FindingLevel, Report } from "./model";

const SECURITY_SEVERITY: Record<string, string> = { critical: "9.5", high: "8.0", medium: "5.5", low: "2.0" };
const SARIF_LEVEL: Record<FindingLevel | "disabled", string> = { mandatory: "error", advisory: "warning", remediate: "note", disabled: "none" };

export function sarifReport(report: Report, levels: Record<string, string | undefined>): string {
    const ruleIndex = new Map(report.policies.map((p, i) => [p.name, i]));
    const rules = report.policies.map(p => ({
        id: p.name,
        name: p.name,
        shortDescription: { text: p.description },
        fullDescription: { text: p.description },
        help: { text: p.remediationSteps || p.description },
        helpUri: p.url || undefined,
        defaultConfiguration: { level: SARIF_LEVEL[(levels[p.name] ?? p.enforcementLevel) as FindingLevel] ?? "warning" },
        properties: { tags: p.tags, ...(SECURITY_SEVERITY[p.severity] ? { "security-severity": SECURITY_SEVERITY[p.severity] } : {}) },
    }));
    // Code scanning needs a file for every result: a stack-wide finding is put on the first input's first line.
    const first = report.resources[0];
    const results = report.findings.map(f => {
        const r = f.resource === undefined ? undefined : report.resources[f.resource];
        const file = r?.file ?? first?.file ?? STDIN;
        const line = r ? r.line : 1;
        const physical = {
            physicalLocation: {
                artifactLocation: artifactOf(file),
                ...(line ? { region: { startLine: line } } : {}),
            },
        };
        return {
            ruleId: f.policy,
            ...(ruleIndex.has(f.policy) ? { ruleIndex: ruleIndex.get(f.policy) } : {}),
            level: SARIF_LEVEL[f.level],
            message: { text: f.message },
            locations: [{
                ...physical,
                logicalLocations: [r ? { name: r.name, fullyQualifiedName: r.urn, kind: "resource" } : { name: "stack", kind: "module" }],
            }],
        };
    });
    return JSON.stringify({
        $schema: "https://json.schemastore.org/sarif-2.1.0.json",
        version: "2.1.0",
        runs: [{
            tool: { driver: { name: report.pack.name, version: report.pack.version, informationUri: "https://github.com/aks-guard/aks-guard", rules } },
            originalUriBaseIds: { "%SRCROOT%": { uri: pathToFileURL(process.cwd()).href + "/" } },
            results,
        }],
    }, null, 2) + "\n";
}

/** A file as a URI reference relative to the working directory (absolute file: URI outside it). */
function artifactOf(file: string): { uri: string; uriBaseId?: string } {
    if (file === STDIN) return { uri: "stdin" }; // stdin without --stdin-name
    const rel = path.relative(process.cwd(), path.resolve(file));
    if (rel.startsWith("..") || path.isAbsolute(rel)) return { uri: pathToFileURL(path.resolve(file)).href };
    return { uri: rel.split(path.sep).map(encodeURIComponent).join("/"), uriBaseId: "%SRCROOT%" };
}

