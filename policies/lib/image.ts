// Container image references, read the way Docker and containerd read them: the registry host
// (without its port), the repository, the tag and the digest, and whether the reference is
// well formed. Shared by the registry and tag-pinning rules so that both see the same image.
import { get, UNKNOWN } from "./values";
import { ContainerView, containersOf, PodView } from "./workload";

export interface ImageRef {
    /** Registry host, lower case, without its port: `myacr.azurecr.io`; `docker.io` when the image names none. */
    host: string;
    /** Repository path inside the registry: `library/nginx`, `team/app`. */
    repository: string;
    /** The tag after `:` (undefined when there is none). */
    tag?: string;
    /** A well-formed digest, `sha256:` and 64 hex characters (undefined when there is none or it is malformed). */
    digest?: string;
    /** Why the reference is not well formed (undefined when it is). */
    malformed?: string;
    /** The registry part itself is not a valid host name (so the host cannot be trusted). */
    badHost?: boolean;
}

export const DEFAULT_REGISTRY = "docker.io";

const DIGEST_RE = /^sha256:[a-f0-9]{64}$/;
const TAG_RE = /^[\w][\w.-]{0,127}$/;
const PATH_COMPONENT_RE = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const HOST_RE = /^(?:\[[0-9a-fA-F:.]+\]|[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*)(?::[0-9]+)?$/;

/** Splits an image reference; never throws, a reference it cannot read is `malformed`. */
export function parseImage(ref: string): ImageRef {
    const problems: string[] = [];
    let name = ref;

    let digest: string | undefined;
    const at = name.indexOf("@");
    if (at >= 0) {
        const d = name.slice(at + 1);
        name = name.slice(0, at);
        if (DIGEST_RE.test(d)) digest = d;
        else problems.push("the digest after @ is not sha256: followed by 64 hex characters");
    }

    let tag: string | undefined;
    const colon = name.lastIndexOf(":");
    if (colon > name.lastIndexOf("/")) {
        tag = name.slice(colon + 1);
        name = name.slice(0, colon);
        if (!TAG_RE.test(tag)) problems.push("the tag is not a valid tag");
    }

    // Docker's rule: the first path component is a registry host when it contains "." or ":" or is "localhost".
    let host = DEFAULT_REGISTRY;
    let badHost = false;
    let repository = name;
    const slash = name.indexOf("/");
    if (slash >= 0) {
        const first = name.slice(0, slash);
        if (first.includes(".") || first.includes(":") || first === "localhost") {
            if (!HOST_RE.test(first)) {
                badHost = true;
                problems.push("the registry host is not a valid host name");
            }
            host = hostWithoutPort(first).toLowerCase();
            repository = name.slice(slash + 1);
        }
    }
    if (host === "index.docker.io" || host === "registry-1.docker.io") host = DEFAULT_REGISTRY;
    if (host === DEFAULT_REGISTRY && repository !== "" && !repository.includes("/")) repository = `library/${repository}`;
    if (repository === "" || !repository.split("/").every(c => PATH_COMPONENT_RE.test(c))) {
        problems.push("the repository is not a valid lower-case path");
    }

    const out: ImageRef = { host, repository };
    if (tag !== undefined) out.tag = tag;
    if (digest !== undefined) out.digest = digest;
    if (problems.length) out.malformed = problems.join("; ");
    if (badHost) out.badHost = true;
    return out;
}

/** `myacr.azurecr.io:443` → `myacr.azurecr.io`; `[::1]:5000` → `[::1]`. */
export function hostWithoutPort(host: string): string {
    if (host.startsWith("[")) {
        const end = host.indexOf("]");
        return end >= 0 ? host.slice(0, end + 1) : host;
    }
    const colon = host.indexOf(":");
    return colon >= 0 ? host.slice(0, colon) : host;
}

/**
 * True when `host` matches a registry pattern: exactly (`myacr.azurecr.io`), or below a
 * `*.` wildcard on a label boundary (`*.azurecr.io` matches `myacr.azurecr.io` and
 * `a.b.azurecr.io`, never `azurecr.io`, `evilazurecr.io` or `myacr.azurecr.io.evil.com`).
 * Patterns are compared without their port and case-insensitively, as host names are.
 */
export function registryMatches(pattern: string, host: string): boolean {
    const p = hostWithoutPort(pattern.trim()).toLowerCase();
    const h = host.toLowerCase();
    if (p.startsWith("*.")) {
        const suffix = p.slice(1); // ".azurecr.io"
        return h.length > suffix.length && h.endsWith(suffix);
    }
    return p === h;
}

/**
 * True when an image comes from an allowed-registry entry: a host pattern (see registryMatches),
 * optionally followed by a repository path prefix (`contoso.azurecr.io/team-a`) that the image's
 * repository equals or continues on a path segment boundary (`team-a/app`, never `team-ab/app`).
 * Docker Hub's implicit `library/` counts: `docker.io/library` admits `nginx`.
 */
export function imageAllowed(entry: string, ref: ImageRef): boolean {
    const trimmed = entry.trim();
    const slash = trimmed.indexOf("/");
    if (slash < 0) return registryMatches(trimmed, ref.host);
    const prefix = trimmed.slice(slash + 1).replace(/\/+$/, "");
    if (!registryMatches(trimmed.slice(0, slash), ref.host)) return false;
    // A repository with `.` or `..` segments is no path a registry serves; it never counts as below a prefix.
    if (ref.repository.split("/").some(c => c === "." || c === "..")) return false;
    return prefix === "" || ref.repository === prefix || ref.repository.startsWith(`${prefix}/`);
}

export interface ContainerImage {
    cv: ContainerView;
    /** Path of the image field, for messages: `spec.containers[0].image`. */
    field: string;
    /** The image reference, or the value of another type the field holds. */
    image: unknown;
    /** The parsed reference, when `image` is a string. */
    ref?: ImageRef;
}

/** The image of every container of a pod that sets one; unset and unknown images are left out (deferred). */
export function imagesOf(pod: PodView): ContainerImage[] {
    const out: ContainerImage[] = [];
    for (const cv of containersOf(pod)) {
        const image = get(cv.c, "image");
        if (image === UNKNOWN || image === undefined || image === null) continue;
        out.push({ cv, field: `${cv.path}.image`, image, ref: typeof image === "string" ? parseImage(image) : undefined });
    }
    return out;
}
