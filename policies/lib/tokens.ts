// Type-token matching for every API version, without loading the provider SDKs at run time.

/** A parsed Kubernetes type token: `kubernetes:apps/v1:DeploymentPatch` → apps, v1, Deployment, patch. */
export interface K8sType {
    group: string;      // "core" for the legacy group
    version: string;
    kind: string;       // without the Patch/List suffix
    variant: "plain" | "patch" | "list";
}

const k8sTokenRE = /^kubernetes:([^/:]+)\/([^/:]+):([A-Za-z0-9]+)$/;
const cache = new Map<string, K8sType | undefined>();

export function parseK8sType(token: string): K8sType | undefined {
    if (cache.has(token)) return cache.get(token);
    const m = k8sTokenRE.exec(token);
    let parsed: K8sType | undefined;
    if (m) {
        const [, group, version, name] = m;
        // A kind whose own name ends in "List" or "Patch" does not exist in the core API groups.
        const variant = name.endsWith("Patch") ? "patch" : name.endsWith("List") ? "list" : "plain";
        const kind = variant === "patch" ? name.slice(0, -5) : variant === "list" ? name.slice(0, -4) : name;
        parsed = { group, version, kind, variant };
    }
    if (cache.size < 10000) cache.set(token, parsed);
    return parsed;
}

/** Kind → the API groups it is served from (any version). */
export type KindGroups = Record<string, readonly string[]>;

/**
 * A resource type as the pack declares it (and `aks-guard list --types` prints it):
 * `kubernetes:apps/*:Deployment` is the kind in every version of its API group, with its Patch and
 * List variants; `azure-native:containerservice:ManagedCluster` is the type in every API version;
 * any other token (a classic `azure:` token, the generic custom resource) is matched exactly.
 */
export type TypePattern = string;

/**
 * The resource types a policy judges, decided on the type token alone: on any other type the
 * policy reports nothing and reads no property, so an evaluator may skip it there. `types`
 * declares them (test/types.spec.ts checks that the two agree).
 */
export type TypeFilter = ((type: string) => boolean) & { readonly types?: readonly TypePattern[] };

/** A filter with the types it declares. */
export function declaredFilter(types: readonly TypePattern[], match: (type: string) => boolean): TypeFilter {
    return Object.assign((type: string) => match(type), { types });
}

/** The patterns of Kubernetes `kinds` (`{ Deployment: ["apps"] }` → `kubernetes:apps/*:Deployment`). */
export function k8sPatterns(kinds: KindGroups): TypePattern[] {
    return Object.entries(kinds).flatMap(([kind, groups]) => groups.map(g => `kubernetes:${g}/*:${kind}`));
}

const k8sPatternRE = /^kubernetes:([^/:]+)\/\*:([A-Za-z0-9]+)$/;
const nativePatternRE = /^azure-native:([A-Za-z0-9]+):([A-Za-z0-9]+)$/;

/** True when `type` is one of the types `pattern` declares. */
export function matchesPattern(type: string, pattern: TypePattern): boolean {
    const k = k8sPatternRE.exec(pattern);
    if (k) return matchK8s(type, { [k[2]]: [k[1]] }) !== undefined;
    const n = nativePatternRE.exec(pattern);
    return n ? isAzureType(type, n[1], n[2]) : type === pattern;
}

/** The filter of a policy over Kubernetes objects of `kinds` (any version and variant). */
export const kindFilter = (kinds: KindGroups): TypeFilter => declaredFilter(k8sPatterns(kinds), type => matchK8s(type, kinds) !== undefined);

/** Matches `token` against kinds and their groups, in any version and variant. */
export function matchK8s(token: string, kinds: KindGroups): K8sType | undefined {
    const t = parseK8sType(token);
    if (!t) return undefined;
    const groups = kinds[t.kind];
    return groups && groups.includes(t.group) ? t : undefined;
}

/** The Pulumi token of a manifest's apiVersion and kind (`apps/v1`, `Deployment` → `kubernetes:apps/v1:Deployment`). */
export function k8sTokenOf(apiVersion: string, kind: string): string {
    const slash = apiVersion.indexOf("/");
    const group = slash < 0 ? "core" : apiVersion.slice(0, slash);
    const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
    return `kubernetes:${group}/${version}:${kind}`;
}

const azureTokenRE = /^azure-native:([A-Za-z0-9]+)(?:\/(v[0-9]{8}[a-z0-9]*))?:([A-Za-z0-9]+)$/;

/**
 * True when `token` is `azure-native:<module>:<Type>` in the default or any versioned module
 * (`azure-native:containerservice/v20240901:ManagedCluster`, `.../v20250102preview:...`).
 */
export function isAzureType(token: string, module: string, type: string): boolean {
    const m = azureTokenRE.exec(token);
    return !!m && m[1].toLowerCase() === module.toLowerCase() && m[3] === type;
}
