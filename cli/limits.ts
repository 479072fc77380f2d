// Bounds on hostile or accidental input: file size, number of objects, property values, nesting
// depth. Every bound is a clear error naming the input (exit 2), checked before the pack sees
// anything. Only regular files and stdin are read: a FIFO, a device or a socket could block in
// open() or never end, so their type is checked before opening (and again on the open descriptor).
import { isUtf8 } from "buffer";
import * as fs from "fs";

export interface Limits {
    /** Bytes per input file (or stdin), counted while reading. */
    maxFileBytes: number;
    /** Objects in all inputs together: YAML documents, List items, stack or preview resources. */
    maxDocuments: number;
    /** Property values (every object, array, string, number, boolean) in all resources together. The
     *  policy pack process holds every resource at once for AnalyzeStack, as the protobuf messages the
     *  engine sends: `npm run bench` measures about 2.2 KB per value on a realistic mix (1.23 million
     *  values, a 20,000-resource stack export: 2.96 GB) on top of 250 MB, so the default keeps the pack
     *  under 2 GB. In process (the default evaluator) the same export peaks at 1.25 GB, about 0.85 KB
     *  per value, so its bound is twice as high and still keeps the command under 2 GB. (Objects alone
     *  cannot bound it: a resource may hold 10 values or 10,000.) */
    maxValues: number;
    /** Nesting of objects and arrays within one document. */
    maxDepth: number;
    /**
     * Characters (UTF-16 code units) of every string, keys included, in all resources together.
     * Values bound how many strings there are, not their size: one 99 MB string peaked at 3.5 GB
     * with --engine (the pack process and the command together; it is copied per policy), 40 MB at
     * 1.65 GB; in process 99 MB peaked at 0.8 GB and two of them at 1.56 GB (2026-12-03). So the
     * defaults, 40 MB with --engine and 200 MB in process, keep the command under 2 GB.
     */
    maxStringChars: number;
}

export const DEFAULT_LIMITS: Limits = { maxFileBytes: 100 * 1024 * 1024, maxDocuments: 20_000, maxValues: 750_000, maxDepth: 100, maxStringChars: 40 * 1024 * 1024 };

/** The default bound on property values when the catalog runs in process (see Limits.maxValues). */
export const IN_PROCESS_MAX_VALUES = 1_500_000;

/** The default bound on the size of strings when the catalog runs in process (see Limits.maxStringChars). */
export const IN_PROCESS_MAX_STRING_CHARS = 200 * 1024 * 1024;

/** Input the command cannot read: the message names the file (and line where known). */
export class InputError extends Error {}

const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;
const tooLarge = (file: string, limits: Limits) => new InputError(`${file}: more than the ${mb(limits.maxFileBytes)} limit (raise it with --max-file-size MB)`);

/** What a file that is not a regular file is, for the message refusing it. */
function kindOf(st: fs.Stats): string {
    if (st.isDirectory()) return "a folder";
    if (st.isFIFO()) return "a FIFO (named pipe, or process substitution <(...))";
    if (st.isCharacterDevice()) return "a character device";
    if (st.isBlockDevice()) return "a block device";
    if (st.isSocket()) return "a socket";
    return "not a regular file";
}

/** The reason a path cannot be opened, in words. */
export function describeError(e: NodeJS.ErrnoException): string {
    switch (e.code) {
        case "ENOENT": return "no such file or directory";
        case "ELOOP": return "symlink loop (a chain of symbolic links that leads back to itself)";
        case "EACCES": case "EPERM": return "permission denied";
        case "ENOTDIR": return "a part of the path is not a folder";
        default: return e.message;
    }
}

/**
 * A regular file's text, refused when it is anything else (FIFO, device, socket), beyond the size
 * bound (counted as it is read: a file that grows is still bounded) and when it is not UTF-8 text.
 * Asynchronous, in chunks, so that signals are handled while it reads.
 */
export async function readTextFile(file: string, limits: Limits): Promise<string> {
    let st: fs.Stats;
    try {
        st = await fs.promises.stat(file);
    } catch (e: any) {
        throw new InputError(`${file}: cannot read: ${describeError(e)}`);
    }
    if (!st.isFile()) throw new InputError(`${file}: ${kindOf(st)}; aks-guard reads only regular files, and stdin as -`);
    if (st.size > limits.maxFileBytes) throw new InputError(`${file}: ${mb(st.size)} is larger than the ${mb(limits.maxFileBytes)} limit (raise it with --max-file-size MB)`);
    let fh: fs.promises.FileHandle;
    try {
        // O_NONBLOCK: should the path be swapped for a FIFO after the check, open() still returns.
        fh = await fs.promises.open(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
    } catch (e: any) {
        throw new InputError(`${file}: cannot read: ${describeError(e)}`);
    }
    try {
        const opened = await fh.stat();
        if (!opened.isFile()) throw new InputError(`${file}: ${kindOf(opened)}; aks-guard reads only regular files, and stdin as -`);
        const chunks: Buffer[] = [];
        let size = 0;
        while (true) {
            const buf = Buffer.allocUnsafe(Math.min(4 * 1024 * 1024, limits.maxFileBytes + 1 - size));
            const { bytesRead } = await fh.read(buf, 0, buf.length, null);
            if (bytesRead === 0) break;
            size += bytesRead;
            if (size > limits.maxFileBytes) throw tooLarge(file, limits);
            chunks.push(bytesRead === buf.length ? buf : buf.subarray(0, bytesRead));
        }
        return decode(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size), file);
    } catch (e: any) {
        throw e instanceof InputError ? e : new InputError(`${file}: cannot read: ${describeError(e)}`);
    } finally {
        await fh.close();
    }
}

/** All of stdin, refused as soon as it passes the size bound. */
export async function readStdin(limits: Limits, stream: NodeJS.ReadableStream = process.stdin): Promise<string> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of stream) {
        const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
        size += b.length;
        if (size > limits.maxFileBytes) throw tooLarge("<stdin>", limits);
        chunks.push(b);
    }
    return decode(Buffer.concat(chunks), "<stdin>");
}

/** UTF-8 text or an error naming the first byte that is not: a NUL byte or an invalid sequence. */
function decode(buf: Buffer, file: string): string {
    const nul = buf.indexOf(0);
    if (nul >= 0) throw new InputError(`${file}: not a text file: a NUL byte at byte offset ${nul} (line ${lineAt(buf, nul)}); expected YAML or JSON`);
    if (!isUtf8(buf)) {
        const at = firstInvalidUtf8(buf);
        const bytes = [...buf.subarray(at, at + 4)].map(b => b.toString(16).padStart(2, "0")).join(" ");
        throw new InputError(`${file}: not UTF-8 text: invalid byte sequence (${bytes}) at byte offset ${at} (line ${lineAt(buf, at)}); expected YAML or JSON in UTF-8`);
    }
    const text = buf.toString("utf8");
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function lineAt(buf: Buffer, offset: number): number {
    let line = 1;
    for (let i = buf.indexOf(10); i >= 0 && i < offset; i = buf.indexOf(10, i + 1)) line++;
    return line;
}

/** Offset of the first byte that does not begin a valid UTF-8 sequence (RFC 3629: no overlongs, surrogates or > U+10FFFF). */
export function firstInvalidUtf8(buf: Uint8Array): number {
    let i = 0;
    while (i < buf.length) {
        const b = buf[i];
        if (b < 0x80) { i++; continue; }
        let n: number, min: number, cp: number;
        if (b >= 0xc2 && b <= 0xdf) { n = 1; min = 0x80; cp = b & 0x1f; }
        else if (b >= 0xe0 && b <= 0xef) { n = 2; min = 0x800; cp = b & 0x0f; }
        else if (b >= 0xf0 && b <= 0xf4) { n = 3; min = 0x10000; cp = b & 0x07; }
        else return i;
        for (let k = 1; k <= n; k++) {
            const c = buf[i + k];
            if (c === undefined || (c & 0xc0) !== 0x80) return i;
            cp = (cp << 6) | (c & 0x3f);
        }
        if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
        i += n + 1;
    }
    return buf.length;
}

/**
 * Walks a document's value without recursion: its depth (counting stops past `max`), how many
 * values it holds, the characters of its strings and keys, and every string flattened. (A string the YAML parser built piece by piece is a
 * rope of one heap object per piece; flattened, it is one. `Number(s)` makes V8 flatten it.)
 */
export function measure(value: unknown, max: number): { depth: number; values: number; chars: number } {
    let deepest = 0, values = 0, chars = 0;
    const stack: [unknown, number][] = [[value, 0]];
    while (stack.length) {
        const [v, d] = stack.pop()!;
        values++;
        if (typeof v === "string") { Number(v); chars += v.length; continue; }
        if (v === null || typeof v !== "object") continue;
        if (d + 1 > deepest) deepest = d + 1;
        if (deepest > max) return { depth: deepest, values, chars };
        if (Array.isArray(v)) {
            for (const child of v) stack.push([child, d + 1]);
        } else {
            for (const k of Object.keys(v)) {
                chars += k.length;
                stack.push([(v as Record<string, unknown>)[k], d + 1]);
            }
        }
    }
    return { depth: deepest, values, chars };
}

/** Depth of nested objects and arrays, without recursion; stops counting past `max`. */
export const depthOf = (value: unknown, max: number): number => measure(value, max).depth;

/** Refuses a document nested deeper than the bound. */
export function checkDepth(value: unknown, limits: Limits, where: string): void {
    if (depthOf(value, limits.maxDepth) > limits.maxDepth) {
        throw new InputError(`${where}: nested deeper than ${limits.maxDepth} levels (raise it with --max-depth N)`);
    }
}
