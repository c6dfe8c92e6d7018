// LoadBalancer addresses for the east-west gateways: a MetalLB pool per cluster, carved from the kind docker network.
import { stringify } from 'yaml';
import type { KindCluster } from './clusters';
import { KindSetupError } from './clusters';

/**
 * Pool of cluster `index` inside the kind network: the top of the subnet, one /24 per cluster counted down
 * from the last, addresses .200-.250 (docker hands out container addresses from the bottom).
 */
export function metallbPoolRange(subnet: string, index: number): string {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(subnet.trim());
  if (!m) throw new KindSetupError(`docker network 'kind' has no IPv4 subnet I can read (got '${subnet.trim()}')`);
  const prefix = Number(m[5]);
  if (prefix > 16)
    throw new KindSetupError(`docker network 'kind' (${subnet.trim()}) is smaller than a /16; recreate it with: docker network rm kind (kind makes a /16)`);
  const [a, b] = [Number(m[1]), Number(m[2])];
  const third = 255 - index;
  return `${a}.${b}.${third}.200-${a}.${b}.${third}.250`;
}

/** First IPv4 subnet of `docker network inspect kind -f '{{range .IPAM.Config}}{{.Subnet}} {{end}}'`. */
export function ipv4Subnet(inspectOutput: string): string {
  const subnet = inspectOutput.split(/\s+/).find((s) => /^\d+\.\d+\.\d+\.\d+\/\d+$/.test(s));
  if (!subnet) throw new KindSetupError(`docker network 'kind' has no IPv4 subnet (got '${inspectOutput.trim()}')`);
  return subnet;
}

export function metallbPoolManifest(cluster: KindCluster, range: string): string {
  const pool = {
    apiVersion: 'metallb.io/v1beta1',
    kind: 'IPAddressPool',
    metadata: { name: 'ztn-pool', namespace: 'metallb-system' },
    spec: { addresses: [range] },
  };
  const advertisement = {
    apiVersion: 'metallb.io/v1beta1',
    kind: 'L2Advertisement',
    metadata: { name: 'ztn-l2', namespace: 'metallb-system' },
    spec: { ipAddressPools: ['ztn-pool'] },
  };
  return `# LoadBalancer addresses of cluster '${cluster.name}'\n${stringify(pool)}---\n${stringify(advertisement)}`;
}
