// k8s-no-plaintext-secrets-in-env
// No container (including init and ephemeral containers) puts a credential into the pod spec as
// a literal env value: an env var whose name looks like a credential (a password, secret, token,
// key or connection string) must take its value from valueFrom (secretKeyRef), not `value`.
// Names are judged by whole segments (split on "_", "-", "." and camelCase): DB_PASSWORD, DB_PASS,
// ADMIN_PW, API_KEY, CLIENT_SECRET, AUTH_TOKEN, STORAGE_CONNECTION_STRING look like credentials;
// KEYCLOAK_URL and TOKENIZER_MODE do not, nor PUBLIC_KEY, nor names that say the value only
// points at or describes a credential (PASSWORD_FILE, TOKEN_URL, SECRET_NAME, MAX_TOKENS).
// An empty value is not a secret. Messages name the variable and never repeat its value.
import { workloadPolicy } from "../lib/policy";
import { arr, get, obj, str } from "../lib/values";
import { containersOf } from "../lib/workload";

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
    // A public key is not a secret (PUBLIC_KEY, publicKeys).
    if (segs.some((s, i) => CREDENTIAL_WORDS.has(s) && !(s.startsWith("key") && segs[i - 1] === "public"))) return true;
    return segs.some((s, i) => CREDENTIAL_PAIRS.some(([a, b]) => s === a && segs[i + 1] === b));
}

/** True for a literal that could carry a credential: a non-blank string, a number or a boolean. */
function isLiteral(v: unknown): boolean {
    return (typeof v === "string" && v.trim() !== "") || typeof v === "number" || typeof v === "boolean";
}

export const noPlaintextSecretsInEnv = workloadPolicy({
    name: "k8s-no-plaintext-secrets-in-env",
    practice: "1",
    description: "Env vars that look like credentials must come from a Secret (valueFrom.secretKeyRef), not a literal value.",
    enforcementLevel: "advisory",
    severity: "high",
    remediationSteps: "Store the credential in a Kubernetes Secret (or the Azure Key Vault provider for the Secrets Store CSI driver) and reference it with env[].valueFrom.secretKeyRef instead of env[].value; better still, use workload identity instead of a credential.",
}, (pod, _cfg, report) => {
    for (const cv of containersOf(pod)) {
        arr(cv.c, "env").forEach((item, i) => {
            const env = obj(item);
            const name = str(env, "name");
            if (!env || name === undefined || !looksLikeCredential(name)) return;
            if (!isLiteral(get(env, "value"))) return; // unknown, empty or absent: nothing literal to report
            report(`${cv.label} sets env ${name} to a literal value (${cv.path}.env[${i}].value); use valueFrom.secretKeyRef.`);
        });
    }
});
