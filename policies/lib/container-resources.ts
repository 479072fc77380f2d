// A container's resource requests and limits (`resources.requests.memory`, ...), read unknown-safe
// and parsed as quantities, for the memory and CPU policies.
import { isNegative, parseQuantity, Quantity } from "./quantity";
import { get, UNKNOWN } from "./values";
import { ContainerView } from "./workload";

export interface Amount {
    /** Field path for messages, e.g. `spec.containers[0].resources.limits.memory`. */
    path: string;
    /** unset: missing or null; unknown: computed; malformed: not a non-negative quantity. */
    state: "unset" | "unknown" | "malformed" | "ok";
    quantity?: Quantity;
}

/** The container's request or limit for one resource. */
export function amountOf(cv: ContainerView, side: "requests" | "limits", resource: string): Amount {
    const path = `${cv.path}.resources.${side}.${resource}`;
    const v = get(cv.c, "resources", side, resource);
    if (v === UNKNOWN) return { path, state: "unknown" };
    if (v === undefined || v === null) return { path, state: "unset" };
    const quantity = parseQuantity(v);
    if (!quantity || isNegative(quantity)) return { path, state: "malformed" };
    return { path, state: "ok", quantity };
}
