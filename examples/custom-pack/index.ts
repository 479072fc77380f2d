// An organisation's own pack built from aks-guard's catalog plus a policy of its own: the
// workload-hardening practice (4) at high and critical severity, the cluster's RBAC and local
// accounts by name, and Acme's rule that every workload names its owning team.
// test/examples/custom-pack.spec.ts runs it through the harness as `pulumi preview` would.
import { PolicyPack, ResourceValidationPolicy } from "@pulumi/policy";
import { selectPolicies } from "aks-guard/policies";

const WORKLOAD_KINDS = new Set(["Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob"]);

/** Acme's own rule: a Kubernetes workload carries a `team` label, so alerts reach an owner. */
export const teamLabel: ResourceValidationPolicy = {
    name: "acme-workload-team-label",
    description: "Kubernetes workloads must carry a team label naming their owner.",
    enforcementLevel: "mandatory",
    severity: "low",
    validateResource: (args, reportViolation) => {
        if (!args.type.startsWith("kubernetes:")) return;
        const kind = args.type.slice(args.type.lastIndexOf(":") + 1);
        if (!WORKLOAD_KINDS.has(kind)) return;
        const labels = args.props?.metadata?.labels;
        const team = labels && typeof labels === "object" ? labels.team : undefined;
        if (typeof team !== "string" || team === "") {
            reportViolation(`${kind} "${args.name}": metadata.labels has no team; add metadata.labels.team naming the owning team.`);
        }
    },
};

export const selected = [
    ...selectPolicies({ practices: ["4"], severities: ["high", "critical"] }),
    ...selectPolicies({ names: ["aks-rbac-enabled", "aks-local-accounts-disabled"] }),
];

new PolicyPack("acme-aks", {
    description: "Acme's AKS guard rails: aks-guard's workload hardening and cluster RBAC, plus Acme's own rules.",
    policies: [...selected, teamLabel],
});
