// The engine-faithful harness: one pack process, the engine's config rules, and the engine's
// sequence of calls (Handshake, ConfigureStack, GetAnalyzerInfo, Configure, then Remediate and
// Analyze per resource, AnalyzeStack once). Tests and the aks-guard command line both use it.
import * as fs from "fs";
import * as path from "path";
import { ConfigError, PackConfig, parsePackConfig, reconcile, reconcileStrict } from "./config";
import { AnalyzerInfo, Diagnostic, NotApplicable, PackFailure, PackProcess, Remediation, ResourceInput, StartOptions, urnOf } from "./pack";

export * from "./config";
export * from "./pack";

/** The pack shipped with this package (its package.json `main`). */
export const PACK_DIR = path.resolve(__dirname, "..", "..");

/** The installed command, as a user runs it: package.json's `bin` (the one-file bundle, tools/bundle.ts). */
export const CLI_BIN = path.join(PACK_DIR, JSON.parse(fs.readFileSync(path.join(PACK_DIR, "package.json"), "utf8")).bin["aks-guard"]);

export interface ResourceResult {
    resource: ResourceInput;
    /** The properties Analyze judged: the input after every remediation. */
    props: Record<string, unknown>;
    remediations: Remediation[];
    diagnostics: Diagnostic[];
    /** The policies that did not judge it (a kind they do not judge, exempted, or deferred on a preview unknown), in the pack's order. */
    notApplicable: NotApplicable[];
}

export interface RunResult {
    info: AnalyzerInfo;
    config: PackConfig;
    warnings: string[];
    resources: ResourceResult[];
    stack: Diagnostic[];
    /** The stack policies that did not judge the stack (nothing of the kinds they read), in the pack's order. */
    stackNotApplicable: NotApplicable[];
}

export interface SessionOptions extends StartOptions {
    packDir?: string;
    stack?: string;
    project?: string;
    dryRun?: boolean;
    /** Resources analyzed at once (the engine analyzes steps in parallel too). */
    concurrency?: number;
    /** Every config mistake an error, unknown policy names included (the command line); else the engine's rules. */
    strictConfig?: boolean;
}

/** A started, configured pack: analyze any number of resource sets with it, then close. */
export class Session {
    private constructor(
        readonly pack: PackProcess,
        readonly info: AnalyzerInfo,
        private readonly opts: SessionOptions,
        public config: PackConfig,
        public warnings: string[],
    ) {}

    /**
     * Starts the pack and configures it with `given` (the JSON of a `--policy-pack-config` file)
     * under the engine's rules.
     */
    static async start(given: unknown = {}, opts: SessionOptions = {}, source?: string): Promise<Session> {
        const packDir = path.resolve(opts.packDir ?? PACK_DIR);
        const pack = await PackProcess.start(packDir, opts);
        try {
            await pack.handshake(packDir);
            await pack.configureStack(opts.stack ?? "dev", opts.project ?? "aks-guard-check", opts.dryRun ?? true);
            const info = await pack.getAnalyzerInfo();
            const { config, warnings } = opts.strictConfig
                ? reconcileStrict(info.policies, info.initialConfig, given, source)
                : reconcile(info.policies, info.initialConfig, parsePackConfig(given, source), source);
            await pack.configure(config);
            return new Session(pack, info, opts, config, warnings);
        } catch (e) {
            await pack.close();
            throw e instanceof ConfigError ? e : new PackFailure(e, pack.errorOutput);
        }
    }

    /** Reconfigures the running pack (the engine configures once; tests reuse one process). */
    async reconfigure(given: unknown, source?: string): Promise<void> {
        const { config, warnings } = reconcile(this.info.policies, this.info.initialConfig, parsePackConfig(given, source), source);
        await this.pack.configure(config);
        this.config = config;
        this.warnings = warnings;
    }

    /** Remediate then Analyze one resource, as the engine does before it registers it. */
    async analyzeResource(r: ResourceInput): Promise<ResourceResult> {
        const resource = { ...r, urn: r.urn ?? urnOf(r.type, r.name, this.opts.stack, this.opts.project) };
        const remediations = await this.pack.remediate(resource);
        let props = resource.props;
        for (const rem of remediations) if (rem.properties) props = rem.properties;
        const { diagnostics, notApplicable } = await this.pack.analyzeWithNotApplicable({ ...resource, props });
        return { resource, props, remediations, diagnostics, notApplicable };
    }

    /** Every resource through Remediate + Analyze, then the whole set through AnalyzeStack once. */
    async run(resources: ResourceInput[]): Promise<RunResult> {
        const results: ResourceResult[] = new Array(resources.length);
        let next = 0;
        const worker = async () => {
            while (next < resources.length) {
                const i = next++;
                results[i] = await this.analyzeResource(resources[i]);
            }
        };
        await Promise.all(Array.from({ length: Math.min(this.opts.concurrency ?? 8, resources.length) }, worker));
        const { diagnostics: stack, notApplicable: stackNotApplicable } = await this.pack.analyzeStackWithNotApplicable(results.map(r => ({ ...r.resource, props: r.props })));
        return { info: this.info, config: this.config, warnings: this.warnings, resources: results, stack, stackNotApplicable };
    }

    /** What the pack wrote to stderr so far (its stack trace, when it crashed). */
    get errorOutput(): string {
        return this.pack.errorOutput;
    }

    async close(): Promise<void> {
        await this.pack.close();
    }
}

/** One-shot: start the pack, judge the resources, stop it. */
export async function runPack(resources: ResourceInput[], given: unknown = {}, opts: SessionOptions = {}): Promise<RunResult> {
    const session = await Session.start(given, opts);
    try {
        return await session.run(resources);
    } finally {
        await session.close();
    }
}
