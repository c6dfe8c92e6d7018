// CIDR parsing shared by the lint rules and the policy engine, with ipaddr.js.
import ipaddr from 'ipaddr.js';

export type Cidr = [ipaddr.IPv4 | ipaddr.IPv6, number];

/** A CIDR, or a bare address as /32 or /128 (as NetworkPolicy and Istio read ipBlocks); undefined when invalid. */
export function parseCidr(text: string): Cidr | undefined {
  const t = text.trim();
  try {
    if (t.includes('/')) return ipaddr.parseCIDR(t);
    const addr = ipaddr.parse(t);
    return [addr, addr.kind() === 'ipv4' ? 32 : 128];
  } catch {
    return undefined;
  }
}
