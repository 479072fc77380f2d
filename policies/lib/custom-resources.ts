// Custom resources (Istio, Dapr, ...) in every form a Pulumi program can declare them: the typed
// token that apiextensions.CustomResource, crd2pulumi classes and YAML/Helm children register
// (`kubernetes:security.istio.io/v1:PeerAuthentication`), and the generic
// `kubernetes:apiextensions.k8s.io:CustomResource[Patch]` token with apiVersion and kind in props.
import { K8sObject, k8sObjects } from "./k8s";
import { declaredFilter, k8sTokenOf, kindFilter, KindGroups, TypeFilter } from "./tokens";
import { Obj, str } from "./values";

const GENERIC_RE = /^kubernetes:apiextensions\.k8s\.io(?:\/[^:]+)?:CustomResource(Patch)?$/;
/** The generic tokens, as declared (a versioned spelling is matched too). */
export const GENERIC_TYPES = ["kubernetes:apiextensions.k8s.io:CustomResource", "kubernetes:apiextensions.k8s.io:CustomResourcePatch"];

/** The objects of the given custom kinds (any version, Patch and List too) that one resource declares. */
export function customResourceObjects(type: string, props: Obj, resourceName: string, kinds: KindGroups): K8sObject[] {
    const generic = GENERIC_RE.exec(type);
    if (!generic) return k8sObjects(type, props, resourceName, kinds);
    const apiVersion = str(props, "apiVersion");
    const kind = str(props, "kind");
    if (!apiVersion || !kind) return []; // unknown or missing: which kind it is is not known yet
    return k8sObjects(k8sTokenOf(apiVersion, kind) + (generic[1] ?? ""), props, resourceName, kinds);
}

/** The types customResourceObjects can find objects of `kinds` in (the generic token: any kind). */
export const customResourceFilter = (kinds: KindGroups): TypeFilter => {
    const typed = kindFilter(kinds);
    return declaredFilter([...typed.types!, ...GENERIC_TYPES], type => GENERIC_RE.test(type) || typed(type));
};
