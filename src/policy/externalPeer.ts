// The addresses a call leaving the cluster connects to, as NetworkPolicy egress sees them: a literal IP, a
// ServiceEntry's endpoints or addresses, or a DNS name whose address manifests cannot tell.
import { isIp } from './ipRange';
import type { Endpoint } from './networkPolicy';
import type { Destination } from './types';

export interface ExternalAddress {
  peer: Endpoint;
  /** Port the packets go to (a ServiceEntry endpoint may map the port name to its own number). */
  port: number;
}

/** A literal address: bare IPs and /32 or /128 blocks; wider blocks and names are not one address. */
function literalIp(text: string): string | undefined {
  const m = /^(.*?)(?:\/(32|128))?$/.exec(text.trim());
  return m && isIp(m[1]) ? m[1] : undefined;
}

function peerFor(address: string): Endpoint {
  const ip = literalIp(address);
  return ip ? { ip } : { host: address };
}

/**
 * Where the packets of a call to `dest` (no pod endpoint) go. ServiceEntry resolution STATIC and DNS use
 * `endpoints` (each IP literal or DNS name); NONE passes the connection to the address the app dialled: the
 * literal IP of the call, else the entry's single `addresses` IP, else an address only DNS knows. Unix sockets
 * never reach the network and are left out.
 */
export function externalAddresses(dest: Destination): { addresses: ExternalAddress[]; note?: string } {
  const se = dest.serviceEntry;
  const port = dest.targetPort;
  if (!se) return { addresses: [{ peer: peerFor(dest.host), port }] };
  const declared = se.ports.find((p) => p.port === dest.port);
  const network = se.endpoints.filter((e) => !e.address.startsWith('unix://'));
  if (se.resolution !== 'NONE' && network.length > 0) {
    const addresses = network.map((e) => ({ peer: peerFor(e.address), port: (declared?.name ? e.ports[declared.name] : undefined) ?? port }));
    return {
      addresses,
      note: `ServiceEntry ${se.namespace}/${se.resource.name} (resolution ${se.resolution}) sends to its endpoints ${network.map((e) => e.address).join(', ')}`,
    };
  }
  const dialled = literalIp(dest.host);
  if (dialled) return { addresses: [{ peer: { ip: dialled }, port }] };
  const ips = se.addresses.map(literalIp).filter((a): a is string => !!a);
  if (se.resolution === 'NONE' && ips.length === 1 && se.addresses.length === 1) {
    return {
      addresses: [{ peer: { ip: ips[0] }, port }],
      note: `ServiceEntry ${se.namespace}/${se.resource.name} has the address ${ips[0]}: the call goes to it`,
    };
  }
  return { addresses: [{ peer: { host: dest.host }, port }], note: `${dest.host} is resolved by DNS: its address is unknown from manifests` };
}
