// Corpus cases that aks-guard judges differently from the index on purpose, each with the reason.
// Keyed by `<file>#<doc>[.items[i]]` and policy. Empty means every indexed case agrees.
export const DIFFERENCES: { id: string; policy: string; reason: string }[] = [
];
