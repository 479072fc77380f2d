// One run as the reports see it: every finding tied to the resource (and so the file and line)
// it is about, in input order, with the counts that decide the exit code.
import { Diagnostic, PolicyInfo, RunResult } from "../../harness";
import { Located } from "../inputs";

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

export interface Report {
    pack: { name: string; version: string };
    policies: PolicyInfo[];
    resources: (Located & { urn: string })[];
    findings: Finding[];
    warnings: string[];
    counts: Record<FindingLevel, number>;
}

/** The diagnostic's own message, without the description line @pulumi/policy puts first. */
function ownMessage(d: Diagnostic): string {
    return d.description && d.message.startsWith(d.description + "\n") ? d.message.slice(d.description.length + 1) : d.message;
}

export function buildReport(run: RunResult, inputs: Located[]): Report {
    const resources = run.resources.map((r, i) => ({ ...inputs[i], urn: r.resource.urn! }));
    const byUrn = new Map(resources.map((r, i) => [r.urn, i]));
    const descriptions = new Map(run.info.policies.map(p => [p.name, p.description]));
    const findings: Finding[] = [];
    const add = (d: Diagnostic, resource: number | undefined) => {
        if (d.enforcementLevel !== "mandatory" && d.enforcementLevel !== "advisory") return;
        findings.push({ policy: d.policyName, level: d.enforcementLevel, severity: d.severity, message: ownMessage(d), description: d.description, resource });
    };
    run.resources.forEach((r, i) => {
        for (const rem of r.remediations) {
            const policy = run.info.policies.find(p => p.name === rem.policyName);
            findings.push({
                policy: rem.policyName, level: "remediate", severity: policy?.severity ?? "",
                message: rem.diagnostic ?? "the pack's remediation fixes this resource; the file still holds the unsafe value",
                description: descriptions.get(rem.policyName) ?? "", resource: i,
            });
        }
        for (const d of r.diagnostics) add(d, i);
    });
    for (const d of run.stack) add(d, d.urn ? byUrn.get(d.urn) : undefined);
    findings.sort((a, b) => (a.resource ?? Infinity) - (b.resource ?? Infinity));
    const counts = { mandatory: 0, advisory: 0, remediate: 0 };
    for (const f of findings) counts[f.level]++;
    return { pack: { name: run.info.name, version: run.info.version }, policies: run.info.policies, resources, findings, warnings: run.warnings, counts };
}
