// Kubescape's rule tests for the round-3 RBAC policies, converted to data
// (test/policies/k8s/data/kubescape-rbac.json: repo, commit and paths inside): each case's input
// objects as resources, and how many alerts Kubescape expects.
import * as fs from "fs";
import * as path from "path";
import { ResourceInput } from "../../harness";
import { k8sTokenOf } from "../../policies/lib/tokens";

export interface KubescapeCase { control: string; rule: string; case: string; alerts: number; resources: ResourceInput[] }

export function kubescapeRbacCases(): KubescapeCase[] {
    const file = path.join(__dirname, "..", "..", "..", "test", "policies", "k8s", "data", "kubescape-rbac.json");
    const data = JSON.parse(fs.readFileSync(file, "utf8")) as { cases: (Omit<KubescapeCase, "resources"> & { objects: Record<string, any>[] })[] };
    return data.cases.map(({ objects, ...c }) => ({
        ...c,
        resources: objects.map(o => ({ type: k8sTokenOf(o.apiVersion, o.kind), name: `${o.metadata.namespace ? `${o.metadata.namespace}/` : ""}${o.metadata.name}`, props: o })),
    }));
}
