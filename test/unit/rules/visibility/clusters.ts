// Two-cluster ztn.yaml settings for the multicluster tests: east is the main test file, west lives under west/.
import type { ClusterConfig } from '../../../../src/model/config';

const base = { trustDomain: 'cluster.local', trustDomainAliases: [], meshID: 'mesh1', rootNamespace: 'istio-system' };

export const TWO_NETWORKS: ClusterConfig[] = [
  { ...base, name: 'east', network: 'net-east', manifests: ['manifest.yaml'] },
  { ...base, name: 'west', network: 'net-west', manifests: ['west/**'] },
];
