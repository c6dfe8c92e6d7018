// ZT0909: a Secrets Store CSI volume that is not mounted read-only.
import { setField } from '../../fix/yamlEdit';
import { WORKLOAD_KINDS, getPath } from '../../model/workloads';
import type { Rule } from '../types';
import { podVolumes } from './workloadSecretRefs';

const DRIVER = 'secrets-store.csi.k8s.io';

export const secretsStoreVolumeWritable: Rule = {
  meta: {
    id: 'ZT0909',
    pillar: 9,
    severity: 'warning',
    title: 'Secrets Store CSI volume not read-only',
    description:
      'The Secrets Store CSI driver mounts secrets fetched from Vault, AWS, Azure or GCP. The volume must be `readOnly: true`: the driver only supports read-only mounts, and a writable secret mount would let a compromised container replace credentials that other processes trust.',
    fixable: true,
    kinds: [...WORKLOAD_KINDS],
  },
  checkResource(r, ctx) {
    for (const { path, volume } of podVolumes(r)) {
      if (getPath(volume, ['csi', 'driver']) !== DRIVER || getPath(volume, ['csi', 'readOnly']) === true) continue;
      const readOnly = [...path, 'csi', 'readOnly'];
      const present = getPath(volume, ['csi', 'readOnly']) !== undefined;
      ctx.report({
        resource: r,
        path: present ? readOnly : [...path, 'csi', 'driver'],
        message: `Secrets Store CSI volume ${String(volume.name)} is not read-only; set csi.readOnly: true`,
        fix: () => ({ title: 'Mount read-only', safe: true, edits: setField(r, readOnly, true) }),
      });
    }
  },
};
