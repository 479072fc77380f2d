// Corpus cases that aks-guard judges differently from the index on purpose, each with the reason.
// Keyed by `<file>#<doc>[.items[i]]` and policy. Empty means every indexed case agrees.
export const DIFFERENCES: { id: string; policy: string; reason: string }[] = [
    {
        id: "checkov/k8s/example_ImageTagFixed/imageWithTagAndDigest-PASSED.yaml#2",
        policy: "k8s-image-tag-pinned",
        reason: "SPEC settled semantics: anything after @ other than sha256: and 64 hex characters is a malformed reference and a violation, even beside a good tag (the placeholder digest sha256:123456; the index already judges the same image a violation under requireDigest and the other placeholder-digest cases too)",
    },
];
