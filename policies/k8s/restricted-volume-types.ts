// k8s-restricted-volume-types
// Every pod volume is of a type Pod Security's restricted level allows (configMap, csi,
// downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected, secret) or of a type
// named in allowedVolumeTypes. gitRepo (CVE-2024-10220: a hook in the cloned repository runs on
// the node), flexVolume (a node binary), nfs, iscsi, rbd and every other in-tree type fail.
// hostPath is left to k8s-no-host-path-volumes, which knows allowed host path prefixes. A volume
// with no source at all is an emptyDir (the API server defaults it so) and passes; a key that is
// not a volume source of Kubernetes is dropped by the API server and is not judged.
import { workloadPolicy } from "../lib/policy";
import { arr, get, obj, str, UNKNOWN, unnoted } from "../lib/values";

/** The volume sources of core/v1 Volume that Pod Security restricted forbids (hostPath aside). */
const RESTRICTED_SOURCES = [
    "gcePersistentDisk", "awsElasticBlockStore", "gitRepo", "nfs", "iscsi", "glusterfs", "rbd",
    "flexVolume", "cinder", "cephfs", "flocker", "fc", "azureFile", "vsphereVolume", "quobyte",
    "azureDisk", "photonPersistentDisk", "portworxVolume", "scaleIO", "storageos",
];

export const restrictedVolumeTypes = workloadPolicy({
    name: "k8s-restricted-volume-types",
    practice: "4",
    description: "Pod volumes must be of the types Pod Security restricted allows (configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected, secret).",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: "Replace the volume with a persistentVolumeClaim (backed by a CSI driver such as Azure Disk or Azure Files), a csi, configMap, secret, projected, emptyDir or ephemeral volume; clone repositories in an init container instead of gitRepo; if the type is unavoidable, ask the platform team to add it to allowedVolumeTypes.",
    config: {
        allowedVolumeTypes: {
            type: "array", items: { type: "string" }, default: [],
            description: "Volume types allowed beyond Pod Security restricted's, by their field name in the pod spec (for example nfs).",
        },
    },
}, (pod, cfg, report) => {
    const allowed = new Set((Array.isArray(cfg.allowedVolumeTypes) ? cfg.allowedVolumeTypes : []).filter((t): t is string => typeof t === "string"));
    arr(pod.spec, "volumes").forEach((_item, i, volumes) => {
        const volume = obj(volumes, i);
        if (!volume) return; // malformed, or not known yet
        const label = `volume "${unnoted(() => str(volume, "name")) ?? `#${i}`}"`;
        for (const type of RESTRICTED_SOURCES) {
            const source = get(volume, type);
            // Absent or null is no source of that type; an unknown value may still turn out null.
            if (source === undefined || source === null || source === UNKNOWN || allowed.has(type)) continue;
            report(`${label} is of type ${type} (${pod.specPath}.volumes[${i}].${type}), which Pod Security restricted does not allow; use a persistentVolumeClaim backed by a CSI driver, or a configMap, secret, projected, emptyDir or ephemeral volume.`);
        }
    });
});
