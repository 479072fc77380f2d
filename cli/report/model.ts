// One run as the reports see it: every finding tied to the resource (and so the file and line)
// it is about, in input order, with the counts that decide the exit code.
import { Diagnostic, PolicyInfo, RunResult } from "../../harness";
import { Located } from "../inputs";
import { deferredOnUnknown } from "../../policies/lib/policy";

export type FindingLevel = "mandatory" | "advisory" | "remediate";

export interface Finding {
    policy: string;
    level: FindingLevel;
    severity: string;
    /** The violation itself (the policy's description is on `description`). */
    message: string;
    description: string;
    /** Index into `Report.resources`; undefined for a stack-wide finding. */
    resource?: number;
}

/** A check a policy could not make yet: a value it needs is unknown until deployment. */
export interface Deferred {
    policy: string;
    /** The policy's not-applicable reason, naming the unknown fields. */
    reason: string;
    /** Index into `Report.resources`. */
    resource: number;
}

/**
 * What a deferred check counts as: `defer` (the default) counts it apart from violations;
 * `fail` (--unknowns fail, for CI on templates) makes it a violation of its policy.
 */
export type UnknownsMode = "defer" | "fail";

export interface Report {
    pack: { name: string; version: string };
    policies: PolicyInfo[];
    /** `identity`: what names the resource across runs and edits (see `identityOf`). */
    resources: (Located & { urn: string; identity?: string })[];
    findings: Finding[];
    warnings: string[];
    counts: Record<FindingLevel, number>;
    /** Checks deferred on unknown values, in resource order (findings too under --unknowns fail). */
    deferred: Deferred[];
    unknowns: UnknownsMode;
    /** Files and documents skipped (`file` or `file:line`): not in a format read, or templates to render first. */
    skipped?: string[];
}

/** The diagnostic's own message, without the description line @pulumi/policy puts first. */
function ownMessage(d: Diagnostic): string {
    return d.description && d.message.startsWith(d.description + "\n") ? d.message.slice(d.description.length + 1) : d.message;
}

/**
 * A resource's identity, stable across runs and line moves: the URN for a Pulumi resource (stack
 * export, preview); otherwise provider, API group and kind (without the version) and the name
 * (`namespace/name` for a Kubernetes object, as the reader names it).
 */
export function identityOf(r: Located): string {
    if (r.urn) return r.urn;
    const [provider, module = "", kind = ""] = r.type.split(":");
    return `${provider}:${module.split("/")[0]}:${kind}::${r.name}`;
}

/**
 * The report of a run. Under `unknowns: "fail"` a deferred check is also a finding of its policy at
 * the policy's configured level (remediate, whose fix cannot be applied to a value not known yet,
 * counts as mandatory).
 */
export function buildReport(run: RunResult, inputs: Located[], unknowns: UnknownsMode = "defer"): Report {
    const resources = run.resources.map((r, i) => ({ ...inputs[i], urn: r.resource.urn!, identity: identityOf(inputs[i]) }));
    const byUrn = new Map(resources.map((r, i) => [r.urn, i]));
    const infoOf = new Map(run.info.policies.map(p => [p.name, p]));
    const findings: Finding[] = [];
    const deferred: Deferred[] = [];
    const add = (d: Diagnostic, resource: number | undefined) => {
        if (d.enforcementLevel !== "mandatory" && d.enforcementLevel !== "advisory") return;
        findings.push({ policy: d.policyName, level: d.enforcementLevel, severity: d.severity, message: ownMessage(d), description: d.description, resource });
    };
    run.resources.forEach((r, i) => {
        for (const rem of r.remediations) {
            findings.push({
                policy: rem.policyName, level: "remediate", severity: infoOf.get(rem.policyName)?.severity ?? "",
                message: rem.diagnostic ?? "the pack's remediation fixes this resource; the file still holds the unsafe value",
                description: infoOf.get(rem.policyName)?.description ?? "", resource: i,
            });
        }
        for (const d of r.diagnostics) add(d, i);
        for (const n of r.notApplicable) if (deferredOnUnknown(n.reason)) deferred.push({ policy: n.policyName, reason: n.reason, resource: i });
    });
    if (unknowns === "fail") {
        for (const d of deferred) {
            const level = run.config[d.policy]?.enforcementLevel === "advisory" ? "advisory" : "mandatory";
            findings.push({
                policy: d.policy, level, severity: infoOf.get(d.policy)?.severity ?? "", resource: d.resource, description: infoOf.get(d.policy)?.description ?? "",
                message: `not judged: ${d.reason}; --unknowns fail counts a check that waits for an unknown value as a violation (set the value in the input, or judge the deployed stack)`,
            });
        }
    }
    for (const d of run.stack) add(d, d.urn ? byUrn.get(d.urn) : undefined);
    findings.sort((a, b) => (a.resource ?? Infinity) - (b.resource ?? Infinity));
    const counts = { mandatory: 0, advisory: 0, remediate: 0 };
    for (const f of findings) counts[f.level]++;
    return { pack: { name: run.info.name, version: run.info.version }, policies: run.info.policies, resources, findings, warnings: run.warnings, counts, deferred, unknowns };
}

/** One row of the per-policy summary. */
export interface PolicySummary {
    policy: string;
    level: FindingLevel;
    severity: string;
    findings: number;
    /** Distinct resources with a finding of this policy (a stack-wide finding counts as one). */
    resources: number;
}

const LEVEL_RANK: Record<FindingLevel, number> = { mandatory: 0, advisory: 1, remediate: 2 };
const SEVERITY_RANK: Record<string, number> = { critical: 0, high: 1, medium: 2, low: 3 };
export const severityRank = (s: string) => SEVERITY_RANK[s] ?? 4;
export const levelRank = (l: FindingLevel) => LEVEL_RANK[l];

/** Every policy (and level) with findings: mandatory first, then by severity, count and name. */
export function policySummary(report: Report): PolicySummary[] {
    const rows = new Map<string, PolicySummary & { seen: Set<number | undefined> }>();
    for (const f of report.findings) {
        const key = `${f.policy}\0${f.level}`;
        let row = rows.get(key);
        if (!row) rows.set(key, row = { policy: f.policy, level: f.level, severity: f.severity, findings: 0, resources: 0, seen: new Set() });
        row.findings++;
        row.seen.add(f.resource);
    }
    return [...rows.values()]
        .map(({ seen, ...r }) => ({ ...r, resources: seen.size }))
        .sort((a, b) => levelRank(a.level) - levelRank(b.level) || severityRank(a.severity) - severityRank(b.severity)
            || b.findings - a.findings || (a.policy < b.policy ? -1 : a.policy > b.policy ? 1 : 0));
}
