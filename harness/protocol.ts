// The analyzer protocol's messages as the harness writes and reads them (requests, GetAnalyzerInfo,
// Configure, diagnostics), without gRPC: the in-process evaluator uses these, and only the pack
// process (pack.ts, --engine) loads @grpc/grpc-js.
import type { Struct } from "google-protobuf/google/protobuf/struct_pb";
import type * as apb from "@pulumi/pulumi/proto/analyzer_pb";
import { Level, PackConfig, PolicySchemaInfo } from "./config";

/** The string the engine sends for a value that is unknown during preview: the pack's own. */
export { UNKNOWN_STRING } from "../policies/lib/values";
const SECRET_SIG = { key: "4dabf18193072939515e22adb298388d", value: "1b47061264138c4ac30d75fd1eb44270" };

/** True for a secret as the engine sends it (and as a stack export stores it). */
export function isSecret(v: unknown): boolean {
    return typeof v === "object" && v !== null && (v as Record<string, unknown>)[SECRET_SIG.key] === SECRET_SIG.value;
}

/** A property value wrapped as the engine wraps secrets. */
export function secret(value: unknown): Record<string, unknown> {
    return { [SECRET_SIG.key]: SECRET_SIG.value, value };
}

export interface ResourceInput {
    type: string;
    name: string;
    props: Record<string, unknown>;
    urn?: string;
    parent?: string;
    dependencies?: string[];
    /** The URNs each input property was computed from (AnalyzeStack only, as the engine sends them). */
    propertyDependencies?: Record<string, string[]>;
    provider?: { type: string; name: string; urn?: string; props?: Record<string, unknown> };
}

export interface Diagnostic {
    policyName: string;
    policyPackName: string;
    message: string;
    description: string;
    enforcementLevel: Level;
    severity: string;
    urn: string;
}

/** A policy that did not judge a resource, with its reason (AnalyzeResponse.not_applicable; "" when it gave none). */
export interface NotApplicable {
    policyName: string;
    reason: string;
}

export interface Remediation {
    policyName: string;
    properties?: Record<string, unknown>;
    diagnostic?: string;
}

export interface PolicyInfo extends PolicySchemaInfo {
    displayName: string;
    description: string;
    message: string;
    severity: string;
    tags: string[];
    remediationSteps: string;
    url: string;
    policyType: "resource" | "stack" | "unknown";
    framework?: { name: string; version: string; reference: string; specification: string };
}

export interface AnalyzerInfo {
    name: string;
    version: string;
    /** What Pulumi Cloud shows of the pack ("" when the pack sets none). */
    displayName: string;
    description: string;
    readme: string;
    provider: string;
    tags: string[];
    repository: string;
    supportsConfig: boolean;
    policies: PolicyInfo[];
    initialConfig: PackConfig;
}

const LEVEL_NAMES: Record<number, Level> = { 0: "advisory", 1: "mandatory", 2: "disabled", 3: "remediate" };
const LEVEL_VALUES: Record<Level, number> = { advisory: 0, mandatory: 1, disabled: 2, remediate: 3 };
const SEVERITY_NAMES: Record<number, string> = { 0: "", 1: "low", 2: "medium", 3: "high", 4: "critical" };
const POLICY_TYPES: Record<number, PolicyInfo["policyType"]> = { 0: "unknown", 1: "resource", 2: "stack" };

/** The pack failed mid-protocol (it crashed, or an RPC failed): the error, with what the pack wrote to stderr. */
export class PackFailure extends Error {
    constructor(readonly cause: unknown, readonly stderr: string) {
        const tail = stderr.trim().slice(-16 * 1024);
        super(`the policy pack failed: ${(cause as Error)?.message ?? String(cause)}${tail ? `\npolicy pack stderr:\n${tail}` : ""}`);
    }
}

/* eslint-disable @typescript-eslint/no-var-requires */
// The protobuf modules load on first use: a command-line check in process rarely needs them.
const structPb = (): typeof import("google-protobuf/google/protobuf/struct_pb") => require("google-protobuf/google/protobuf/struct_pb");
const analyzerPb = (): typeof apb => require("@pulumi/pulumi/proto/analyzer_pb");

export function urnOf(type: string, name: string, stack = "dev", project = "aks-guard-check"): string {
    return `urn:pulumi:${stack}::${project}::${type}::${name}`;
}

export function toStruct(props: Record<string, unknown>): Struct {
    // JSON round trip: drops undefined, as the engine never sends it.
    return structPb().Struct.fromJavaScript(JSON.parse(JSON.stringify(props ?? {})));
}

/** `repeated <message> = field` in protobuf's wire format, from messages already serialized one by one. */
export function repeatedField(field: number, messages: Iterable<Uint8Array>): Buffer {
    const varint = (v: number, out: number[]) => {
        for (; v >= 128; v = Math.floor(v / 128)) out.push((v & 127) | 128);
        out.push(v);
    };
    const parts: Buffer[] = [];
    for (const m of messages) {
        const head: number[] = [];
        varint((field << 3) | 2, head);
        varint(m.length, head);
        parts.push(Buffer.from(head), Buffer.from(m.buffer, m.byteOffset, m.byteLength));
    }
    return Buffer.concat(parts);
}

/** GetAnalyzerInfo's answer as the harness reads it. */
export function analyzerInfoOf(info: apb.AnalyzerInfo): AnalyzerInfo {
    const initialConfig: PackConfig = {};
    info.getInitialconfigMap().forEach((v, k) => {
        initialConfig[k] = { enforcementLevel: LEVEL_NAMES[v.getEnforcementlevel()], properties: v.getProperties()?.toJavaScript() as Record<string, unknown> | undefined };
    });
    return {
        name: info.getName(),
        version: info.getVersion(),
        displayName: info.getDisplayname(),
        description: info.getDescription(),
        readme: info.getReadme(),
        provider: info.getProvider(),
        tags: info.getTagsList(),
        repository: info.getRepository(),
        supportsConfig: info.getSupportsconfig(),
        initialConfig,
        policies: info.getPoliciesList().map(p => {
            const schema = p.getConfigschema();
            const fw = p.getFramework();
            return {
                name: p.getName(),
                displayName: p.getDisplayname(),
                description: p.getDescription(),
                message: p.getMessage(),
                enforcementLevel: LEVEL_NAMES[p.getEnforcementlevel()],
                severity: SEVERITY_NAMES[p.getSeverity()] ?? "",
                tags: p.getTagsList(),
                remediationSteps: p.getRemediationSteps(),
                url: p.getUrl(),
                policyType: POLICY_TYPES[p.getPolicyType()] ?? "unknown",
                framework: fw ? { name: fw.getName(), version: fw.getVersion(), reference: fw.getReference(), specification: fw.getSpecification() } : undefined,
                configSchema: schema ? { properties: schema.getProperties()?.toJavaScript() as Record<string, any>, required: schema.getRequiredList() } : undefined,
            };
        }),
    };
}

/** The Configure request the engine sends for `config`. */
export function configureRequest(config: PackConfig): apb.ConfigureAnalyzerRequest {
    const { ConfigureAnalyzerRequest, PolicyConfig } = analyzerPb();
    const req = new ConfigureAnalyzerRequest();
    const map = req.getPolicyconfigMap();
    for (const [name, c] of Object.entries(config)) {
        const pc = new PolicyConfig();
        pc.setEnforcementlevel(LEVEL_VALUES[c.enforcementLevel ?? "advisory"]);
        pc.setProperties(toStruct(c.properties ?? {}));
        map.set(name, pc);
    }
    return req;
}

/** An AnalyzeDiagnostic as the harness reads it. */
export function diagnostic(d: apb.AnalyzeDiagnostic): Diagnostic {
    return {
        policyName: d.getPolicyname(),
        policyPackName: d.getPolicypackname(),
        message: d.getMessage(),
        description: d.getDescription(),
        enforcementLevel: LEVEL_NAMES[d.getEnforcementlevel()],
        severity: SEVERITY_NAMES[d.getSeverity()] ?? "",
        urn: d.getUrn(),
    };
}
