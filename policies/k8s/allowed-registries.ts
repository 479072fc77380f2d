// k8s-allowed-registries
// Every container image (including init and ephemeral containers) comes from a registry host in
// allowedRegistries (default any Azure Container Registry, "*.azurecr.io"). A pattern matches the
// host exactly or, written "*.suffix", any host below that suffix on a label boundary: never a
// string-prefix match, so "evilazurecr.io" and "myacr.azurecr.io.evil.com" do not pass. Hosts are
// compared without their port; an image that names no registry comes from docker.io. An entry may
// carry a repository path prefix (`contoso.azurecr.io/team-a`), matched on a path segment boundary
// (`team-a/app`, never `team-ab/app`): one tenant's repositories in a shared registry. The default
// admits every tenant's Azure Container Registry and is a starting point only. The message names
// the host it found (never the rest of the reference), so the user knows what to look for.
import { imageAllowed, imagesOf, registryMatches } from "../lib/image";
import { workloadPolicy } from "../lib/policy";
import { show } from "../lib/values";

export const allowedRegistries = workloadPolicy({
    name: "k8s-allowed-registries",
    practice: "3",
    description: "Container images must come from an allowed registry (by default Azure Container Registry).",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: "Import the image into an allowed registry (e.g. az acr import) and reference it by that registry's host, e.g. myacr.azurecr.io/team/app:1.2.3.",
    config: {
        allowedRegistries: {
            type: "array", items: { type: "string" }, default: ["*.azurecr.io"],
            description: "Registries images may come from: exact hosts (myacr.azurecr.io, docker.io for images without a registry) or *.suffix wildcards matched on a label boundary, each optionally with a repository path prefix (contoso.azurecr.io/team-a) matched on a path segment boundary. The default admits every tenant's Azure Container Registry: list your own.",
        },
    },
}, (pod, cfg, report) => {
    const allowed = (Array.isArray(cfg.allowedRegistries) ? cfg.allowedRegistries : []).filter((p): p is string => typeof p === "string");
    const fix = `use an image from an allowed registry (${allowed.length ? allowed.join(", ") : "allowedRegistries is empty"})`;
    for (const { cv, field, image, ref } of imagesOf(pod)) {
        if (typeof image !== "string" || !ref) {
            report(`${cv.label} sets ${field} to ${show(image)}, not an image reference; ${fix}.`);
            continue;
        }
        if (ref.badHost) {
            report(`${cv.label} names a registry in ${field} that is not a valid host name; ${fix}.`);
        } else if (allowed.some(p => imageAllowed(p, ref))) {
            continue;
        } else if (allowed.some(p => registryMatches(p.trim().split("/")[0], ref.host))) {
            report(`${cv.label} image (${field}) comes from registry ${ref.host}, but from a repository outside the paths allowedRegistries lists for it; ${fix}.`);
        } else {
            // The host is named (a valid host name, never the rest of the reference) so the user knows what to look for.
            const from = ref.host === "docker.io" && !/^(?:docker\.io|index\.docker\.io|registry-1\.docker\.io)\//i.test(image)
                ? "names no registry, so it comes from docker.io, which allowedRegistries does not list"
                : `comes from registry ${ref.host}, which allowedRegistries does not list`;
            report(`${cv.label} image (${field}) ${from}; ${fix}.`);
        }
    }
});
