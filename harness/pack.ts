// Runs a policy pack the way the Pulumi engine does: `node <pack>/node_modules/@pulumi/pulumi/
// cmd/run-policy-pack <engine> <pack>` with the pack as working directory, the port read from the
// first line of stdout, then the analyzer gRPC protocol.
import { ChildProcess, spawn } from "child_process";
import * as path from "path";
import * as grpc from "@grpc/grpc-js";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import * as apb from "@pulumi/pulumi/proto/analyzer_pb";
import { AnalyzerClient } from "@pulumi/pulumi/proto/analyzer_grpc_pb";
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
    supportsConfig: boolean;
    policies: PolicyInfo[];
    initialConfig: PackConfig;
}

const LEVEL_NAMES: Record<number, Level> = { 0: "advisory", 1: "mandatory", 2: "disabled", 3: "remediate" };
const LEVEL_VALUES: Record<Level, number> = { advisory: 0, mandatory: 1, disabled: 2, remediate: 3 };
const SEVERITY_NAMES: Record<number, string> = { 0: "", 1: "low", 2: "medium", 3: "high", 4: "critical" };
const POLICY_TYPES: Record<number, PolicyInfo["policyType"]> = { 0: "unknown", 1: "resource", 2: "stack" };

export interface StartOptions {
    /** Milliseconds to wait for the port (default 60 s). */
    timeoutMs?: number;
    env?: NodeJS.ProcessEnv;
    /** Milliseconds each RPC may take (default 120 s). */
    rpcTimeoutMs?: number;
}

export function urnOf(type: string, name: string, stack = "dev", project = "aks-guard-check"): string {
    return `urn:pulumi:${stack}::${project}::${type}::${name}`;
}

/** The run-policy-pack entry the engine would use: the pack's own @pulumi/pulumi, else ours. */
function runPolicyPackPath(packDir: string): string {
    try {
        return require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [packDir] });
    } catch {
        return require.resolve("@pulumi/pulumi/cmd/run-policy-pack");
    }
}

function toStruct(props: Record<string, unknown>): Struct {
    // JSON round trip: drops undefined, as the engine never sends it.
    return Struct.fromJavaScript(JSON.parse(JSON.stringify(props ?? {})));
}


export class PackProcess {
    private constructor(
        private readonly child: ChildProcess,
        private readonly client: AnalyzerClient,
        private readonly stderr: () => string,
        private readonly rpcTimeoutMs: number,
    ) {}

    /** Starts the pack in `packDir` and connects to it. */
    static async start(packDir: string, opts: StartOptions = {}): Promise<PackProcess> {
        const dir = path.resolve(packDir);
        const child = spawn(process.execPath, [runPolicyPackPath(dir), "127.0.0.1:0", dir], {
            cwd: dir,
            env: opts.env ?? process.env,
            stdio: ["ignore", "pipe", "pipe"],
        });
        let err = "";
        child.stderr!.on("data", d => { if (err.length < 64 * 1024) err += d; });
        const port = await new Promise<number>((resolve, reject) => {
            let out = "";
            const timer = setTimeout(() => { child.kill(); reject(new Error(`policy pack in ${dir} did not report a port within ${opts.timeoutMs ?? 60000} ms\n${err}`)); }, opts.timeoutMs ?? 60000);
            const onData = (d: Buffer) => {
                out += d;
                const nl = out.indexOf("\n");
                if (nl < 0) return;
                clearTimeout(timer);
                child.stdout!.off("data", onData);
                child.stdout!.resume();
                const p = Number(out.slice(0, nl).trim());
                if (Number.isInteger(p) && p > 0) resolve(p);
                else { child.kill(); reject(new Error(`policy pack in ${dir} printed "${out.slice(0, nl)}" instead of a port\n${err}`)); }
            };
            child.stdout!.on("data", onData);
            child.once("exit", code => { clearTimeout(timer); reject(new Error(`policy pack in ${dir} exited with code ${code} before serving\n${err}`)); });
            child.once("error", e => { clearTimeout(timer); reject(e); });
        });
        const client = new AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
            "grpc.max_receive_message_length": 400 * 1024 * 1024,
            "grpc.max_send_message_length": 400 * 1024 * 1024,
        });
        return new PackProcess(child, client, () => err, opts.rpcTimeoutMs ?? 120000);
    }

    /** One RPC with a deadline: a pack that never answers (@pulumi/policy can lose an exception) is an error, not a hang. */
    private rpc<Req, Res>(method: "handshake" | "configureStack" | "getAnalyzerInfo" | "configure" | "analyze" | "remediate" | "analyzeStack", req: Req): Promise<Res> {
        const fn = (this.client as any)[method].bind(this.client);
        return new Promise((resolve, reject) =>
            fn(req, new grpc.Metadata(), { deadline: Date.now() + this.rpcTimeoutMs }, (err: grpc.ServiceError | null, res: Res) => (err ? reject(err) : resolve(res))));
    }

    /** The pack's process id (for measurements). */
    get pid(): number | undefined {
        return this.child.pid;
    }

    /** What the pack wrote to stderr so far. */
    get errorOutput(): string {
        return this.stderr();
    }

    /** Handshake, as the engine sends it; packs built on @pulumi/policy answer UNIMPLEMENTED, which the engine accepts. */
    async handshake(packDir: string): Promise<void> {
        const req = new apb.AnalyzerHandshakeRequest();
        req.setEngineAddress("127.0.0.1:0");
        req.setRootDirectory(packDir);
        req.setProgramDirectory(packDir);
        try {
            await this.rpc("handshake", req);
        } catch (e: any) {
            if (e.code !== grpc.status.UNIMPLEMENTED) throw e;
        }
    }

    async configureStack(stack: string, project: string, dryRun: boolean): Promise<void> {
        const req = new apb.AnalyzerStackConfigureRequest();
        req.setStack(stack);
        req.setProject(project);
        req.setOrganization("organization");
        req.setDryRun(dryRun);
        await this.rpc("configureStack", req);
    }

    async getAnalyzerInfo(): Promise<AnalyzerInfo> {
        return analyzerInfoOf(await this.rpc<Empty, apb.AnalyzerInfo>("getAnalyzerInfo", new Empty()));
    }

    async configure(config: PackConfig): Promise<void> {
        await this.rpc("configure", configureRequest(config));
    }

    /** The fields an Analyze request and an AnalyzeStack resource share, set from `r`. */
    private describe<M extends apb.AnalyzeRequest | apb.AnalyzerResource>(m: M, r: ResourceInput): M {
        m.setType(r.type);
        m.setName(r.name);
        m.setUrn(r.urn ?? urnOf(r.type, r.name));
        m.setProperties(toStruct(r.props));
        const opts = new apb.AnalyzerResourceOptions();
        if (r.parent) opts.setParent(r.parent);
        m.setOptions(opts);
        const prov = this.provider(r);
        if (prov) m.setProvider(prov);
        return m;
    }

    private request(r: ResourceInput): apb.AnalyzeRequest {
        return this.describe(new apb.AnalyzeRequest(), r);
    }

    private provider(r: ResourceInput): apb.AnalyzerProviderResource | undefined {
        if (!r.provider) return undefined;
        const p = new apb.AnalyzerProviderResource();
        p.setType(r.provider.type);
        p.setName(r.provider.name);
        p.setUrn(r.provider.urn ?? urnOf(r.provider.type, r.provider.name));
        p.setProperties(toStruct(r.provider.props ?? {}));
        return p;
    }

    async analyze(r: ResourceInput): Promise<Diagnostic[]> {
        return (await this.analyzeWithNotApplicable(r)).diagnostics;
    }

    /** Analyze, with the policies that answered not applicable (what Pulumi's policy summaries count apart from passed). */
    async analyzeWithNotApplicable(r: ResourceInput): Promise<{ diagnostics: Diagnostic[]; notApplicable: { policyName: string; reason: string }[] }> {
        const res = await this.rpc<apb.AnalyzeRequest, apb.AnalyzeResponse>("analyze", this.request(r));
        return {
            diagnostics: res.getDiagnosticsList().map(diagnostic),
            notApplicable: res.getNotApplicableList().map(n => ({ policyName: n.getPolicyName(), reason: n.getReason() })),
        };
    }

    async remediate(r: ResourceInput): Promise<Remediation[]> {
        const res = await this.rpc<apb.AnalyzeRequest, apb.RemediateResponse>("remediate", this.request(r));
        return res.getRemediationsList().map(x => ({
            policyName: x.getPolicyname(),
            properties: x.getProperties()?.toJavaScript() as Record<string, unknown> | undefined,
            diagnostic: x.getDiagnostic() || undefined,
        }));
    }

    private stackResource(r: ResourceInput): apb.AnalyzerResource {
        const ar = this.describe(new apb.AnalyzerResource(), r);
        if (r.parent) ar.setParent(r.parent);
        ar.setDependenciesList(r.dependencies ?? []);
        const deps = ar.getPropertydependenciesMap();
        for (const [property, urns] of Object.entries(r.propertyDependencies ?? {})) {
            deps.set(property, new apb.AnalyzerPropertyDependencies().setUrnsList(urns));
        }
        return ar;
    }

    async analyzeStack(resources: ResourceInput[]): Promise<Diagnostic[]> {
        // The request encoded one resource at a time (`repeated AnalyzerResource resources = 1`,
        // the same bytes serializeBinary gives): holding every resource's protobuf Struct at once
        // costs about 100 bytes of memory per byte of input, a gigabyte for 10,000 resources.
        const self = this;
        const req = repeatedField(1, (function* () { for (const r of resources) yield self.stackResource(r).serializeBinary(); })());
        const res = await new Promise<apb.AnalyzeResponse>((resolve, reject) => this.client.makeUnaryRequest(
            "/pulumirpc.Analyzer/AnalyzeStack",
            (b: Buffer) => b,
            (b: Buffer) => apb.AnalyzeResponse.deserializeBinary(new Uint8Array(b)),
            // Every stack policy reads every resource: the deadline grows with the stack (10 ms a resource).
            req, new grpc.Metadata(), { deadline: Date.now() + this.rpcTimeoutMs + 10 * resources.length },
            (err, r) => (err ? reject(err) : resolve(r!))));
        return res.getDiagnosticsList().map(diagnostic);
    }

    /** Stops the pack process: SIGTERM, then SIGKILL if it has not exited within `killAfterMs` (default 5 s). */
    async close(killAfterMs = 5000): Promise<void> {
        this.client.close();
        if (this.child.exitCode !== null || this.child.signalCode !== null) return;
        await new Promise<void>(resolve => {
            const timer = setTimeout(() => this.child.kill("SIGKILL"), killAfterMs);
            this.child.once("exit", () => { clearTimeout(timer); resolve(); });
            this.child.kill();
        });
    }
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
    const req = new apb.ConfigureAnalyzerRequest();
    const map = req.getPolicyconfigMap();
    for (const [name, c] of Object.entries(config)) {
        const pc = new apb.PolicyConfig();
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
