// k8s-no-plaintext-secrets-in-env
// No container (including init and ephemeral containers) puts a credential into the pod spec as
// a literal env value: an env var whose name looks like a credential (a password, secret, token,
// key or connection string) must not carry a literal `value`. The fix is a file: a mounted
// `secret` volume, or the Azure Key Vault provider for the Secrets Store CSI driver. Env vars
// from valueFrom.secretKeyRef are not reported, but never advised (SPEC round 3): env is inherited
// by child processes and ends up in logs and crash dumps, and other scanners flag it.
// Names are judged by whole segments (split on "_", "-", "." and camelCase): DB_PASSWORD, DB_PASS,
// ADMIN_PW, API_KEY, CLIENT_SECRET, AUTH_TOKEN, STORAGE_CONNECTION_STRING look like credentials;
// KEYCLOAK_URL and TOKENIZER_MODE do not, nor PUBLIC_KEY, nor names that say the value only
// points at or describes a credential (PASSWORD_FILE, TOKEN_URL, SECRET_NAME, MAX_TOKENS, and
// TLS_SECRET or CA_SECRET, which name the Secret object holding a certificate).
// An empty value is not a secret. Messages name the variable and never repeat its value.
// The same holds for credentials on the command line (`command` and `args`, each entry also split
// at whitespace, as a shell script in `sh -c` would be): `--db-password=hunter2`, or
// `--api-key` followed by a literal argument, by the same whole-segment names (one or two dashes).
// A `$(VAR)` reference (Kubernetes fills it in from the env), a shell variable (`$VAR`, `${VAR}`),
// a file path (`/`, `./`, `../`, `~/`, `file:`), true/false and another flag are not literals.
// Messages name the flag and the argument, never its value.
import { Report, workloadPolicy } from "../lib/policy";
import { arr, get, obj, str, UNKNOWN } from "../lib/values";
import { ContainerView, containersOf } from "../lib/workload";

/** Whole name segments that mean the value is a credential. */
const CREDENTIAL_WORDS = new Set([
    "password", "passwd", "pwd", "passphrase", "pass", "pw",
    "secret", "secrets",
    "token",
    "key", "keys", "apikey", "accesskey", "secretkey", "privatekey", "signingkey",
    "credential", "credentials", "creds",
    "connectionstring", "connstr", "connstring",
]);

/** Adjacent segments that together mean a credential (CONNECTION_STRING). */
const CREDENTIAL_PAIRS = [["connection", "string"], ["conn", "string"]];

/** A last segment saying the value describes or locates a credential rather than being one. */
const DESCRIBES_LAST = new Set([
    "file", "path", "dir", "url", "uri", "endpoint", "host", "name", "id", "ref",
    "type", "mode", "kind", "format", "algorithm", "length", "size", "ttl", "expiry", "timeout",
    "enabled", "version", "header", "field", "vault", "region", "location",
]);
/** A first segment saying the value counts or bounds something (MAX_TOKENS, MIN_PASSWORD_LENGTH). */
const DESCRIBES_FIRST = new Set(["max", "min", "num"]);
/**
 * Segments before a last "secret" that make it the name of a TLS Secret object (cert-manager's
 * --webhook-ca-secret, --webhook-serving-secret, ingress controllers' --tls-secret): certificate
 * material is never one literal word, so the value can only name the Secret that holds it.
 */
const NAMES_TLS_SECRET = new Set(["ca", "tls", "serving", "cert", "certs", "certificate"]);

/** `STORAGE_CONNECTION_STRING` → storage, connection, string; `dbPassword` → db, password; `APIKey` → api, key. */
export function nameSegments(name: string): string[] {
    return name
        .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
        .replace(/([A-Z])(?=[A-Z][a-z])/g, "$1 ") // linear: a long all-caps run is not rescanned per position
        .split(/[\s_.\-]+/)
        .filter(s => s !== "")
        .map(s => s.toLowerCase());
}

export function looksLikeCredential(name: string): boolean {
    const segs = nameSegments(name);
    if (segs.length === 0) return false;
    if (DESCRIBES_LAST.has(segs[segs.length - 1]) || DESCRIBES_FIRST.has(segs[0])) return false;
    if (segs.length > 1 && segs[segs.length - 1] === "secret" && NAMES_TLS_SECRET.has(segs[segs.length - 2])) return false;
    // A public key is not a secret (PUBLIC_KEY, publicKeys).
    if (segs.some((s, i) => CREDENTIAL_WORDS.has(s) && !(s.startsWith("key") && segs[i - 1] === "public"))) return true;
    return segs.some((s, i) => CREDENTIAL_PAIRS.some(([a, b]) => s === a && segs[i + 1] === b));
}

/** True for a literal that could carry a credential: a non-blank string, a number or a boolean. */
function isLiteral(v: unknown): boolean {
    return (typeof v === "string" && v.trim() !== "") || typeof v === "number" || typeof v === "boolean";
}

/** A command-line word: its text (UNKNOWN during preview, undefined for a malformed entry) and where it is. */
interface Word {
    text: string | undefined | typeof UNKNOWN;
    /** `command[0]`, `args[2]`. */
    at: string;
}

/** The words of a container's command line, command then args, each entry split at whitespace. */
function commandLine(cv: ContainerView): Word[] {
    const out: Word[] = [];
    for (const field of ["command", "args"] as const) {
        const list = arr(cv.c, field);
        list.forEach((_, i) => {
            const e = get(list, i);
            const at = `${field}[${i}]`;
            if (typeof e !== "string") { out.push({ text: e === UNKNOWN ? UNKNOWN : undefined, at }); return; }
            for (const w of e.split(/\s+/)) if (w !== "") out.push({ text: w, at });
        });
    }
    return out;
}

/** `--db-password=value`, `-token=value`, or `--api-key` alone; group 1 is the flag, group 2 the name, group 3 the value. */
const FLAG = /^(--?([A-Za-z][A-Za-z0-9_.-]*))(?:=([\s\S]*))?$/;

/** True for an argument that could carry a credential: not blank, a reference, a file path, true/false, nor a flag. */
function isLiteralArgument(word: string): boolean {
    const v = word.replace(/^(["'])([\s\S]*)\1$/, "$2").trim();
    if (v === "" || v.startsWith("-") || /^(true|false)$/i.test(v)) return false;
    if (v.startsWith("$") || v.includes("$(") || v.includes("${")) return false; // $(VAR), $VAR, ${VAR}, $(cmd)
    return !/^(\/|\.\.?\/|~\/|file:)/i.test(v);
}

/** Literal credentials passed as flags on a container's command line. */
function checkCommandLine(cv: ContainerView, report: Report): void {
    const words = commandLine(cv);
    words.forEach((w, k) => {
        const m = typeof w.text === "string" ? FLAG.exec(w.text) : null;
        if (!m || !looksLikeCredential(m[2])) return;
        const value = m[3] !== undefined ? { text: m[3], at: w.at } : words[k + 1];
        if (!value || typeof value.text !== "string" || !isLiteralArgument(value.text)) return; // none, unknown or not a literal
        report(`${cv.label} passes ${m[1]} a literal value on its command line (${cv.path}.${value.at}); mount the credential as a file instead (a secret volume, or the Azure Key Vault provider for the Secrets Store CSI driver) and have the application read it there (a flag that takes a file path).`);
    });
}

export const noPlaintextSecretsInEnv = workloadPolicy({
    name: "k8s-no-plaintext-secrets-in-env",
    practice: "1",
    description: "Env vars and command-line flags that look like credentials must not carry a literal value; mount the secret as a file instead.",
    enforcementLevel: "advisory",
    severity: "high",
    remediationSteps: "Store the credential in a Kubernetes Secret or in Azure Key Vault and mount it into the container as a file (a secret volume with volumeMounts, or the Azure Key Vault provider for the Secrets Store CSI driver), then have the application (or a flag that takes a file path) read it from there instead of env[].value or a literal flag; better still, use workload identity instead of a credential.",
}, (pod, _cfg, report) => {
    for (const cv of containersOf(pod)) {
        arr(cv.c, "env").forEach((_item, i, envs) => {
            const env = obj(envs, i);
            const name = str(env, "name");
            if (!env || name === undefined || !looksLikeCredential(name)) return;
            if (!isLiteral(get(env, "value"))) return; // unknown, empty or absent: nothing literal to report
            report(`${cv.label} sets env ${name} to a literal value (${cv.path}.env[${i}].value); mount the credential as a file instead (a secret volume, or the Azure Key Vault provider for the Secrets Store CSI driver) and have the application read it there.`);
        });
        checkCommandLine(cv, report);
    }
});
