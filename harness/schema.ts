// A small JSON-schema validator for policy config, covering the keywords policy config schemas
// use, with messages in the engine's form (`field: Invalid type. Expected: integer, given: string`).
import { isObj } from "../policies/lib/values";

type Schema = Record<string, any> | boolean;

function typeOf(v: unknown): string {
    if (v === null) return "null";
    if (Array.isArray(v)) return "array";
    if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
    return typeof v;
}

function typeMatches(expected: string, v: unknown): boolean {
    const t = typeOf(v);
    return expected === t || (expected === "number" && t === "integer");
}

/** Validates `value` against `schema`; returns the errors, each prefixed with its field path. */
export function validate(schema: Schema, value: unknown, path = "(root)"): string[] {
    if (schema === true) return [];
    if (schema === false) return [`${path}: No additional items are allowed`];
    const errors: string[] = [];
    const err = (msg: string) => errors.push(`${path}: ${msg}`);
    if (schema.type !== undefined) {
        const types: string[] = Array.isArray(schema.type) ? schema.type : [schema.type];
        if (!types.some(t => typeMatches(t, value))) {
            err(`Invalid type. Expected: ${types.join(", ")}, given: ${typeOf(value)}`);
            return errors;
        }
    }
    if (schema.enum !== undefined && !schema.enum.some((e: unknown) => JSON.stringify(e) === JSON.stringify(value))) {
        err(`${path} must be one of the following: ${schema.enum.map((e: unknown) => JSON.stringify(e)).join(", ")}`);
    }
    if (schema.const !== undefined && JSON.stringify(schema.const) !== JSON.stringify(value)) {
        err(`${path} does not match: ${JSON.stringify(schema.const)}`);
    }
    if (typeof value === "number") {
        if (schema.minimum !== undefined && value < schema.minimum) err(`Must be greater than or equal to ${schema.minimum}`);
        if (schema.maximum !== undefined && value > schema.maximum) err(`Must be less than or equal to ${schema.maximum}`);
    }
    if (typeof value === "string") {
        if (schema.minLength !== undefined && value.length < schema.minLength) err(`String length must be greater than or equal to ${schema.minLength}`);
        if (schema.maxLength !== undefined && value.length > schema.maxLength) err(`String length must be less than or equal to ${schema.maxLength}`);
        if (schema.pattern !== undefined && !new RegExp(schema.pattern, "u").test(value)) err(`Does not match pattern '${schema.pattern}'`);
    }
    if (Array.isArray(value)) {
        if (schema.minItems !== undefined && value.length < schema.minItems) err(`Array must have at least ${schema.minItems} items`);
        if (schema.maxItems !== undefined && value.length > schema.maxItems) err(`Array must have at most ${schema.maxItems} items`);
        if (schema.uniqueItems && new Set(value.map(v => JSON.stringify(v))).size !== value.length) err(`array items must be unique`);
        if (schema.items !== undefined && !Array.isArray(schema.items)) {
            value.forEach((item, i) => errors.push(...validate(schema.items, item, `${path === "(root)" ? "" : path + "."}${i}`)));
        }
    }
    if (isObj(value)) {
        const o = value as Record<string, unknown>;
        for (const req of schema.required ?? []) if (!(req in o)) err(`${req} is required`);
        const props: Record<string, Schema> = schema.properties ?? {};
        for (const [k, v] of Object.entries(o)) {
            const sub = path === "(root)" ? k : `${path}.${k}`;
            if (k in props) errors.push(...validate(props[k], v, sub));
            else if (schema.additionalProperties === false) err(`Additional property ${k} is not allowed`);
            else if (typeof schema.additionalProperties === "object") errors.push(...validate(schema.additionalProperties, v, sub));
        }
    }
    return errors;
}
