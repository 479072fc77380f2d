// The one way an input-derived string (a name, a container name, an annotation key, a file name,
// a value embedded in a message) reaches a line a person or a CI log reads: control characters
// (C0, DEL, C1), line and paragraph separators and Unicode format characters (bidirectional
// overrides, zero-width characters) are written as escapes (`\x1b`, `\u202e`), so no input can
// colour, move, overwrite or break a line; the sequences CI runners read as commands anywhere in a
// line (Azure Pipelines' `##vso[` and `##[`) or at the start of one after blanks (GitHub Actions'
// `::`) are escaped too; and a word longer than MAX_WORD characters is shortened, with its length.

/** The longest name (or other unbroken word) printed whole. */
export const MAX_WORD = 200;

// Cc: C0, DEL and C1; Cf: format characters (bidi controls, zero-width, BOM, tags); Zl, Zp: U+2028, U+2029.
const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;

function escapeChar(ch: string): string {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x100) return `\\x${cp.toString(16).padStart(2, "0")}`;
    if (cp <= 0xffff) return `\\u${cp.toString(16).padStart(4, "0")}`;
    return `\\u{${cp.toString(16)}}`;
}

const LONG_WORD = new RegExp(`[^ ]{${MAX_WORD + 1},}`, "g");

/** A word over MAX_WORD characters: its start, then how long it is. */
function shorten(word: string): string {
    return word.length > MAX_WORD ? `${word.slice(0, MAX_WORD)}...(${word.length} characters)` : word;
}

/**
 * `s` made safe to print: unsafe characters escaped, CI command sequences escaped, and every word
 * (a run without spaces) longer than MAX_WORD shortened.
 */
export function safe(s: string): string {
    let out = s.length > MAX_WORD ? s.replace(LONG_WORD, shorten) : s;
    out = out.replace(UNSAFE, escapeChar);
    // `##vso[task.setvariable ...]`, `##[error]`: Azure Pipelines reads these anywhere in a line.
    out = out.replace(/##(vso)?\[/g, (m: string) => m.slice(0, -1) + "\\x5b");
    // `::error file=...::`: GitHub Actions reads it at the start of a line, after blanks.
    out = out.replace(/(^|\s)::/g, "$1\\x3a:");
    return out;
}
