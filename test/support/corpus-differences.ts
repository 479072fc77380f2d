// Corpus cases that aks-guard judges differently from the index on purpose, each with the reason.
// Keyed by `<file>#<doc>[.items[i]]` and policy. Empty means every indexed case agrees.
export const DIFFERENCES: { id: string; policy: string; reason: string }[] = [
    {
        id: "checkov/k8s/example_ImageTagFixed/imageWithTagAndDigest-PASSED.yaml#2",
        policy: "k8s-image-tag-pinned",
        reason: "SPEC settled semantics: anything after @ other than sha256: and 64 hex characters is a malformed reference and a violation, even beside a good tag (the placeholder digest sha256:123456; the index already judges the same image a violation under requireDigest and the other placeholder-digest cases too)",
    },
];

/**
 * Upstream rule sets whose reading of a case differs from Kubernetes' own, for the round-3
 * policies (cases not in the indexed corpus, so no id): aks-guard follows Kubernetes.
 */
export const UPSTREAM_DIFFERENCES: { source: string; policy: string; reason: string }[] = [
    {
        source: "kubescape/regolibrary C-0280..C-0282, C-0002 (rules reading pods/*)",
        policy: "k8s-rbac-no-privilege-paths",
        reason: "Kubescape reads the resources entry `pods/*` as covering pods/attach, pods/exec and pods/portforward; the RBAC authorizer (ResourceMatches in pkg/apis/rbac/v1/evaluation_helpers.go) treats it as a literal that matches no subresource, only `*` and `*/attach` do",
    },
    {
        source: "kubescape/regolibrary C-0280 (rule-can-approve-cert-signing-request, test cases clusterrole-rolebinding and role-rolebinding)",
        policy: "k8s-rbac-no-privilege-paths",
        reason: "Kubescape alerts on update of certificatesigningrequests/approval alone; approving a CSR also needs approve on the signer (certificates.k8s.io signers, Kubernetes' CSR documentation, \"Authorization\"), so csr-approve asks for both grants",
    },
    {
        source: "kubernetes/pod-security-admission test/testdata/restricted/v1.37/fail/restrictedvolumes0.yaml (hostPath)",
        policy: "k8s-restricted-volume-types",
        reason: "SPEC: hostPath is judged by k8s-no-host-path-volumes (with its allowedHostPaths), not twice",
    },
];
