// k8s-image-tag-pinned
// Every container image (including init and ephemeral containers) is pinned: it carries a
// digest (@sha256: and 64 hex characters), or a tag other than "latest" (any case). With
// requireDigest, only a digest pins. A reference that is not well formed (anything else after
// "@", an invalid tag or repository) is a violation: what it pulls cannot be told.
import { imagesOf } from "../lib/image";
import { workloadPolicy } from "../lib/policy";
import { sameIgnoringCase, show } from "../lib/values";

export const imageTagPinned = workloadPolicy({
    name: "k8s-image-tag-pinned",
    practice: "3",
    description: "Container images must be pinned to a version tag other than latest, or to a digest.",
    enforcementLevel: "mandatory",
    severity: "medium",
    remediationSteps: "Reference images by an immutable version tag (myacr.azurecr.io/app:1.4.2) or, better, by digest (myacr.azurecr.io/app@sha256:<64 hex>), never by :latest or without a tag.",
    config: {
        requireDigest: { type: "boolean", default: false, description: "Accept only images pinned by a sha256 digest; a tag alone is not enough." },
    },
}, (pod, cfg, report) => {
    for (const { cv, field, image, ref } of imagesOf(pod)) {
        if (!ref) {
            report(`${cv.label} sets ${field} to ${show(image)}, not an image reference; set a pinned image reference.`);
            continue;
        }
        if (ref.malformed) {
            report(`${cv.label} has a malformed image reference in ${field} (${ref.malformed}); pin it with a valid tag or @sha256: and 64 hex characters.`);
        } else if (cfg.requireDigest === true && !ref.digest) {
            report(`${cv.label} image (${field}) is not pinned by digest; reference it as <image>@sha256:<64 hex characters>.`);
        } else if (!ref.digest && ref.tag === undefined) {
            report(`${cv.label} image (${field}) has no tag, so it pulls latest; pin a version tag or a sha256 digest.`);
        } else if (!ref.digest && sameIgnoringCase(ref.tag, "latest")) {
            report(`${cv.label} image (${field}) uses the mutable tag latest; pin a version tag or a sha256 digest.`);
        }
    }
});
