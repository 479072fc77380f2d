// Runs a policy pack the way the Pulumi engine does: `node <pack>/node_modules/@pulumi/pulumi/
// cmd/run-policy-pack <engine> <pack>` with the pack as working directory, the port read from the
// first line of stdout, then the analyzer gRPC protocol (the messages are protocol.ts's).
// @grpc/grpc-js is loaded when a pack process starts, not with this module: the in-process path
// of the command line never loads it.
import { ChildProcess, spawn } from "child_process";
import * as path from "path";
import type * as grpcTypes from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import * as apb from "@pulumi/pulumi/proto/analyzer_pb";
import type { AnalyzerClient } from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import { PackConfig } from "./config";
import { AnalyzerInfo, analyzerInfoOf, configureRequest, Diagnostic, diagnostic, NotApplicable, Remediation, repeatedField, ResourceInput, toStruct, urnOf } from "./protocol";

export * from "./protocol";

/* eslint-disable @typescript-eslint/no-var-requires */
const grpc = (): typeof grpcTypes => require("@grpc/grpc-js");

export interface StartOptions {
    /** Milliseconds to wait for the port (default 60 s). */
    timeoutMs?: number;
    env?: NodeJS.ProcessEnv;
    /** Milliseconds each RPC may take (default 120 s). */
    rpcTimeoutMs?: number;
}

/** The run-policy-pack entry the engine would use: the pack's own @pulumi/pulumi, else ours. */
function runPolicyPackPath(packDir: string): string {
    try {
        return require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [packDir] });
    } catch {
        return require.resolve("@pulumi/pulumi/cmd/run-policy-pack");
    }
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
        const { AnalyzerClient: Client } = require("@pulumi/pulumi/proto/analyzer_grpc_pb") as typeof import("@pulumi/pulumi/proto/analyzer_grpc_pb");
        const client = new Client(`127.0.0.1:${port}`, grpc().credentials.createInsecure(), {
            "grpc.max_receive_message_length": 400 * 1024 * 1024,
            "grpc.max_send_message_length": 400 * 1024 * 1024,
        });
        return new PackProcess(child, client, () => err, opts.rpcTimeoutMs ?? 120000);
    }

    /** One RPC with a deadline: a pack that never answers (@pulumi/policy can lose an exception) is an error, not a hang. */
    private rpc<Req, Res>(method: "handshake" | "configureStack" | "getAnalyzerInfo" | "configure" | "analyze" | "remediate" | "analyzeStack", req: Req): Promise<Res> {
        const fn = (this.client as any)[method].bind(this.client);
        return new Promise((resolve, reject) =>
            fn(req, new (grpc().Metadata)(), { deadline: Date.now() + this.rpcTimeoutMs }, (err: grpcTypes.ServiceError | null, res: Res) => (err ? reject(err) : resolve(res))));
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
            if (e.code !== grpc().status.UNIMPLEMENTED) throw e;
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

    /**
     * GetAnalyzerInfo's answer as it arrives, not decoded: what the engine waits for (it decodes
     * in Go, in well under a millisecond; this harness's protobuf decoder takes tens of them).
     */
    getAnalyzerInfoBytes(): Promise<Buffer> {
        return new Promise((resolve, reject) => this.client.makeUnaryRequest(
            "/pulumirpc.Analyzer/GetAnalyzerInfo", (m: Empty) => Buffer.from(m.serializeBinary()), (b: Buffer) => b, new Empty(),
            new (grpc().Metadata)(), { deadline: Date.now() + this.rpcTimeoutMs }, (err, res) => (err ? reject(err) : resolve(res!))));
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
    async analyzeWithNotApplicable(r: ResourceInput): Promise<{ diagnostics: Diagnostic[]; notApplicable: NotApplicable[] }> {
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

    /** AnalyzeStack, with the stack policies that answered not applicable. */
    async analyzeStackWithNotApplicable(resources: ResourceInput[]): Promise<{ diagnostics: Diagnostic[]; notApplicable: NotApplicable[] }> {
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
            req, new (grpc().Metadata)(), { deadline: Date.now() + this.rpcTimeoutMs + 10 * resources.length },
            (err, r) => (err ? reject(err) : resolve(r!))));
        return {
            diagnostics: res.getDiagnosticsList().map(diagnostic),
            notApplicable: res.getNotApplicableList().map(n => ({ policyName: n.getPolicyName(), reason: n.getReason() })),
        };
    }

    /** Signals the pack process to stop, without waiting (for a process that is exiting itself). */
    kill(): void {
        if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill();
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

