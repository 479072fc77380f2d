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
