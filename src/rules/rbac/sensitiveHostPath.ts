// ZT0423: a hostPath volume of a node folder or socket that hands over the node: runtime sockets, /, /etc, /proc, kubelet state.
import { getPath } from '../../model/workloads';
import { podSecurityRule } from '../templates/podSecurityStandards';
import type { PssControl } from '../templates/podSecurityStandards';

/** Folders whose every file is sensitive: the node's configuration, kernel interfaces, runtime and kubelet state. */
const SENSITIVE_TREES = [
  '/etc',
  '/proc',
  '/sys',
  '/dev',
  '/boot',
  '/root',
  '/run',
  '/var/run',
  '/var/lib/kubelet',
  '/var/lib/docker',
  '/var/lib/containerd',
  '/var/lib/crio',
  '/var/lib/etcd',
];
/** Folders that are sensitive as a whole (a mount of them holds the trees above), not every file below. */
const SENSITIVE_ROOTS = new Set(['/', '/lib', '/usr', '/var', '/var/lib', '/home']);
const RUNTIME_SOCKETS = ['docker.sock', 'containerd.sock', 'crio.sock', 'cri-dockerd.sock', 'dockershim.sock'];

/** The path without repeated or trailing slashes, so /etc/ and //etc are /etc. */
function normalise(path: string): string {
  const parts = path.split('/').filter((p) => p !== '' && p !== '.');
  return '/' + parts.join('/');
}

/** Why mounting `path` from the node is dangerous, or undefined when it is not one of the known sensitive places. */
export function sensitiveHostPath(path: string): string | undefined {
  const p = normalise(path);
  const last = p.slice(p.lastIndexOf('/') + 1);
  if (RUNTIME_SOCKETS.includes(last)) return 'the container runtime socket, which starts privileged containers on the node';
  if (SENSITIVE_ROOTS.has(p)) return p === '/' ? "the node's whole filesystem" : `${p}, which holds the node's binaries or state`;
  const tree = SENSITIVE_TREES.find((t) => p === t || p.startsWith(t + '/'));
  return tree ? `${p}, part of the node's ${tree} (configuration, kernel interfaces, credentials or runtime state)` : undefined;
}

const sensitiveVolumes: PssControl = {
  name: 'HostPath Volumes',
  level: 'baseline',
  check: (_r, pod) => {
    const volumes = pod.tpl.spec.volumes;
    if (!Array.isArray(volumes)) return [];
    return volumes.flatMap((v, i) => {
      const path = getPath(v, ['hostPath', 'path']);
      const why = typeof path === 'string' ? sensitiveHostPath(path) : undefined;
      return why ? [{ path: [...pod.tpl.specPath, 'volumes', i, 'hostPath', 'path'], what: `volume ${String(getPath(v, ['name']) ?? i)} mounts ${why}` }] : [];
    });
  },
};

export const sensitiveHostPathRule = podSecurityRule(
  {
    id: 'ZT0423',
    pillar: 4,
    severity: 'error',
    title: 'Sensitive host path mounted',
    description:
      "Some host paths are the node: the container runtime socket starts privileged containers, /etc and /root hold its credentials, /proc and /sys its kernel, /var/lib/kubelet every pod's secrets and ServiceAccount tokens. Mounting one, even read-only, is a node compromise waiting for a container compromise. Other hostPath volumes are ZT0409.",
    fixable: false,
  },
  [sensitiveVolumes],
  (v, r) => `${v.what}, into pods of ${r.kind} ${r.name}; remove the volume (use a CSI driver, a ConfigMap or an emptyDir)`,
);
