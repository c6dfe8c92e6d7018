// ZT0202: a DestinationRule that turns TLS off towards a service inside the mesh.
import { destinationRuleTlsRule } from '../templates/destinationRuleTls';

export const destinationRuleTlsDisabled = destinationRuleTlsRule(
  {
    id: 'ZT0202',
    pillar: 2,
    severity: 'error',
    title: 'DestinationRule disables TLS inside the mesh',
    description:
      'tls.mode DISABLE makes sidecars send plaintext to an in-mesh service, overriding auto mTLS: traffic can be read and altered on the wire, and the server cannot see a caller identity.',
    fixable: true,
    kinds: ['DestinationRule'],
  },
  'DISABLE',
  (host, where) => `${where} sends plaintext to in-mesh host ${host}; set tls.mode to ISTIO_MUTUAL (or remove the tls block to use auto mTLS)`,
);
