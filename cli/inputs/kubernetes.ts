// Kubernetes manifests: each object → the resource `@pulumi/kubernetes` would register for it,
// token `kubernetes:<group>/<version>:<Kind>` (core group `core/v1`; custom resources the same way,
// as `apiextensions.CustomResource` does), named `namespace/name` as Pulumi's ConfigFile names it.
// `kind: List` and `<Kind>List` documents are split into their items.
import { k8sTokenOf } from "../../policies/lib/tokens";
import { isObj, Obj } from "../../policies/lib/values";
import { InputError } from "../limits";
import { Doc, Path } from "./documents";
import { Located } from "./resource";

export const isK8sObject = (v: unknown): v is Obj => isObj(v) && typeof v.apiVersion === "string" && typeof v.kind === "string";

export function fromManifest(doc: Doc, file: string): Located[] {
    return objects(doc.value as Obj, [], doc, file);
}

function objects(o: Obj, path: Path, doc: Doc, file: string): Located[] {
    const kind = o.kind as string;
    if (kind.endsWith("List") && Array.isArray(o.items)) {
        const itemKind = kind === "List" ? undefined : kind.slice(0, -4);
        return o.items.flatMap((item, i) => {
            const where = () => `${file}:${doc.lineOf([...path, "items", i]) ?? doc.lineOf([...path, "items"]) ?? doc.line}`;
            if (!isObj(item)) throw new InputError(`${where()}: item ${i} of the ${kind} is not an object`);
            // Typed lists (`kubectl get deploy -o json` style) may leave kind and apiVersion to the list.
            const full = itemKind ? { apiVersion: o.apiVersion, kind: itemKind, ...item } : item;
            if (!isK8sObject(full)) throw new InputError(`${where()}: item ${i} of the ${kind} is not a Kubernetes object (it needs apiVersion and kind)`);
            return objects(full, [...path, "items", i], doc, file);
        });
    }
    const meta = isObj(o.metadata) ? o.metadata : {};
    const name = typeof meta.name === "string" && meta.name ? meta.name
        : typeof meta.generateName === "string" && meta.generateName ? meta.generateName : kind.toLowerCase();
    const ns = typeof meta.namespace === "string" && meta.namespace ? meta.namespace : undefined;
    return [{
        type: k8sTokenOf(o.apiVersion as string, kind),
        name: ns ? `${ns}/${name}` : name,
        props: o,
        file,
        line: path.length ? doc.lineOf(path) : doc.line,
    }];
}
