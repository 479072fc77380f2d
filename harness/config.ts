// Policy config with the Pulumi engine's rules: the file format of `--policy-pack-config`, each
// policy's own default level and schema defaults, then the pack's initial config, then `all`,
// then per-policy entries; the result validated against each policy's schema.
import * as fs from "fs";
import { isObj } from "../policies/lib/values";
import { validate } from "./schema";

export type Level = "advisory" | "mandatory" | "remediate" | "disabled";
export const LEVELS: readonly Level[] = ["advisory", "mandatory", "remediate", "disabled"];

export interface PolicyConfig {
    enforcementLevel?: Level;
    properties?: Record<string, unknown>;
}
export type PackConfig = Record<string, PolicyConfig>;

/** What the pack reports about a policy in GetAnalyzerInfo, as far as config needs it. */
export interface PolicySchemaInfo {
    name: string;
    enforcementLevel: Level;
    configSchema?: { properties?: Record<string, any>; required?: string[] };
}

export class ConfigError extends Error {
    constructor(public readonly problems: string[], source?: string) {
        super(`${source ? source + ": " : ""}invalid policy config:\n  ${problems.join("\n  ")}`);
    }
}

const isLevel = (v: unknown): v is Level => typeof v === "string" && (LEVELS as readonly string[]).includes(v);

/** Parses the JSON of a policy config file (`{"all": "advisory", "<policy>": {...}}`). */
export function parsePackConfig(json: unknown, source = "policy config"): PackConfig {
    if (json === null || json === undefined) return {};
    if (typeof json !== "object" || Array.isArray(json)) throw new ConfigError(["the file must hold a JSON object keyed by policy name"], source);
    const out: PackConfig = {};
    const problems: string[] = [];
    for (const [name, v] of Object.entries(json as Record<string, unknown>)) {
        if (typeof v === "string") {
            if (isLevel(v)) out[name] = { enforcementLevel: v };
            else problems.push(`${name}: "${v}" is not a valid enforcement level (one of ${LEVELS.join(", ")})`);
        } else if (isObj(v)) {
            const { enforcementLevel, ...properties } = v as Record<string, unknown>;
            if (enforcementLevel !== undefined && !isLevel(enforcementLevel)) {
                problems.push(`${name}: ${JSON.stringify(enforcementLevel)} is not a valid enforcement level (one of ${LEVELS.join(", ")})`);
                continue;
            }
            const entry: PolicyConfig = {};
            if (enforcementLevel !== undefined) entry.enforcementLevel = enforcementLevel;
            if (Object.keys(properties).length > 0) entry.properties = properties;
            if (entry.enforcementLevel || entry.properties) out[name] = entry;
        } else {
            problems.push(`${name}: ${JSON.stringify(v)} is not a valid value; must be a string or object`);
        }
    }
    if (problems.length) throw new ConfigError(problems, source);
    return out;
}

/**
 * The raw JSON of a `--policy-pack-config` file, as Session.start takes it; an empty file is an
 * empty config, as for the engine.
 */
export function readPackConfigJson(file: string): unknown {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (e: any) {
        throw new ConfigError([`cannot read: ${e.code === "ENOENT" ? "no such file" : e.message}`], file);
    }
    if (text.trim() === "") return {};
    try {
        return JSON.parse(text);
    } catch (e: any) {
        throw new ConfigError([`not valid JSON: ${e.message}`], file);
    }
}

/** Reads and parses a config file. */
export function readPackConfigFile(file: string): PackConfig {
    return parsePackConfig(readPackConfigJson(file), file);
}

function apply(result: PackConfig, given: PackConfig): void {
    const all = given.all?.enforcementLevel;
    if (all) for (const k of Object.keys(result)) result[k] = { ...result[k], enforcementLevel: all };
    for (const [name, cfg] of Object.entries(given)) {
        const cur = result[name] ?? {};
        result[name] = {
            enforcementLevel: cfg.enforcementLevel ?? cur.enforcementLevel,
            properties: cfg.properties ? { ...cur.properties, ...cfg.properties } : cur.properties,
        };
    }
}

/**
 * The config the engine sends to Configure: defaults, then initial config, then the given config,
 * validated per policy. Names that match no policy are returned as warnings (the engine ignores
 * them; a typo should not pass unnoticed).
 */
export function reconcile(policies: PolicySchemaInfo[], initial: PackConfig, given: PackConfig, source?: string): { config: PackConfig; warnings: string[] } {
    const result: PackConfig = {};
    for (const p of policies) {
        const props: Record<string, unknown> = {};
        for (const [k, s] of Object.entries(p.configSchema?.properties ?? {})) if (s && "default" in s) props[k] = s.default;
        result[p.name] = { enforcementLevel: p.enforcementLevel, properties: props };
    }
    apply(result, initial);
    apply(result, given);
    const known = new Set(policies.map(p => p.name));
    const warnings = Object.keys(given).filter(n => n !== "all" && !known.has(n)).map(n => `"${n}" is not a policy of this pack; its config is ignored`);
    for (const n of Object.keys(result)) if (!known.has(n)) delete result[n];
    const problems: string[] = [];
    for (const p of policies) {
        if (!p.configSchema) continue;
        const schema = { type: "object", properties: p.configSchema.properties ?? {}, required: p.configSchema.required };
        for (const e of validate(schema, result[p.name].properties ?? {})) problems.push(`Policy "${p.name}": ${e.replace(/^\(root\): /, "")}`);
    }
    if (problems.length) throw new ConfigError(problems, source);
    return { config: result, warnings };
}
