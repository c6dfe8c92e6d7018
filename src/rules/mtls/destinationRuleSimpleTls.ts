// ZT0203: a DestinationRule that uses one-way TLS (SIMPLE) towards a service inside the mesh.
import { destinationRuleTlsRule } from '../templates/destinationRuleTls';

export const destinationRuleSimpleTls = destinationRuleTlsRule(
  {
    id: 'ZT0203',
    pillar: 2,
    severity: 'warning',
    title: 'DestinationRule uses one-way TLS inside the mesh',
    description:
      'tls.mode SIMPLE towards an in-mesh service replaces mutual TLS with server-only TLS: the client presents no mesh certificate, so the server sees no peer identity and principal-based authorization cannot hold.',
    fixable: true,
    kinds: ['DestinationRule'],
  },
  'SIMPLE',
  (host, where) => `${where} uses one-way TLS (SIMPLE) to in-mesh host ${host}; set tls.mode to ISTIO_MUTUAL so the client proves its identity`,
);
