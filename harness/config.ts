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
    const { config, problems } = parseEntries(json);
    if (problems.length) throw new ConfigError(problems, source);
    return config;
}

/** The entries of a policy config that parse, and a problem for each that does not. */
function parseEntries(json: unknown): { config: PackConfig; problems: string[] } {
    if (json === null || json === undefined) return { config: {}, problems: [] };
    if (typeof json !== "object" || Array.isArray(json)) return { config: {}, problems: ["the file must hold a JSON object keyed by policy name"] };
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
    return { config: out, problems };
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
    let json: unknown;
    try {
        json = JSON.parse(text);
    } catch (e: any) {
        throw new ConfigError([`not valid JSON: ${e.message}`], file);
    }
    const duplicates = duplicateKeys(text);
    if (duplicates.length) throw new ConfigError(duplicates.map(d => `line ${d.line}: duplicate key "${d.key}" (JSON.parse would keep only the last; the engine's YAML config refuses it)`), file);
    return json;
}

/** Every key that repeats within one object of (valid) JSON text, with its line. */
export function duplicateKeys(text: string): { key: string; line: number }[] {
    const out: { key: string; line: number }[] = [];
    const stack: (Set<string> | undefined)[] = [];
    let line = 1, last: string | undefined;
    for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (c === "\n") line++;
        else if (c === '"') {
            let j = i + 1;
            while (text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
            last = JSON.parse(text.slice(i, j + 1));
            i = j;
        } else if (c === ":") {
            const keys = stack[stack.length - 1];
            if (keys && last !== undefined) {
                if (keys.has(last)) out.push({ key: last, line });
                keys.add(last);
            }
        } else if (c === "{" || c === "[") stack.push(c === "{" ? new Set() : undefined);
        else if (c === "}" || c === "]") stack.pop();
    }
    return out;
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
    return reconcileAll(policies, initial, given, [], false, source);
}

/**
 * Stricter than the engine, for the command line: the given config's JSON is checked whole and every
 * mistake reported at once (levels, values, schema), and a name that is no policy of the pack is an
 * error suggesting the nearest policy name: a misspelled tightening would otherwise be dropped.
 */
export function reconcileStrict(policies: PolicySchemaInfo[], initial: PackConfig, json: unknown, source?: string): { config: PackConfig; warnings: string[] } {
    const { config, problems } = parseEntries(json);
    const known = policies.map(p => p.name);
    for (const n of Object.keys(json !== null && typeof json === "object" && !Array.isArray(json) ? json : {})) {
        if (n === "all" || known.includes(n)) continue;
        const near = nearest(n, known);
        problems.push(`"${n}" is not a policy of this pack${near ? ` (did you mean "${near}"?)` : ""}; \`aks-guard list\` shows them all`);
    }
    return reconcileAll(policies, initial, config, problems, true, source);
}

/** The known name closest to `name` by edit distance, when it is close enough to be a typo. */
export function nearest(name: string, known: string[]): string | undefined {
    let best: string | undefined;
    let bestDistance = Infinity;
    for (const k of known) {
        const d = editDistance(name.toLowerCase(), k.toLowerCase());
        if (d < bestDistance) { best = k; bestDistance = d; }
    }
    // A typo, or the name without its prefix (e.g. "no-host-path-volumes").
    if (best !== undefined && bestDistance <= Math.max(3, Math.floor(name.length / 3))) return best;
    return name.length >= 4 ? known.find(k => k.includes(name.toLowerCase())) : undefined;
}

function editDistance(a: string, b: string): number {
    let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        const cur = [i];
        for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        prev = cur;
    }
    return prev[b.length];
}

function reconcileAll(policies: PolicySchemaInfo[], initial: PackConfig, given: PackConfig, problems: string[], strict: boolean, source?: string): { config: PackConfig; warnings: string[] } {
    const result: PackConfig = {};
    for (const p of policies) {
        const props: Record<string, unknown> = {};
        for (const [k, s] of Object.entries(p.configSchema?.properties ?? {})) if (s && "default" in s) props[k] = s.default;
        result[p.name] = { enforcementLevel: p.enforcementLevel, properties: props };
    }
    apply(result, initial);
    apply(result, given);
    const known = new Set(policies.map(p => p.name));
    const warnings = strict ? [] : Object.keys(given).filter(n => n !== "all" && !known.has(n)).map(n => `"${n}" is not a policy of this pack; its config is ignored`);
    for (const n of Object.keys(result)) if (!known.has(n)) delete result[n];
    for (const p of policies) {
        if (!p.configSchema) continue;
        const schema = { type: "object", properties: p.configSchema.properties ?? {}, required: p.configSchema.required };
        for (const e of validate(schema, result[p.name].properties ?? {})) problems.push(`Policy "${p.name}": ${e.replace(/^\(root\): /, "")}`);
    }
    if (problems.length) throw new ConfigError(problems, source);
    return { config: result, warnings };
}
