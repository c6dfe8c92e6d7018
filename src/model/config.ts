// The shape of ztn.yaml (docs/configuration.md), with defaults applied.
import type { Range, Severity } from './types';

export interface ClusterConfig {
  name: string;
  network: string;
  trustDomain: string;
  trustDomainAliases: string[];
  meshID: string;
  rootNamespace: string;
  /** Globs relative to the config file's folder; empty means every manifest belongs to this cluster. */
  manifests: string[];
}

export type RuleSetting = { severity: Severity | 'off' };

export interface IgnoreEntry {
  rule: string;
  path: string;
  reason?: string;
  /** Where the entry is written in ztn.yaml, for "suppresses nothing" findings. */
  range?: Range;
}

export interface WorkspaceConfig {
  /** Absolute path of the ztn.yaml this came from; undefined for defaults. */
  file?: string;
  /** Folder the manifest globs are relative to. */
  root: string;
  clusters: ClusterConfig[];
  rules: Record<string, RuleSetting>;
  notSuppressible: string[];
  ignore: IgnoreEntry[];
  fips: boolean;
  allowedCidrs: string[];
  maxFileBytes: number;
  /** Certificates committed in manifests that expire within this many days are reported (ZT0308). */
  certificateExpiryWarningDays: number;
  sandbox: { engine: 'local' | 'kind'; certLifetime: string };
  /** Where each rule ID is named in ztn.yaml (`rules:` keys, `notSuppressible` items), to report unknown IDs there. */
  ruleMentions?: { id: string; range: Range }[];
}

export const DEFAULT_CLUSTER: ClusterConfig = {
  name: 'cluster1',
  network: 'network1',
  trustDomain: 'cluster.local',
  trustDomainAliases: [],
  meshID: 'mesh1',
  rootNamespace: 'istio-system',
  manifests: [],
};
