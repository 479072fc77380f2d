// SARIF 2.1.0 fit for GitHub code scanning: one rule per enabled policy (GetAnalyzerInfo), one
// result per finding, located at the line where the object starts in the input file.
// - The SARIF level follows the configured enforcement level (mandatory → error, advisory →
//   warning, a remediation → note); the policy's severity becomes `security-severity`, which
//   GitHub ranks by, and every rule is tagged `security`.
// - `partialFingerprints` come from the rule, the resource's identity and the finding's text,
//   never the line, so an alert follows its finding across runs and edits.
// - Artifact URIs are relative to the git repository root (`%SRCROOT%`) when the input is in one,
//   otherwise to the current folder.
// - GitHub takes at most 25,000 results per run: past that, mandatory findings (then higher
//   severities) are kept first, and the run's `properties` say how many were cut.
import type * as cryptoTypes from "crypto";
import * as fs from "fs";
import * as path from "path";
import { pathToFileURL } from "url";
import { STDIN } from "../inputs";
import { Finding, FindingLevel, levelRank, Report, severityRank } from "./model";
import { MANIFEST, REPOSITORY_URL } from "../../policies/lib/links";

/** GitHub code scanning's limit on results per run. */
export const MAX_RESULTS = 25_000;
/** The partialFingerprints key; the version changes only if the recipe does. */
export const FINGERPRINT_KEY = "aksGuardFinding/v1";

const SECURITY_SEVERITY: Record<string, string> = { critical: "9.5", high: "8.0", medium: "5.5", low: "2.0" };
const SARIF_LEVEL: Record<FindingLevel, string> = { mandatory: "error", advisory: "warning", remediate: "note" };

export interface SarifOptions {
    /** `automationDetails.id` is `aks-guard/<configName>/` (GitHub's category: one per config). */
    configName?: string;
    /** Results per run (default MAX_RESULTS). */
    maxResults?: number;
    /** Told how many results were cut, if any. */
    warn?: (message: string) => void;
    /** The folder relative paths are read from (default the process's). */
    cwd?: string;
}

/** The package's version (package.json), as `tool.driver.semanticVersion`. */
export function packageVersion(): string {
    return MANIFEST.version;
}

/** The nearest folder at or above `dir` holding `.git` (a folder, or a file in a worktree). */
export function gitRoot(dir: string): string | undefined {
    for (let d = path.resolve(dir); ; d = path.dirname(d)) {
        if (fs.existsSync(path.join(d, ".git"))) return d;
        if (path.dirname(d) === d) return undefined;
    }
}

/** The config's name for `automationDetails.id`: the file name without its extension, or "default". */
export function configNameOf(file: string | undefined): string {
    if (file === undefined) return "default";
    return path.basename(file).replace(/\.[^.]*$/, "").replace(/[^A-Za-z0-9._-]+/g, "-") || "default";
}

/** A hash of the rule, the resource's identity and the finding's text: nothing that moves with a line. */
export function fingerprint(ruleId: string, identity: string, message: string): string {
    // crypto loads on first use: only SARIF reports need it.
    const { createHash }: typeof cryptoTypes = require("crypto");
    return createHash("sha256").update(`${ruleId}\n${identity}\n${message}`).digest("hex").slice(0, 32);
}

export function sarifReport(report: Report, levels: Record<string, string | undefined>, opts: SarifOptions = {}): string {
    const cwd = opts.cwd ?? process.cwd();
    const levelOf = (name: string, own: string) => levels[name] ?? own;
    const policies = report.policies.filter(p => levelOf(p.name, p.enforcementLevel) !== "disabled");
    const ruleIndex = new Map(policies.map((p, i) => [p.name, i]));
    const rules = policies.map(p => ({
        id: p.name,
        name: p.name,
        shortDescription: { text: p.description },
        fullDescription: { text: p.description },
        help: { text: helpText(p), markdown: helpMarkdown(p) },
        ...(p.url ? { helpUri: p.url } : {}),
        defaultConfiguration: { level: SARIF_LEVEL[levelOf(p.name, p.enforcementLevel) as FindingLevel] ?? "warning" },
        properties: {
            tags: [...new Set([...p.tags, "security"])],
            precision: "high",
            ...(SECURITY_SEVERITY[p.severity] ? { "security-severity": SECURITY_SEVERITY[p.severity] } : {}),
        },
    }));

    const { kept, cut } = cap(report.findings, opts.maxResults ?? MAX_RESULTS);
    const uris = new ArtifactUris(cwd, report.resources.map(r => r.file));
    // Code scanning needs a file for every result: a stack-wide finding is put on the first input's first line.
    const first = report.resources[0];
    const results = kept.map(f => {
        const r = f.resource === undefined ? undefined : report.resources[f.resource];
        const line = r ? r.line : 1;
        const identity = r ? r.identity ?? r.urn : "stack";
        return {
            ruleId: f.policy,
            ...(ruleIndex.has(f.policy) ? { ruleIndex: ruleIndex.get(f.policy) } : {}),
            level: SARIF_LEVEL[f.level],
            message: { text: f.message },
            locations: [{
                physicalLocation: {
                    artifactLocation: uris.of(r?.file ?? first?.file ?? STDIN),
                    ...(line ? { region: { startLine: line } } : {}),
                },
                logicalLocations: [r ? { name: r.name, fullyQualifiedName: r.urn, kind: "resource" } : { name: "stack", kind: "module" }],
            }],
            partialFingerprints: { [FINGERPRINT_KEY]: fingerprint(f.policy, identity, f.message) },
        };
    });

    const total = report.findings.length;
    let note: string | undefined;
    if (cut.length) {
        const byLevel = (["mandatory", "advisory", "remediate"] as FindingLevel[])
            .map(l => [l, cut.filter(f => f.level === l).length] as const).filter(([, n]) => n > 0);
        note = `${cut.length} of ${total} results were cut: a SARIF run holds at most ${kept.length} for GitHub code scanning ` +
            `(cut: ${byLevel.map(([l, n]) => `${n} ${l}`).join(", ")}; mandatory and more severe findings are kept first). ` +
            `The text and json formats report them all.`;
        opts.warn?.(note);
    }
    return JSON.stringify({
        $schema: "https://json.schemastore.org/sarif-2.1.0.json",
        version: "2.1.0",
        runs: [{
            tool: {
                driver: {
                    name: report.pack.name, version: report.pack.version, semanticVersion: packageVersion(),
                    informationUri: REPOSITORY_URL, rules,
                },
            },
            automationDetails: { id: `aks-guard/${opts.configName ?? "default"}/` },
            originalUriBaseIds: uris.baseIds(),
            invocations: [{
                executionSuccessful: true,
                toolExecutionNotifications: [...report.warnings, ...(note ? [note] : [])].map(w => ({ level: "warning", message: { text: w } })),
            }],
            results,
            properties: { truncated: cut.length > 0, totalResults: total, skipped: report.skipped?.length ?? 0, skippedInputs: report.skipped ?? [], deferred: report.deferred.length, ...(cut.length ? { cutResults: cut.length, truncation: note } : {}) },
        }],
    }, null, 2) + "\n";
}

/** At most `max` findings, mandatory and more severe first, the kept ones in their report order. */
function cap(findings: Finding[], max: number): { kept: Finding[]; cut: Finding[] } {
    if (findings.length <= max) return { kept: findings, cut: [] };
    const order = findings.map((f, i) => i).sort((a, b) => {
        const x = findings[a], y = findings[b];
        return levelRank(x.level) - levelRank(y.level) || severityRank(x.severity) - severityRank(y.severity) || a - b;
    });
    const keep = new Set(order.slice(0, max));
    return { kept: findings.filter((_, i) => keep.has(i)), cut: findings.filter((_, i) => !keep.has(i)) };
}

/** `p`'s help: what to do and where to read more. */
function helpText(p: Report["policies"][number]): string {
    return [p.description, p.remediationSteps && `Fix: ${p.remediationSteps}`, p.url && `Documentation: ${p.url}`].filter(Boolean).join("\n\n");
}

function helpMarkdown(p: Report["policies"][number]): string {
    return [`**${p.description}**`, p.remediationSteps && `**Fix:** ${p.remediationSteps}`, p.url && `[${p.name} in the aks-guard documentation](${p.url})`]
        .filter(Boolean).join("\n\n");
}

/**
 * Artifact URIs: relative to `%SRCROOT%` (the git repository root around the working folder, else
 * around the first input, else the working folder itself); a file outside it relative to the
 * working folder (`CWD`).
 */
class ArtifactUris {
    private readonly root: string;
    private cwdUsed = false;

    constructor(private readonly cwd: string, files: string[]) {
        const firstFile = files.find(f => f !== STDIN);
        this.root = gitRoot(cwd) ?? (firstFile !== undefined ? gitRoot(path.dirname(path.resolve(cwd, firstFile))) : undefined) ?? path.resolve(cwd);
    }

    of(file: string): { uri: string; uriBaseId?: string } {
        if (file === STDIN) return { uri: "stdin" }; // stdin without --stdin-name
        const abs = path.resolve(this.cwd, file);
        const rel = path.relative(this.root, abs);
        if (!rel.startsWith("..") && !path.isAbsolute(rel)) return { uri: uriPath(rel), uriBaseId: "%SRCROOT%" };
        this.cwdUsed = true;
        return { uri: uriPath(path.relative(this.cwd, abs)), uriBaseId: "CWD" };
    }

    baseIds(): Record<string, { uri: string; description?: { text: string } }> {
        const dir = (d: string) => pathToFileURL(path.resolve(d)).href.replace(/\/?$/, "/");
        return {
            "%SRCROOT%": { uri: dir(this.root), description: { text: "The root of the git repository the inputs are in (or the working folder)." } },
            ...(this.cwdUsed ? { CWD: { uri: dir(this.cwd), description: { text: "The working folder aks-guard ran in." } } } : {}),
        };
    }
}

/** A relative path as a URI reference: `/` separators, each segment percent-encoded. */
const uriPath = (rel: string) => rel.split(path.sep).map(encodeURIComponent).join("/");
