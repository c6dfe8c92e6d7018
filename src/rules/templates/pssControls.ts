// The controls of the Pod Security Standards (kubernetes.io/docs/concepts/security/pod-security-standards), as data
// plus one small check each; rules ZT0416-ZT0424 and the hardening rules of pillar 04 are built from them.
import { appendListItem } from '../../fix/listItemAppend';
import { replaceString } from '../../fix/replaceScalar';
import { setField } from '../../fix/yamlEdit';
import type { FieldPath } from '../../model/position';
import type { Resource } from '../../model/types';
import { getPath, type ContainerRef } from '../../model/workloads';
import { containerAnchor, containerName, type PodView, type PssControl, type PssViolation } from './podSecurityStandards';

/** Capabilities the baseline level lets a container add (the container runtimes' defaults). */
const BASELINE_CAPABILITIES = new Set([
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
]);

/** Namespaced sysctls the baseline level allows: they cannot affect other pods or the node. */
export const SAFE_SYSCTLS = new Set([
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_local_reserved_ports',
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
]);

const SELINUX_TYPES = new Set(['', 'container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t']);
const RESTRICTED_VOLUMES = new Set(['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret']);
const APPARMOR_ANNOTATION = 'container.apparmor.security.beta.kubernetes.io/';

function capabilityName(cap: unknown): string {
  return String(cap).toUpperCase().replace(/^CAP_/, '');
}

/** The securityContext places of a pod: the pod's own and each container's, with a readable owner. */
function contexts(pod: PodView): { ctx: unknown; path: FieldPath; owner: string }[] {
  return [
    { ctx: getPath(pod.tpl.spec, ['securityContext']), path: pod.podContextPath, owner: 'the pod' },
    ...pod.containers.map((c) => ({ ctx: c.container.securityContext, path: [...c.path, 'securityContext'], owner: `container ${containerName(c)}` })),
  ];
}

function forContainers(pod: PodView, check: (c: ContainerRef) => PssViolation[]): PssViolation[] {
  return pod.containers.flatMap(check);
}

export const hostProcess: PssControl = {
  name: 'HostProcess',
  level: 'baseline',
  check: (_r, pod) =>
    contexts(pod)
      .filter((c) => getPath(c.ctx, ['windowsOptions', 'hostProcess']) === true)
      .map((c) => ({ path: [...c.path, 'windowsOptions', 'hostProcess'], what: `${c.owner} runs as a Windows HostProcess container` })),
};

export const hostNamespaces: PssControl = {
  name: 'Host Namespaces',
  level: 'baseline',
  check: (_r, pod) =>
    ['hostNetwork', 'hostPID', 'hostIPC']
      .filter((f) => pod.tpl.spec[f] === true)
      .map((f) => ({ path: [...pod.tpl.specPath, f], what: `the pod sets ${f}: true` })),
};

export const privileged: PssControl = {
  name: 'Privileged Containers',
  level: 'baseline',
  check: (_r, pod) =>
    forContainers(pod, (c) =>
      getPath(c.container, ['securityContext', 'privileged']) === true
        ? [{ path: [...c.path, 'securityContext', 'privileged'], what: `container ${containerName(c)} is privileged` }]
        : [],
    ),
};

export const baselineCapabilities: PssControl = {
  name: 'Capabilities',
  level: 'baseline',
  check: (_r, pod) =>
    forContainers(pod, (c) => {
      const add = getPath(c.container, ['securityContext', 'capabilities', 'add']);
      if (!Array.isArray(add)) return [];
      return add.flatMap((cap, i) =>
        BASELINE_CAPABILITIES.has(capabilityName(cap))
          ? []
          : [{ path: [...c.path, 'securityContext', 'capabilities', 'add', i], what: `container ${containerName(c)} adds capability ${String(cap)}` }],
      );
    }),
};

export const hostPathVolumes: PssControl = {
  name: 'HostPath Volumes',
  level: 'baseline',
  check: (_r, pod) => {
    const volumes = pod.tpl.spec.volumes;
    if (!Array.isArray(volumes)) return [];
    return volumes.flatMap((v, i) =>
      getPath(v, ['hostPath'])
        ? [
            {
              path: [...pod.tpl.specPath, 'volumes', i, 'hostPath'],
              part: 'key' as const,
              what: `volume ${String(getPath(v, ['name']) ?? i)} is a hostPath volume`,
            },
          ]
        : [],
    );
  },
};

export const hostPorts: PssControl = {
  name: 'Host Ports',
  level: 'baseline',
  check: (_r, pod) =>
    forContainers(pod, (c) => {
      const ports = c.container.ports;
      if (!Array.isArray(ports)) return [];
      return ports.flatMap((p, i) => {
        const hostPort = getPath(p, ['hostPort']);
        return typeof hostPort === 'number' && hostPort !== 0
          ? [{ path: [...c.path, 'ports', i, 'hostPort'], what: `container ${containerName(c)} binds host port ${hostPort}` }]
          : [];
      });
    }),
};

export const appArmor: PssControl = {
  name: 'AppArmor',
  level: 'baseline',
  check: (_r, pod) => {
    const out: PssViolation[] = contexts(pod)
      .filter((c) => getPath(c.ctx, ['appArmorProfile', 'type']) === 'Unconfined')
      .map((c) => ({ path: [...c.path, 'appArmorProfile', 'type'], what: `${c.owner} runs without an AppArmor profile (Unconfined)` }));
    for (const [key, value] of Object.entries(pod.tpl.annotations)) {
      if (!key.startsWith(APPARMOR_ANNOTATION) || value === 'runtime/default' || value.startsWith('localhost/')) continue;
      out.push({ path: [...pod.tpl.metadataPath, 'annotations', key], what: `annotation ${key} sets AppArmor profile ${value}` });
    }
    return out;
  },
};

export const seLinux: PssControl = {
  name: 'SELinux',
  level: 'baseline',
  check: (_r, pod) =>
    contexts(pod).flatMap((c) => {
      const opts = getPath(c.ctx, ['seLinuxOptions']);
      if (!opts || typeof opts !== 'object') return [];
      const out: PssViolation[] = [];
      const type = getPath(opts, ['type']);
      if (type !== undefined && type !== null && !SELINUX_TYPES.has(String(type)))
        out.push({ path: [...c.path, 'seLinuxOptions', 'type'], what: `${c.owner} sets SELinux type ${String(type)}` });
      for (const f of ['user', 'role']) {
        const v = getPath(opts, [f]);
        if (v !== undefined && v !== null && v !== '') out.push({ path: [...c.path, 'seLinuxOptions', f], what: `${c.owner} sets SELinux ${f} ${String(v)}` });
      }
      return out;
    }),
};

export const procMount: PssControl = {
  name: '/proc Mount Type',
  level: 'baseline',
  check: (_r, pod) =>
    forContainers(pod, (c) => {
      const mount = getPath(c.container, ['securityContext', 'procMount']);
      return mount !== undefined && mount !== null && mount !== 'Default'
        ? [{ path: [...c.path, 'securityContext', 'procMount'], what: `container ${containerName(c)} unmasks /proc (procMount: ${String(mount)})` }]
        : [];
    }),
};

export const seccompUnconfined: PssControl = {
  name: 'Seccomp',
  level: 'baseline',
  check: (r, pod) =>
    contexts(pod)
      .filter((c) => getPath(c.ctx, ['seccompProfile', 'type']) === 'Unconfined')
      .map((c) => {
        const path = [...c.path, 'seccompProfile', 'type'];
        return {
          path,
          what: `${c.owner} turns seccomp off (Unconfined)`,
          fix: () => ({ title: 'Use the RuntimeDefault seccomp profile', safe: false, edits: replaceString(r, path, 'RuntimeDefault') }),
        };
      }),
};

export const sysctls: PssControl = {
  name: 'Sysctls',
  level: 'baseline',
  check: (_r, pod) => {
    const list = getPath(pod.tpl.spec, ['securityContext', 'sysctls']);
    if (!Array.isArray(list)) return [];
    return list.flatMap((s, i) => {
      const name = getPath(s, ['name']);
      return typeof name === 'string' && !SAFE_SYSCTLS.has(name)
        ? [{ path: [...pod.podContextPath, 'sysctls', i, 'name'], what: `the pod sets sysctl ${name}` }]
        : [];
    });
  },
};

export const volumeTypes: PssControl = {
  name: 'Volume Types',
  level: 'restricted',
  check: (_r, pod) => {
    const volumes = pod.tpl.spec.volumes;
    if (!Array.isArray(volumes)) return [];
    return volumes.flatMap((v, i) => {
      if (!v || typeof v !== 'object') return [];
      const type = Object.keys(v).find((k) => k !== 'name');
      return type && !RESTRICTED_VOLUMES.has(type)
        ? [{ path: [...pod.tpl.specPath, 'volumes', i, type], part: 'key' as const, what: `volume ${String(getPath(v, ['name']) ?? i)} is of type ${type}` }]
        : [];
    });
  },
};

export const privilegeEscalation: PssControl = {
  name: 'Privilege Escalation',
  level: 'restricted',
  check: (r, pod) =>
    forContainers(pod, (c) => {
      const path = [...c.path, 'securityContext', 'allowPrivilegeEscalation'];
      const value = getPath(c.container, ['securityContext', 'allowPrivilegeEscalation']);
      if (value === false) return [];
      return [
        {
          path: value === undefined || value === null ? containerAnchor(c) : path,
          what:
            value === true
              ? `container ${containerName(c)} sets allowPrivilegeEscalation: true`
              : `container ${containerName(c)} does not set allowPrivilegeEscalation: false`,
          fix: () => ({ title: 'Set allowPrivilegeEscalation: false', safe: false, edits: setField(r, path, false) }),
        },
      ];
    }),
};

export const runAsNonRoot: PssControl = {
  name: 'Running as Non-root',
  level: 'restricted',
  check: (_r, pod) => {
    const podFlag = getPath(pod.tpl.spec, ['securityContext', 'runAsNonRoot']);
    return forContainers(pod, (c) => {
      const own = getPath(c.container, ['securityContext', 'runAsNonRoot']);
      const flag = own ?? podFlag;
      if (flag === true) return [];
      return [
        {
          path: own === false ? [...c.path, 'securityContext', 'runAsNonRoot'] : containerAnchor(c),
          what: `container ${containerName(c)} is not required to run as non-root (runAsNonRoot: true)`,
        },
      ];
    });
  },
};

export const runAsUserRoot: PssControl = {
  name: 'Running as Non-root user',
  level: 'restricted',
  check: (_r, pod) =>
    contexts(pod)
      .filter((c) => getPath(c.ctx, ['runAsUser']) === 0)
      .map((c) => ({ path: [...c.path, 'runAsUser'], what: `${c.owner} sets runAsUser: 0` })),
};

/** RuntimeDefault or Localhost, on the pod or on every container. */
export const seccompRequired: PssControl = {
  name: 'Seccomp',
  level: 'restricted',
  check: (r, pod) => {
    const confined = (t: unknown) => t === 'RuntimeDefault' || t === 'Localhost';
    const podType = getPath(pod.tpl.spec, ['securityContext', 'seccompProfile', 'type']);
    if (confined(podType)) return [];
    // A container's Unconfined is the baseline control's finding; here only containers that set nothing count.
    const bare = pod.containers.filter((c) => getPath(c.container, ['securityContext', 'seccompProfile', 'type']) === undefined);
    if (bare.length === 0 || podType === 'Unconfined') return [];
    const path = [...pod.podContextPath, 'seccompProfile'];
    return [
      {
        path: [...pod.tpl.specPath],
        part: 'key',
        what: `no seccomp profile applies to container ${bare.map(containerName).join(', ')}`,
        fix: () => ({ title: 'Use the RuntimeDefault seccomp profile for the pod', safe: false, edits: setField(r, path, { type: 'RuntimeDefault' }) }),
      },
    ];
  },
};

export const dropAllCapabilities: PssControl = {
  name: 'Capabilities',
  level: 'restricted',
  check: (r, pod) =>
    forContainers(pod, (c) => {
      const dropPath = [...c.path, 'securityContext', 'capabilities', 'drop'];
      const drop = getPath(c.container, ['securityContext', 'capabilities', 'drop']);
      const list = Array.isArray(drop) ? drop : [];
      if (list.some((cap) => capabilityName(cap) === 'ALL')) return [];
      return [
        {
          path: Array.isArray(drop) ? dropPath : containerAnchor(c),
          part: Array.isArray(drop) ? ('key' as const) : undefined,
          what: `container ${containerName(c)} does not drop ALL capabilities`,
          fix: () => ({
            title: 'Drop ALL capabilities',
            safe: false,
            edits: list.length > 0 ? appendListItem(r, dropPath, 'ALL') : setField(r, dropPath, ['ALL']),
          }),
        },
      ];
    }),
};

export const restrictedCapabilities: PssControl = {
  name: 'Capabilities',
  level: 'restricted',
  check: (_r, pod) =>
    forContainers(pod, (c) => {
      const add = getPath(c.container, ['securityContext', 'capabilities', 'add']);
      if (!Array.isArray(add)) return [];
      return add.flatMap((cap, i) =>
        capabilityName(cap) === 'NET_BIND_SERVICE'
          ? []
          : [{ path: [...c.path, 'securityContext', 'capabilities', 'add', i], what: `container ${containerName(c)} adds capability ${String(cap)}` }],
      );
    }),
};

/** Every control, baseline first: what a namespace enforcing a level checks. */
export const PSS_CONTROLS: readonly PssControl[] = [
  hostProcess,
  hostNamespaces,
  privileged,
  baselineCapabilities,
  hostPathVolumes,
  hostPorts,
  appArmor,
  seLinux,
  procMount,
  seccompUnconfined,
  sysctls,
  volumeTypes,
  privilegeEscalation,
  runAsNonRoot,
  runAsUserRoot,
  seccompRequired,
  dropAllCapabilities,
  restrictedCapabilities,
];

/** Not a Pod Security Standards control, but the same shape: kube-linter's and Polaris' read-only root filesystem. */
export const readOnlyRootFilesystem: PssControl = {
  name: 'Read-only root filesystem',
  level: 'restricted',
  check: (r: Resource, pod) =>
    pod.containers
      .filter((c) => c.group !== 'ephemeralContainers')
      .flatMap((c) => {
        const path = [...c.path, 'securityContext', 'readOnlyRootFilesystem'];
        const value = getPath(c.container, ['securityContext', 'readOnlyRootFilesystem']);
        if (value === true) return [];
        return [
          {
            path: value === undefined || value === null ? containerAnchor(c) : path,
            what: `container ${containerName(c)} can write to its root filesystem`,
            fix: () => ({ title: 'Set readOnlyRootFilesystem: true', safe: false, edits: setField(r, path, true) }),
          },
        ];
      }),
};
