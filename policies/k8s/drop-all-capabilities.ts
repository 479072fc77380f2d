// k8s-drop-all-capabilities
// Every container (including init and ephemeral containers) drops all Linux capabilities
// (securityContext.capabilities.drop contains "ALL", case-sensitive as the runtime reads it) and
// adds back only capabilities listed in allowedCapabilities (default none).
// Remediation adds "ALL" to capabilities.drop (keeping the other entries) wherever it is missing;
// it never removes an added capability: which ones the application needs has no safe automatic
// answer, so a disallowed add stays a violation.
import { workloadPolicy } from "../lib/policy";
import { get, show, UNKNOWN } from "../lib/values";
import { ContainerView, containersOf, PodView } from "../lib/workload";

const CAPABILITY_NAME = /^[A-Z][A-Z0-9_]{0,40}$/;

type DropState = "ok" | "unknown" | "missing" | "without-all" | "not-a-list";

/** Whether the container drops ALL; "unknown" when the list (or an item that could be ALL) is not known yet. */
function dropState(pod: PodView, cv: ContainerView): DropState {
    const drop = get(cv.c, "securityContext", "capabilities", "drop");
    if (drop === UNKNOWN) return "unknown";
    if (drop === undefined || drop === null) return pod.partial ? "ok" : "missing";
    if (!Array.isArray(drop)) return "not-a-list";
    const items = drop.map((_x, i) => get(drop, i));
    if (items.includes("ALL")) return "ok";
    return items.includes(UNKNOWN) ? "unknown" : "without-all";
}

export const dropAllCapabilities = workloadPolicy({
    name: "k8s-drop-all-capabilities",
    practice: "4",
    description: "Containers must drop ALL capabilities and add back only allowed ones.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: "Set securityContext.capabilities.drop: [\"ALL\"] on every container, init container and ephemeral container, and add back only the capabilities listed in allowedCapabilities (for example NET_BIND_SERVICE).",
    config: {
        allowedCapabilities: {
            type: "array", items: { type: "string" }, default: [],
            description: "Capabilities a container may add back after dropping ALL (case-sensitive, e.g. NET_BIND_SERVICE).",
        },
    },
}, (pod, cfg, report) => {
    const allowed = new Set(Array.isArray(cfg.allowedCapabilities) ? cfg.allowedCapabilities : []);
    for (const cv of containersOf(pod)) {
        const drop = `${cv.path}.securityContext.capabilities.drop`;
        const current = get(cv.c, "securityContext", "capabilities", "drop");
        const fix = (value: unknown[]) => ({ target: cv.c, path: ["securityContext", "capabilities", "drop"], value });
        switch (dropState(pod, cv)) {
            case "missing": report(`${cv.label} does not set ${drop}; set it to ["ALL"].`, fix(["ALL"])); break;
            // The other entries stay (secret items stay secret); only "ALL" is added.
            case "without-all": report(`${cv.label} does not drop "ALL" in ${drop}; add "ALL" to it.`, fix([...current as unknown[], "ALL"])); break;
            case "not-a-list": report(`${cv.label} sets ${drop} to ${show(current)}; set it to ["ALL"].`, fix(["ALL"])); break;
        }
        const add = get(cv.c, "securityContext", "capabilities", "add");
        if (!Array.isArray(add)) continue;
        add.forEach((_item, i) => {
            const cap = get(add, i);
            if (cap === UNKNOWN || (typeof cap === "string" && allowed.has(cap))) return;
            // Capability names are a fixed upper-case vocabulary; anything else is not repeated.
            const what = typeof cap === "string" && CAPABILITY_NAME.test(cap) ? `capability ${cap}` : `${show(cap)}`;
            report(`${cv.label} adds ${what} (${cv.path}.securityContext.capabilities.add[${i}]), which allowedCapabilities does not list; remove it${allowed.size ? ` or use one of ${[...allowed].join(", ")}` : ""}.`);
        });
    }
}, { remediable: true });
