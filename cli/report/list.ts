// `aks-guard list`: the catalog as the pack reports it in GetAnalyzerInfo, with the levels that
// the given config (if any) sets.
import { PackConfig, PolicyInfo } from "../../harness";

/** The most specific practice tag (`practice-6.1` over `practice-6`). */
export function practiceOf(p: PolicyInfo): string {
    const tags = p.tags.filter(t => t.startsWith("practice-")).map(t => t.slice("practice-".length));
    return tags.sort((a, b) => b.length - a.length)[0] ?? "";
}

export interface CatalogEntry { name: string; practice: string; level: string; severity: string; description: string; url: string }

export function catalog(policies: PolicyInfo[], config: PackConfig): CatalogEntry[] {
    return policies.map(p => ({
        name: p.name, practice: practiceOf(p), level: config[p.name]?.enforcementLevel ?? p.enforcementLevel,
        severity: p.severity, description: p.description, url: p.url,
    }));
}

export function listText(entries: CatalogEntry[]): string {
    const w = (k: keyof CatalogEntry, min: number) => Math.max(min, ...entries.map(e => e[k].length));
    const cols: [keyof CatalogEntry, number][] = [["name", w("name", 4)], ["practice", w("practice", 8)], ["level", w("level", 5)], ["severity", w("severity", 8)]];
    const row = (vals: string[]) => vals.map((v, i) => (i < cols.length ? v.padEnd(cols[i][1]) : v)).join("  ").trimEnd();
    return [row(["NAME", "PRACTICE", "LEVEL", "SEVERITY", "DESCRIPTION"]), ...entries.map(e => row([e.name, e.practice, e.level, e.severity, e.description]))].join("\n") + "\n";
}

// ---- `aks-guard list --types` ---------------------------------------------------------------

export type Provider = "azure-native" | "azure" | "kubernetes";

/** One resource type the pack judges (a TypePattern, policies/lib/tokens.ts) and the policies that judge or read it. */
export interface TypeEntry { provider: Provider; type: string; policies: string[] }

const PROVIDERS: { provider: Provider; title: string }[] = [
    { provider: "azure-native", title: "azure-native (every API version: azure-native:<module>/vYYYYMMDD[preview]:<Type>)" },
    { provider: "azure", title: "azure (the classic @pulumi/azure provider, exact tokens)" },
    { provider: "kubernetes", title: "kubernetes (<group>/* is every version of the group, with the ...Patch and ...List variants)" },
];

export function providerOf(type: string): Provider | undefined {
    return type.startsWith("azure-native:") ? "azure-native" : type.startsWith("azure:") ? "azure" : type.startsWith("kubernetes:") ? "kubernetes" : undefined;
}

/** Every declared type of the given policies, by provider then type, with the policies (in catalog order). */
export function typeEntries(policies: { name: string; types: readonly string[] }[]): TypeEntry[] {
    const byType = new Map<string, string[]>();
    for (const p of policies) for (const t of p.types) byType.set(t, [...(byType.get(t) ?? []), p.name]);
    const order = (t: string) => PROVIDERS.findIndex(x => x.provider === providerOf(t));
    return [...byType].sort(([a], [b]) => order(a) - order(b) || a.localeCompare(b))
        .map(([type, names]) => ({ provider: providerOf(type)!, type, policies: names }));
}

export function typesText(entries: TypeEntry[]): string {
    const width = Math.max(4, ...entries.map(e => e.type.length));
    const lines: string[] = [];
    for (const { provider, title } of PROVIDERS) {
        const mine = entries.filter(e => e.provider === provider);
        if (mine.length === 0) continue;
        if (lines.length) lines.push("");
        lines.push(title);
        for (const e of mine) lines.push(`  ${e.type.padEnd(width)}  ${String(e.policies.length).padStart(2)}  ${e.policies.join(", ")}`);
    }
    lines.push("", "Any other type is judged by no policy.");
    return lines.join("\n") + "\n";
}
