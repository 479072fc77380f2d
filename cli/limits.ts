// Bounds on hostile or accidental input: file size, number of objects, nesting depth. Every
// bound is a clear error naming the input (exit 2), checked before the pack sees anything.
import * as fs from "fs";

export interface Limits {
    /** Bytes per input file (or stdin). */
    maxFileBytes: number;
    /** Objects in all inputs together: YAML documents, List items, stack or preview resources. The pack
     *  holds them all at once for AnalyzeStack (about 80 KB each for a realistic workload), so the
     *  default keeps the pack under 2 GB. */
    maxDocuments: number;
    /** Nesting of objects and arrays within one document. */
    maxDepth: number;
}

export const DEFAULT_LIMITS: Limits = { maxFileBytes: 100 * 1024 * 1024, maxDocuments: 20_000, maxDepth: 100 };

/** Input the command cannot read: the message names the file (and line where known). */
export class InputError extends Error {}

const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;

/** A file's text, refused beyond the size bound and when it is not UTF-8 text. */
export function readTextFile(file: string, limits: Limits): string {
    let size: number;
    try {
        size = fs.statSync(file).size;
    } catch (e: any) {
        throw new InputError(`${file}: cannot read: ${e.code === "ENOENT" ? "no such file or directory" : e.message}`);
    }
    if (size > limits.maxFileBytes) throw new InputError(`${file}: ${mb(size)} is larger than the ${mb(limits.maxFileBytes)} limit (raise it with --max-file-size MB)`);
    let buf: Buffer;
    try {
        buf = fs.readFileSync(file);
    } catch (e: any) {
        throw new InputError(`${file}: cannot read: ${e.message}`);
    }
    return decode(buf, file);
}

/** All of stdin, refused as soon as it passes the size bound. */
export async function readStdin(limits: Limits, stream: NodeJS.ReadableStream = process.stdin): Promise<string> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of stream) {
        const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
        size += b.length;
        if (size > limits.maxFileBytes) throw new InputError(`<stdin>: more than the ${mb(limits.maxFileBytes)} limit (raise it with --max-file-size MB)`);
        chunks.push(b);
    }
    return decode(Buffer.concat(chunks), "<stdin>");
}

/** UTF-8 text or an error: a NUL byte or an invalid sequence means a binary file. */
function decode(buf: Buffer, file: string): string {
    const text = buf.toString("utf8");
    if (buf.includes(0) || text.includes("\uFFFD") && !buf.includes(Buffer.from("\uFFFD"))) {
        throw new InputError(`${file}: not a text file (binary content); expected YAML or JSON`);
    }
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Depth of nested objects and arrays, without recursion; stops counting past `max`. */
export function depthOf(value: unknown, max: number): number {
    let deepest = 0;
    const stack: [unknown, number][] = [[value, 0]];
    while (stack.length) {
        const [v, d] = stack.pop()!;
        if (v === null || typeof v !== "object") continue;
        if (d + 1 > deepest) deepest = d + 1;
        if (deepest > max) return deepest;
        for (const child of Array.isArray(v) ? v : Object.values(v)) if (child !== null && typeof child === "object") stack.push([child, d + 1]);
    }
    return deepest;
}

/** Refuses a document nested deeper than the bound. */
export function checkDepth(value: unknown, limits: Limits, where: string): void {
    if (depthOf(value, limits.maxDepth) > limits.maxDepth) {
        throw new InputError(`${where}: nested deeper than ${limits.maxDepth} levels (raise it with --max-depth N)`);
    }
}
