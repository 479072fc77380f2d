// k8s-no-legacy-service-account-tokens
// No Secret is of type kubernetes.io/service-account-token: the token controller fills such a
// Secret with a token that never expires and stays valid until the Secret is deleted, readable by
// anyone who can read Secrets in the namespace. Pods get short-lived, audience-bound tokens
// through projected volumes (TokenRequest) without any Secret. A type not known yet is deferred.
import { objectPolicy } from "../lib/policy";
import { get } from "../lib/values";

export const noLegacyServiceAccountTokens = objectPolicy({
    name: "k8s-no-legacy-service-account-tokens",
    practice: "6.1",
    description: "Secrets must not hold long-lived service account tokens (the legacy service-account-token Secret type).",
    enforcementLevel: "advisory",
    severity: "medium",
    remediationSteps: "Delete the token Secret; let pods use the projected service account token Kubernetes mounts by default, or request a short-lived token with a projected serviceAccountToken volume or `kubectl create token`.",
}, { Secret: ["core"] }, (secret, _cfg, report) => {
    if (get(secret.obj, "type") !== "kubernetes.io/service-account-token") return;
    const account = get(secret.obj, "metadata", "annotations", "kubernetes.io/service-account.name");
    const whose = typeof account === "string" ? ` for ServiceAccount ${account}` : "";
    report(`it holds a long-lived token${whose} that never expires (${secret.path}type); remove it and use projected, short-lived service account tokens.`);
});
