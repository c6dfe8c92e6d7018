// ZT0601: an Istio Gateway server that terminates TLS and accepts TLS 1.0/1.1 (or, in FIPS mode, does not pin TLS 1.2+).
import { setField } from '../../fix/yamlEdit';
import { getPath } from '../../model/workloads';
import { gatewayServers, isIstioGateway } from '../templates/istioGateway';
import type { Rule } from '../types';
import { isBelowTls12 } from './tlsPolicy';

/** Modes where the gateway itself terminates TLS; PASSTHROUGH leaves the handshake to the backend. */
const TERMINATING = new Set(['SIMPLE', 'MUTUAL', 'OPTIONAL_MUTUAL', 'ISTIO_MUTUAL']);

export const gatewayTlsVersion: Rule = {
  meta: {
    id: 'ZT0601',
    pillar: 6,
    severity: 'error',
    title: 'Gateway accepts TLS below 1.2',
    description:
      'TLS 1.0 and 1.1 are deprecated (RFC 8996) and not allowed by FIPS 140 or PCI DSS. A Gateway that lowers minProtocolVersion (or caps maxProtocolVersion) below TLS 1.2 lets clients negotiate a broken protocol. With `fips: true` in ztn.yaml the minimum must also be written down explicitly, so audits do not depend on proxy defaults.',
    fixable: true,
    kinds: ['Gateway'],
  },
  checkResource(r, ctx) {
    if (!isIstioGateway(r)) return;
    for (const { path, server } of gatewayServers(r)) {
      const mode = getPath(server, ['tls', 'mode']);
      if (typeof mode !== 'string' || !TERMINATING.has(mode)) continue;
      const min = getPath(server, ['tls', 'minProtocolVersion']);
      const minPath = [...path, 'tls', 'minProtocolVersion'];
      const fixMin = () => ({ title: 'Set minProtocolVersion to TLSV1_2', safe: true, edits: setField(r, minPath, 'TLSV1_2') });
      if (isBelowTls12(min)) {
        ctx.report({
          resource: r,
          path: minPath,
          message: `minProtocolVersion ${String(min)} allows deprecated TLS; set it to TLSV1_2 or TLSV1_3`,
          fix: fixMin,
        });
      } else if (ctx.config.fips && (min === undefined || min === 'TLS_AUTO')) {
        ctx.report({
          resource: r,
          path: min === undefined ? [...path, 'tls', 'mode'] : minPath,
          part: min === undefined ? 'key' : 'value',
          message: 'FIPS mode: pin tls.minProtocolVersion to TLSV1_2 (or TLSV1_3) instead of relying on the proxy default',
          fix: fixMin,
        });
      }
      const max = getPath(server, ['tls', 'maxProtocolVersion']);
      if (isBelowTls12(max)) {
        const maxPath = [...path, 'tls', 'maxProtocolVersion'];
        ctx.report({
          resource: r,
          path: maxPath,
          message: `maxProtocolVersion ${String(max)} forces deprecated TLS; set it to TLSV1_3`,
          fix: () => ({ title: 'Set maxProtocolVersion to TLSV1_3', safe: true, edits: setField(r, maxPath, 'TLSV1_3') }),
        });
      }
    }
  },
};
