// The in-process evaluator of `aks-guard check` and `list`: the pack's policies called in this
// process exactly as @pulumi/policy 1.21's server (server.js) calls them when the engine drives
// the pack over gRPC, with the SDK's own deserializer, unknown-checking proxy, serializer and
// analyzer-info builder, and the harness's config rules. Session (the gRPC path, `--engine`) is
// the reference; test/inprocess.spec.ts compares the two reports on every input set.
//
// Where it saves work without changing a verdict:
// - a resource's properties are put in the shape the protobuf round trip gives them once (one
//   JSON text, keys sorted), not encoded and decoded per request;
// - a resource policy is not called on a type outside its declared TypeFilter (CRDs, ConfigMaps and
//   the like are judged by no policy, so they are never deserialized per policy);
// - stack policies share one deserialized copy of each resource, behind a read-only view: a
//   policy that writes to it fails the run instead of changing what the next policy sees.
import * as fs from "fs";
import * as path from "path";
import * as v8 from "v8";
import type * as apb from "@pulumi/pulumi/proto/analyzer_pb";
import { PackConfig, parsePackConfig, reconcile, reconcileStrict } from "./config";
import { deferSdkModules } from "./lazy-sdk";
import { AnalyzerInfo, analyzerInfoOf, configureRequest, Diagnostic, NotApplicable, Remediation, ResourceInput, urnOf } from "./protocol";
import type { ResourceResult, RunResult } from "./index";
import type { TypeFilter } from "../policies/lib/tokens";

// Before the SDK loads: its gRPC server and the @pulumi/pulumi index load only if used.
deferSdkModules();

/* eslint-disable @typescript-eslint/no-var-requires */
// The SDK's internals, from the installed @pulumi/policy: the same module instances the policies'
// `import { Secret } from "@pulumi/policy"` loads.
const sdkDeserialize: {
    deserializeProperties(struct: { toJavaScript(): unknown }, proxySecrets: boolean): Record<string, unknown>;
    serializeProperties(v: unknown): Promise<Record<string, unknown>>;
} = require("@pulumi/policy/deserialize");
const sdkProxy: { unknownCheckingProxy<T>(v: T): T; UnknownValueError: new (...a: any[]) => Error } = require("@pulumi/policy/proxy");
const sdkPolicy: { isResourcePolicy(p: unknown): boolean; isStackPolicy(p: unknown): boolean; getPulumiType(o: unknown): string | undefined } = require("@pulumi/policy/policy");
// protoutil and the protobuf messages load on first use (errors, the rare shapes, a live analyzer info).
const sdkProto = (): {
    makeAnalyzerInfo(name: string, version: string, level: string, args: unknown, initialConfig: unknown): apb.AnalyzerInfo;
    asGrpcError(e: unknown, message?: string): Error;
    convertEnforcementLevel(l: number): string;
} => require("@pulumi/policy/protoutil");
const structPb = (): typeof import("google-protobuf/google/protobuf/struct_pb") => require("google-protobuf/google/protobuf/struct_pb");
const analyzerPb = (): typeof apb => require("@pulumi/pulumi/proto/analyzer_pb");

/** The key of the engine's special values (secrets, assets, archives) in property JSON. */
const SPECIAL_SIG_KEY = "4dabf18193072939515e22adb298388d";
/** policy.js: a pack without an enforcementLevel is advisory. */
const PACK_LEVEL = "advisory";
const SEVERITIES = new Set(["low", "medium", "high", "critical"]);
const LEVELS = new Set(["advisory", "mandatory", "remediate", "disabled"]);

/** A policy as @pulumi/policy's server sees it (plus aks-guard's optional TypeFilter). */
type SdkPolicy = Record<string, any> & { name: string; judges?: TypeFilter };
export interface PackModule { PACK_NAME: string; packArgs: { policies?: SdkPolicy[]; enforcementLevel?: string } }

export interface InProcessOptions {
    /** The pack's root (its package.json gives the version, as it does for @pulumi/policy). */
    packDir?: string;
    stack?: string;
    project?: string;
    /** Every config mistake an error, unknown policy names included (the command line); else the engine's rules. */
    strictConfig?: boolean;
    /** ConfigureStack's dryRun (default true, a preview): false means no input is unknown. */
    dryRun?: boolean;
    /**
     * The pack's modules as the caller already loaded them, instead of packDir's dist/policies/pack.js
     * and lib/values.js: the command line's bundle carries its own copies, and its policies must be
     * the ones whose dryRun it sets.
     */
    modules?: PackModules;
}

/** The pack's registration (policies/pack.ts) and its dryRun hook (policies/lib/values.ts setDryRun). */
export interface PackModules { pack: PackModule; setDryRun?: (dryRun: boolean) => void }

/** The pack in `packDir` as its dist/ holds it. A pack without aks-guard's values module (a test pack) has no dryRun hook. */
function packModules(packDir: string): PackModules {
    const values = path.join(packDir, "dist", "policies", "lib", "values.js");
    return {
        pack: require(path.join(packDir, "dist", "policies", "pack.js")),
        setDryRun: fs.existsSync(values) ? require(values).setDryRun : undefined,
    };
}

/** server.js's freezeMap: the stack tags ConfigureStack sets (the harness sends none). */
function freezeMap<K, V>(map: Map<K, V>): ReadonlyMap<K, V> {
    return Object.freeze({
        entries: map.entries.bind(map), forEach: map.forEach.bind(map), get: map.get.bind(map), has: map.has.bind(map),
        keys: map.keys.bind(map), size: map.size, values: map.values.bind(map), [Symbol.iterator]: map[Symbol.iterator].bind(map),
    }) as unknown as ReadonlyMap<K, V>;
}

// ---- The protobuf round trip, without encoding -------------------------------------------------

/** Strings the protobuf UTF-8 round trip may change (lone surrogates), or whose order it may sort differently. */
const NEEDS_PROTO = /[\ud800-\udfff]/;

/** A string as it arrives after a protobuf round trip. */
export function protoString(s: string): string {
    if (!NEEDS_PROTO.test(s)) return s;
    const { Value } = structPb();
    const v = new Value();
    v.setStringValue(s);
    return Value.deserializeBinary(v.serializeBinary()).getStringValue();
}

/** `Struct.fromJavaScript(v)` encoded and decoded: the properties a request carries. */
function structRoundTrip(v: Record<string, unknown>): Record<string, unknown> {
    const { Struct } = structPb();
    return Struct.deserializeBinary(Struct.fromJavaScript(v as any).serializeBinary()).toJavaScript() as Record<string, unknown>;
}

/** Properties in the protobuf round trip's shape: JSON text with keys sorted (or, for the rare shapes plain JSON cannot carry, the decoded tree itself). */
export interface Shaped { text?: string; tree?: Record<string, unknown> }

export const loadShaped = (s: Shaped): Record<string, unknown> => s.tree ?? JSON.parse(s.text!);

function sortedCopy(v: unknown): unknown {
    if (v === null || typeof v !== "object") return v;
    if (Array.isArray(v)) return v.map(sortedCopy);
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) out[k] = sortedCopy((v as Record<string, unknown>)[k]);
    return out;
}

/**
 * What the pack receives for `props` through the harness: a JSON round trip (the harness's
 * toStruct), then the Struct encoding, whose map keys come back sorted. Plain JSON with keys sorted
 * is the same, except for lone surrogates (UTF-8 drops them) and `__proto__` keys, which take the
 * real encoding.
 */
export function requestShape(props: unknown): Shaped {
    const text = JSON.stringify(props ?? {});
    if (NEEDS_PROTO.test(text) || text.includes('"__proto__"') || /\\u[dD][89a-fA-F]/.test(text) || text[0] !== "{") {
        return { tree: structRoundTrip(JSON.parse(text)) };
    }
    return { text: JSON.stringify(sortedCopy(JSON.parse(text))) };
}

/** A remediation's properties as the harness reads them from RemediateResponse (Struct, no JSON step). */
function remediationShape(props: Record<string, unknown>): Record<string, unknown> {
    return structRoundTrip(props);
}

// ---- Read-only sharing -------------------------------------------------------------------------

/** Thrown when a policy writes to properties it shares with other policies. */
export class SharedWriteError extends TypeError {}

const readOnlyViews = new WeakMap<object, object>();

const READ_ONLY: ProxyHandler<any> = {
    get: (target, p) => readOnly(target[p]),
    set: (_t, p) => { throw new SharedWriteError(`policies must not write to the resources they judge (set "${String(p)}")`); },
    deleteProperty: (_t, p) => { throw new SharedWriteError(`policies must not write to the resources they judge (delete "${String(p)}")`); },
    defineProperty: (_t, p) => { throw new SharedWriteError(`policies must not write to the resources they judge (define "${String(p)}")`); },
    setPrototypeOf: () => { throw new SharedWriteError("policies must not write to the resources they judge (setPrototypeOf)"); },
    preventExtensions: () => { throw new SharedWriteError("policies must not write to the resources they judge (preventExtensions)"); },
};

/**
 * A read-only view of plain data (objects and arrays; any write, at any depth, throws). Unlike
 * Object.freeze it keeps properties configurable, so the SDK's unknown-checking proxy still wraps
 * nested values (it returns non-configurable, non-writable values unwrapped).
 */
export function readOnly<T>(v: T): T {
    if (v === null || typeof v !== "object") return v;
    let view = readOnlyViews.get(v as object);
    if (!view) {
        view = new Proxy(v as object, READ_ONLY);
        readOnlyViews.set(v as object, view!);
    }
    return view as T;
}

// ---- The evaluator -----------------------------------------------------------------------------

class NotApplicableError extends Error {
    constructor(readonly reason?: string) {
        super(reason ?? "Policy does not apply");
    }
}
const throwNotApplicable = (reason?: string): never => { throw new NotApplicableError(reason); };

/** server.js pushNotApplicable: the entry as the engine decodes it (an absent reason is ""). */
function pushNotApplicable(list: NotApplicable[], p: { name: string }, reason: unknown): void {
    list.push({ policyName: protoString(p.name), reason: reason ? protoString(String(reason)) : "" });
}

/** One resource as the pack sees it: strings after the protobuf round trip, properties shaped. */
interface Request {
    type: string;
    name: string;
    urn: string;
    parent: string;
    dependencies: string[];
    /** Sorted by property, as a protobuf map arrives. */
    propertyDependencies: [string, string[]][];
    props: Shaped;
    /** The shaped properties contain a special signature (secret, asset, archive): deserializing may fail or build objects. */
    special: boolean;
    provider?: { type: string; name: string; urn: string; props: Shaped };
}

interface SdkDiagnostic { policyName: string; policyPackName: string; policyPackVersion: string; message: string; description?: string; enforcementLevel: string; severity?: string; urn?: string }

/** The AnalyzeDiagnostic the SDK builds from `d` (makeAnalyzeResponse), as the harness reads it. */
function harnessDiagnostic(d: SdkDiagnostic): Diagnostic {
    if (!LEVELS.has(d.enforcementLevel)) throw new Error(`Unknown enforcement level type '${d.enforcementLevel}'`);
    const str = (v: unknown) => (v === undefined || v === null ? "" : protoString(String(v)));
    return {
        policyName: str(d.policyName),
        policyPackName: str(d.policyPackName),
        message: str(d.message),
        description: str(d.description),
        enforcementLevel: d.enforcementLevel as Diagnostic["enforcementLevel"],
        severity: d.severity && SEVERITIES.has(d.severity) ? d.severity : "",
        urn: d.urn ? str(d.urn) : "",
    };
}

/** A failure of a policy (any exception but an unknown value or notApplicable), in the SDK's words. */
export class PolicyError extends Error {}

/** The pack's policies, configured, evaluated in this process. Same surface as Session. */
export class InProcessSession {
    private sdkConfig: Record<string, Record<string, unknown>> = {};
    private readonly stackTags = freezeMap(new Map<string, string>());
    /** The pack's own setDryRun (policies/lib/values.ts), which its ConfigureStack hook calls in a pack process. */
    private setDryRun: (dryRun: boolean) => void = () => undefined;

    private constructor(
        readonly info: AnalyzerInfo,
        private readonly policies: SdkPolicy[],
        private readonly packName: string,
        private readonly packVersion: string,
        private readonly packLevel: string,
        private readonly opts: InProcessOptions,
        public config: PackConfig,
        public warnings: string[],
    ) {}

    /** Loads the pack's policies and configures them with `given` (a `--policy-pack-config` file's JSON) under the engine's rules. */
    static async start(given: unknown = {}, opts: InProcessOptions = {}, source?: string): Promise<InProcessSession> {
        const packDir = path.resolve(opts.packDir ?? path.join(__dirname, "..", ".."));
        const modules = opts.modules ?? packModules(packDir);
        const mod = modules.pack;
        const version: string = JSON.parse(fs.readFileSync(path.join(packDir, "package.json"), "utf8")).version;
        const args = mod.packArgs;
        const level = args.enforcementLevel || PACK_LEVEL;
        const info = analyzerInfo(packDir, mod.PACK_NAME, version, level, args);
        const { config, warnings } = opts.strictConfig
            ? reconcileStrict(info.policies, info.initialConfig, given, source)
            : reconcile(info.policies, info.initialConfig, parsePackConfig(given, source), source);
        const s = new InProcessSession(info, args.policies ?? [], mod.PACK_NAME, version, level, opts, config, warnings);
        if (modules.setDryRun) s.setDryRun = modules.setDryRun;
        s.configureStack();
        s.configure(config);
        return s;
    }

    async reconfigure(given: unknown, source?: string): Promise<void> {
        const { config, warnings } = reconcile(this.info.policies, this.info.initialConfig, parsePackConfig(given, source), source);
        this.configure(config);
        this.config = config;
        this.warnings = warnings;
    }

    private configure(config: PackConfig): void {
        this.sdkConfig = sdkConfigOf(config);
    }

    get errorOutput(): string {
        return "";
    }

    async close(): Promise<void> {
        // Nothing runs outside this process.
    }

    private levelOf(p: SdkPolicy): string {
        return (this.sdkConfig[p.name]?.enforcementLevel as string | undefined) || p.enforcementLevel || this.packLevel;
    }

    private getConfig(name: string): () => Record<string, unknown> {
        return () => {
            const c = this.sdkConfig[name];
            if (!c) return {};
            const { enforcementLevel: _ef, ...properties } = c;
            return properties;
        };
    }

    private from(kind: "policy" | "remediation", p: SdkPolicy): string {
        return `${kind} '${p.name}' from policy pack '${this.packName}@v${this.packVersion}'`;
    }

    private request(r: ResourceInput & { urn: string }, props: unknown): Request {
        const shaped = requestShape(props);
        const req: Request = {
            type: protoString(r.type), name: protoString(r.name), urn: protoString(r.urn),
            parent: r.parent ? protoString(r.parent) : "",
            dependencies: (r.dependencies ?? []).map(protoString),
            propertyDependencies: Object.entries(r.propertyDependencies ?? {})
                .map(([k, urns]): [string, string[]] => [protoString(k), (urns ?? []).map(protoString)])
                .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
            props: shaped,
            special: shaped.text === undefined || shaped.text.includes(SPECIAL_SIG_KEY),
        };
        if (r.provider) {
            req.provider = {
                type: protoString(r.provider.type), name: protoString(r.provider.name),
                urn: protoString(r.provider.urn ?? urnOf(r.provider.type, r.provider.name)),
                props: requestShape(r.provider.props ?? {}),
            };
        }
        return req;
    }

    /** server.js getResourceOptions, for the options the harness sends (a parent at most). */
    private static options(req: Request): Record<string, unknown> {
        const result: Record<string, unknown> = {
            protect: false, ignoreChanges: [], aliases: [],
            customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
            additionalSecretOutputs: [],
        };
        if (req.parent) result.parent = req.parent;
        return result;
    }

    /** server.js getProviderResource. */
    private static provider(req: Request): Record<string, unknown> | undefined {
        if (!req.provider) return undefined;
        const prov = req.provider;
        const tree = loadShaped(prov.props);
        return { type: prov.type, props: sdkProxy.unknownCheckingProxy(sdkDeserialize.deserializeProperties({ toJavaScript: () => tree }, false)), urn: prov.urn, name: prov.name };
    }

    private static isTypeOf(type: string, resourceClass: any): boolean {
        const t = sdkPolicy.getPulumiType(resourceClass);
        if (t) return type === t;
        const isInstance = resourceClass?.isInstance;
        return isInstance && typeof isInstance === "function" && isInstance({ __pulumiType: type }) === true;
    }

    /** True when `p` is skipped on `type` without a call: its TypeFilter excludes the type. */
    private static skips(p: SdkPolicy, type: string): boolean {
        return typeof p.judges === "function" && !p.judges(type);
    }

    /** server.js makeRemediateRpcFun. */
    private async remediate(req: Request): Promise<Remediation[]> {
        const remediating = this.policies.filter(p => this.levelOf(p) === "remediate" && sdkPolicy.isResourcePolicy(p));
        // Nothing to call (the deserialization the SDK does first, which only special values can fail, ran in run()).
        if (remediating.every(p => !p.remediateResource || InProcessSession.skips(p, req.type))) return [];
        const { urn, name, type } = req;
        const opts = InProcessSession.options(req);
        const tree = loadShaped(req.props);
        let props: any = sdkProxy.unknownCheckingProxy(sdkDeserialize.deserializeProperties({ toJavaScript: () => tree }, true));
        const rs: Remediation[] = [];
        for (const p of remediating) {
            if (!p.remediateResource) continue;
            const pulumiType = sdkPolicy.getPulumiType(p.remediateResource);
            if (pulumiType && type !== pulumiType) continue;
            if (InProcessSession.skips(p, type)) continue;
            const args: Record<string, unknown> = {
                urn, name, type, opts, props, stackTags: this.stackTags,
                getConfig: this.getConfig(p.name),
                isType: (resourceClass: unknown) => InProcessSession.isTypeOf(type, resourceClass),
                asType: (resourceClass: unknown) => (InProcessSession.isTypeOf(type, resourceClass) ? props : undefined),
                notApplicable: throwNotApplicable,
            };
            const provider = InProcessSession.provider(req);
            if (provider) args.provider = provider;
            let result: any = undefined;
            let diagnostic: string | undefined = undefined;
            try {
                result = await Promise.resolve(p.remediateResource(args));
                if (result) props = result;
            } catch (e) {
                if (e instanceof sdkProxy.UnknownValueError) diagnostic = `can't run ${this.from("remediation", p)} during preview: ${e.message}`;
                else if (!(e instanceof NotApplicableError)) throw new PolicyError(sdkProto().asGrpcError(e, `Error remediating resource with ${this.from("remediation", p)}`).message);
            }
            if (result || diagnostic) {
                const properties = result ? remediationShape(await sdkDeserialize.serializeProperties(result)) : undefined;
                rs.push({ policyName: protoString(p.name), properties, diagnostic: diagnostic ? protoString(diagnostic) : undefined });
            }
        }
        return rs;
    }

    /** server.js makeReportViolationFun. */
    private reporter(p: SdkPolicy, enforcementLevel: string, ds: SdkDiagnostic[]) {
        const { name: policyName, description, severity } = p;
        const policyPackName = this.packName, policyPackVersion = this.packVersion;
        return (message: any, urn?: string) => {
            if (typeof message === "object") {
                const policyInfo = message;
                ds.push({
                    policyName: policyInfo.name || policyName, policyPackName, policyPackVersion,
                    message: policyInfo.message || policyInfo.description || description,
                    urn: policyInfo.urn,
                    description: policyInfo.description || description,
                    enforcementLevel: policyInfo.enforcementLevel || enforcementLevel,
                    severity: policyInfo.severity || severity,
                });
            } else {
                let violationMessage = description;
                if (message) violationMessage += `\n${message}`;
                ds.push({ policyName, policyPackName, policyPackVersion, message: violationMessage, urn, description, enforcementLevel, severity });
            }
        };
    }

    /** The advisory "can't run ... during preview" diagnostic server.js builds from an UnknownValueError. */
    private unknownDiagnostic(p: SdkPolicy, omit: string, e: Error): SdkDiagnostic {
        const { [omit]: _fn, name, ...diag } = p;
        return { policyName: name, policyPackName: this.packName, policyPackVersion: this.packVersion, message: `can't run ${this.from("policy", p)} during preview: ${e.message}`, ...diag, enforcementLevel: "advisory" } as SdkDiagnostic;
    }

    /** server.js makeAnalyzeRpcFun (with pushNotApplicable). */
    private async analyze(req: Request): Promise<{ diagnostics: Diagnostic[]; notApplicable: NotApplicable[] }> {
        const { type } = req;
        const ds: SdkDiagnostic[] = [];
        const notApplicable: NotApplicable[] = [];
        const skip = (p: SdkPolicy, reason: unknown) => pushNotApplicable(notApplicable, p, reason);
        let tree: Record<string, unknown> | undefined;
        for (const p of this.policies) {
            let enforcementLevel = this.levelOf(p);
            if (enforcementLevel === "disabled" || !sdkPolicy.isResourcePolicy(p)) continue;
            if (!p.validateResource) {
                skip(p, "Policy does not implement validateResource");
                continue;
            }
            if (enforcementLevel === "remediate") enforcementLevel = "mandatory";
            if (!Array.isArray(p.validateResource)) {
                const pulumiType = sdkPolicy.getPulumiType(p.validateResource);
                if (pulumiType && type !== pulumiType) {
                    skip(p, `Policy only applies to resources of type '${pulumiType}'`);
                    continue;
                }
            }
            if (InProcessSession.skips(p, type)) {
                // The SDK would deserialize the provider's properties for this policy; only that can fail.
                if (req.provider && req.provider.props.text?.includes(SPECIAL_SIG_KEY) !== false) this.validateProvider(req, p);
                // What its validateResource answers outside its filter, without the call.
                if (typeof p.outside === "function") skip(p, p.outside(type));
                continue;
            }
            const reportViolation = this.reporter(p, enforcementLevel, ds);
            const validations = Array.isArray(p.validateResource) ? p.validateResource : [p.validateResource];
            for (const validation of validations) {
                try {
                    tree ??= loadShaped(req.props);
                    const src = tree;
                    const props = sdkProxy.unknownCheckingProxy(sdkDeserialize.deserializeProperties({ toJavaScript: () => src }, false));
                    const args: Record<string, unknown> = {
                        type, props, urn: req.urn, name: req.name, opts: InProcessSession.options(req), stackTags: this.stackTags,
                        isType: (resourceClass: unknown) => InProcessSession.isTypeOf(type, resourceClass),
                        asType: (resourceClass: unknown) => (InProcessSession.isTypeOf(type, resourceClass) ? props : undefined),
                        getConfig: this.getConfig(p.name),
                        notApplicable: throwNotApplicable,
                    };
                    const provider = InProcessSession.provider(req);
                    if (provider) args.provider = provider;
                    await Promise.resolve(validation(args, reportViolation));
                } catch (e) {
                    if (e instanceof sdkProxy.UnknownValueError) ds.push(this.unknownDiagnostic(p, "validateResource", e));
                    else if (e instanceof NotApplicableError) skip(p, e.reason);
                    else throw new PolicyError(sdkProto().asGrpcError(e, `Error validating resource with ${this.from("policy", p)}`).message);
                }
            }
        }
        return { diagnostics: ds.map(harnessDiagnostic), notApplicable };
    }

    private validateProvider(req: Request, p: SdkPolicy): void {
        try {
            InProcessSession.provider(req);
        } catch (e) {
            throw new PolicyError(sdkProto().asGrpcError(e, `Error validating resource with ${this.from("policy", p)}`).message);
        }
    }

    /** server.js makeAnalyzeStackRpcFun; the stack's resources deserialized once and shared read-only where they are plain data. */
    private async analyzeStack(reqs: Request[]): Promise<{ diagnostics: Diagnostic[]; notApplicable: NotApplicable[] }> {
        const ds: SdkDiagnostic[] = [];
        const notApplicable: NotApplicable[] = [];
        const skip = (p: SdkPolicy, reason: unknown) => pushNotApplicable(notApplicable, p, reason);
        const shared: unknown[] = new Array(reqs.length);
        for (const p of this.policies) {
            let enforcementLevel = this.levelOf(p);
            if (enforcementLevel === "disabled" || !sdkPolicy.isStackPolicy(p)) continue;
            if (enforcementLevel === "remediate") enforcementLevel = "mandatory";
            const pulumiType = sdkPolicy.getPulumiType(p.validateStack);
            if (pulumiType && !reqs.some(r => r.type === pulumiType)) {
                skip(p, `Policy only applies to resources of type '${pulumiType}'`);
                continue;
            }
            await yieldToEventLoop();
            const reportViolation = this.reporter(p, enforcementLevel, ds);
            try {
                const intermediates = reqs.map((r, i) => {
                    const type = r.type;
                    let data: unknown;
                    if (r.special) {
                        // Secrets, assets or archives: a copy per policy, as the SDK makes.
                        const tree = loadShaped(r.props);
                        data = sdkDeserialize.deserializeProperties({ toJavaScript: () => tree }, false);
                    } else {
                        if (shared[i] === undefined) {
                            const tree = loadShaped(r.props);
                            shared[i] = readOnly(sdkDeserialize.deserializeProperties({ toJavaScript: () => tree }, false));
                        }
                        data = shared[i];
                    }
                    const props = sdkProxy.unknownCheckingProxy(data);
                    const resource: Record<string, any> = {
                        type, props, urn: r.urn, name: r.name, opts: InProcessSession.options(r),
                        dependencies: [], propertyDependencies: {},
                        isType: (resourceClass: unknown) => InProcessSession.isTypeOf(type, resourceClass),
                        asType: (resourceClass: unknown) => (InProcessSession.isTypeOf(type, resourceClass) ? props : undefined),
                    };
                    const provider = InProcessSession.provider(r);
                    if (provider) resource.provider = provider;
                    return { resource, parent: r.parent, dependencies: r.dependencies, propertyDependencies: r.propertyDependencies };
                });
                const urnsToResources = new Map<string, Record<string, any>>();
                for (const i of intermediates) urnsToResources.set(i.resource.urn, i.resource);
                for (const i of intermediates) {
                    if (i.parent) {
                        const parent = urnsToResources.get(i.parent);
                        if (parent) i.resource.parent = parent;
                    }
                    i.resource.dependencies = i.dependencies.map(d => urnsToResources.get(d)).filter(d => d);
                    for (const [k, urns] of i.propertyDependencies) i.resource.propertyDependencies[k] = urns.map(d => urnsToResources.get(d)).filter(d => d);
                }
                const args = { resources: intermediates.map(r => r.resource), getConfig: this.getConfig(p.name), stackTags: this.stackTags, notApplicable: throwNotApplicable };
                await Promise.resolve(p.validateStack(args, reportViolation));
            } catch (e) {
                if (e instanceof sdkProxy.UnknownValueError) ds.push(this.unknownDiagnostic(p, "validateStack", e));
                else if (e instanceof NotApplicableError) skip(p, e.reason);
                else throw new PolicyError(sdkProto().asGrpcError(e, `Error validating resource with ${this.from("policy", p)}`).message);
            }
        }
        return { diagnostics: ds.map(harnessDiagnostic), notApplicable };
    }

    /** Remediate then Analyze each resource, then AnalyzeStack once: Session.run's result, computed here. */
    /**
     * What the pack's ConfigureStack hook does with the request's dryRun (policies/configure-stack.ts).
     * The setting is the pack module's, shared by every session of this process: each run sets it again.
     */
    private configureStack(): void {
        this.setDryRun(this.opts.dryRun ?? true);
    }

    async run(resources: ResourceInput[]): Promise<RunResult> {
        this.configureStack();
        const results: ResourceResult[] = new Array(resources.length);
        const finals: Request[] = new Array(resources.length);
        for (let i = 0; i < resources.length; i++) {
            if (i % 64 === 63) await yieldToEventLoop(); // so that a signal (Ctrl-C) is handled mid-run
            const r = resources[i];
            const resource = { ...r, urn: r.urn ?? urnOf(r.type, r.name, this.opts.stack, this.opts.project) };
            let req = this.request(resource, resource.props);
            if (req.special) loadSpecial(req); // fails as the SDK's Remediate would, before anything else
            const remediations = await this.remediate(req);
            let props = resource.props;
            for (const rem of remediations) if (rem.properties) props = rem.properties;
            if (props !== resource.props) req = this.request(resource, props);
            const { diagnostics, notApplicable } = await this.analyze(req);
            results[i] = { resource, props, remediations, diagnostics, notApplicable };
            finals[i] = req;
        }
        const { diagnostics: stack, notApplicable: stackNotApplicable } = await this.analyzeStack(finals);
        return { info: this.info, config: this.config, warnings: this.warnings, resources: results, stack, stackNotApplicable };
    }
}

// ---- GetAnalyzerInfo and Configure, without protobuf where the result is provably the same ------

/** GetAnalyzerInfo's answer, built by the SDK and decoded as the harness decodes it: what the engine computes. */
export function liveAnalyzerInfo(name: string, version: string, level: string, args: PackModule["packArgs"]): AnalyzerInfo {
    const infoProto = sdkProto().makeAnalyzerInfo(name, version, level, args, undefined);
    return analyzerInfoOf(analyzerPb().AnalyzerInfo.deserializeBinary(infoProto.serializeBinary()));
}

/** The build's copy of the pack's analyzer info (tools/analyzer-info.ts writes it after tsc). */
export const PRECOMPUTED_INFO = path.join("dist", "policies", "analyzer-info.bin");

/**
 * Everything makeAnalyzerInfo reads: the pack's name, version and level and its arguments as data
 * (a function is recorded by its presence, which decides the policy type), as JSON text, compared
 * whole (no hash: loading crypto costs the command more than the comparison). A copy computed for
 * other arguments (a policy changed and only tsc ran since) is not used.
 */
export function infoFingerprint(name: string, version: string, level: string, args: PackModule["packArgs"]): string {
    return JSON.stringify({ name, version, level, args }, (_k, v) =>
        typeof v === "function" ? "[function]" : typeof v === "number" && !Number.isFinite(v) ? `[number ${v}]` : v === undefined ? "[undefined]" : v);
}

/** The precomputed analyzer info when it was computed for exactly these arguments, else the live computation. */
export function analyzerInfo(packDir: string, name: string, version: string, level: string, args: PackModule["packArgs"]): AnalyzerInfo {
    const fingerprint = infoFingerprint(name, version, level, args);
    try {
        // v8's serializer keeps what JSON would lose: undefined fields and key order.
        const saved = v8.deserialize(fs.readFileSync(path.join(packDir, PRECOMPUTED_INFO))) as { fingerprint: string; info: AnalyzerInfo };
        if (saved.fingerprint === fingerprint) return saved.info;
    } catch {
        // none built (or unreadable): compute it
    }
    return liveAnalyzerInfo(name, version, level, args);
}

/** Writes the precomputed analyzer info of the pack in `packDir` (its dist/policies/pack.js). */
export function writePrecomputedInfo(packDir: string): string {
    const mod: PackModule = require(path.join(packDir, "dist", "policies", "pack.js"));
    const version: string = JSON.parse(fs.readFileSync(path.join(packDir, "package.json"), "utf8")).version;
    const level = mod.packArgs.enforcementLevel || PACK_LEVEL;
    const file = path.join(packDir, PRECOMPUTED_INFO);
    fs.writeFileSync(file, v8.serialize({ fingerprint: infoFingerprint(mod.PACK_NAME, version, level, mod.packArgs), info: liveAnalyzerInfo(mod.PACK_NAME, version, level, mod.packArgs) }));
    return file;
}

/** server.js's configure on the request the harness sends, through protobuf: the engine's computation. */
export function sdkConfigViaProtocol(config: PackConfig): Record<string, Record<string, unknown>> {
    const req = analyzerPb().ConfigureAnalyzerRequest.deserializeBinary(configureRequest(config).serializeBinary());
    const out: Record<string, Record<string, unknown>> = {};
    for (const [k, v] of req.getPolicyconfigMap().entries()) {
        const props = v.getProperties()!.toJavaScript() as Record<string, unknown>;
        props.enforcementLevel = sdkProto().convertEnforcementLevel(v.getEnforcementlevel());
        out[k] = props;
    }
    return out;
}

/**
 * The same without protobuf: the request's map and each Struct come back with keys sorted, and the
 * properties in the shape requestShape gives any request (the rare strings JSON cannot carry take
 * the real encoding there); the level's number maps back to its name.
 */
export function sdkConfigOf(config: PackConfig): Record<string, Record<string, unknown>> {
    const out: Record<string, Record<string, unknown>> = {};
    for (const name of Object.keys(config).sort()) {
        const c = config[name];
        const level = c.enforcementLevel ?? "advisory";
        if (!LEVELS.has(level) || NEEDS_PROTO.test(name)) return sdkConfigViaProtocol(config);
        const props = loadShaped(requestShape(c.properties ?? {}));
        props.enforcementLevel = level;
        out[name] = props;
    }
    return out;
}

/** Lets pending events (a signal) run: the evaluation itself never waits on I/O. */
const yieldToEventLoop = () => new Promise<void>(resolve => setImmediate(resolve));

/** Deserializes `req`'s properties once, as Remediate does first: a malformed special value fails here. */
function loadSpecial(req: Request): void {
    const tree = loadShaped(req.props);
    sdkDeserialize.deserializeProperties({ toJavaScript: () => tree }, true);
}
