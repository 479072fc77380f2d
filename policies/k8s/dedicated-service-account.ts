// k8s-dedicated-service-account
// Every pod runs as its own named ServiceAccount (spec.serviceAccountName, or the deprecated
// spec.serviceAccount), never the namespace's `default` one or none, and does not mount the
// service account token: automountServiceAccountToken is explicitly false (unset mounts it). Pods
// that call the Kubernetes API may mount it when config allowTokenAutomount is true.
import { workloadPolicy } from "../lib/policy";
import { get, show, UNKNOWN } from "../lib/values";
import { PodView } from "../lib/workload";

/** The service account field that decides, as the API server resolves it; undefined when neither is set. */
function serviceAccountField(pod: PodView): { field: string; value: unknown } | undefined {
    for (const field of ["serviceAccountName", "serviceAccount"]) {
        const value = get(pod.spec, field);
        if (value === UNKNOWN || (value !== undefined && value !== null && value !== "")) return { field, value };
    }
    for (const field of ["serviceAccountName", "serviceAccount"]) {
        if (get(pod.spec, field) === "") return { field, value: "" };
    }
    return undefined;
}

export const dedicatedServiceAccount = workloadPolicy({
    name: "k8s-dedicated-service-account",
    practice: "6.1",
    description: "Pods run as a dedicated ServiceAccount (not default) and do not mount its token unless allowed.",
    enforcementLevel: "advisory",
    severity: "medium",
    remediationSteps: "Create a ServiceAccount for the workload, set spec.serviceAccountName to it, and set automountServiceAccountToken: false unless the pod calls the Kubernetes API.",
    config: {
        allowTokenAutomount: {
            type: "boolean", default: false,
            description: "Accept pods that mount their service account token (automountServiceAccountToken unset or true).",
        },
    },
}, (pod, cfg, report) => {
    const sa = serviceAccountField(pod);
    const saPath = `${pod.specPath}.serviceAccountName`;
    if (sa === undefined) {
        if (!pod.partial) report(`${saPath} is not set, so the pod runs as the namespace's default ServiceAccount; set it to a dedicated ServiceAccount.`);
    } else if (sa.value === "" || sa.value === "default") {
        report(`${pod.specPath}.${sa.field} names the default ServiceAccount; set ${saPath} to a dedicated ServiceAccount.`);
    } else if (sa.value !== UNKNOWN && typeof sa.value !== "string") {
        report(`${pod.specPath}.${sa.field} is ${show(sa.value)}; set ${saPath} to a dedicated ServiceAccount's name.`);
    }

    if (cfg.allowTokenAutomount === true) return;
    const tokenPath = `${pod.specPath}.automountServiceAccountToken`;
    const automount = get(pod.spec, "automountServiceAccountToken");
    if (automount === UNKNOWN || automount === false) return;
    if (automount === undefined || automount === null) {
        if (!pod.partial) report(`${tokenPath} is not set, so the service account token is mounted; set it to false (or allowTokenAutomount if the pod calls the Kubernetes API).`);
    } else {
        report(`${tokenPath} is ${show(automount)}; set it to false (or allowTokenAutomount if the pod calls the Kubernetes API).`);
    }
});
