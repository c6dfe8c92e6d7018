// ZT0602: cipher suites that are broken everywhere, or (in FIPS mode) not FIPS-approved, on Gateways and mesh TLS defaults.
import { removeListItems } from '../../fix/listItemRemoval';
import type { FieldPath } from '../../model/position';
import type { Resource } from '../../model/types';
import { getPath } from '../../model/workloads';
import { gatewayServers, isIstioGateway } from '../templates/istioGateway';
import { meshConfigOf, meshFieldLocation } from '../templates/meshConfig';
import type { RuleContext, Rule } from '../types';
import { judgeCipher } from './tlsPolicy';

function checkList(
  r: Resource,
  ctx: RuleContext,
  list: unknown,
  path: FieldPath | undefined,
  where: string,
  reportAt?: { path: FieldPath; part: 'key' | 'value' },
): void {
  if (!Array.isArray(list)) return;
  const bad = list.map((name, i) => ({ name: String(name), i, verdict: judgeCipher(String(name), ctx.config.fips) })).filter((c) => c.verdict !== 'ok');
  for (const c of bad) {
    const why = c.verdict === 'broken' ? 'is broken' : 'is not FIPS-approved (FIPS mode allows ECDHE with AES-GCM)';
    ctx.report({
      resource: r,
      path: reportAt?.path ?? [...path!, c.i],
      part: reportAt?.part,
      message: `cipher suite ${c.name} in ${where} ${why}; remove it`,
      fix: path
        ? () => ({
            title: 'Remove weak cipher suites',
            safe: true,
            edits: removeListItems(
              r,
              path,
              bad.map((b) => b.i),
            ),
          })
        : undefined,
    });
  }
}

export const weakCipherSuites: Rule = {
  meta: {
    id: 'ZT0602',
    pillar: 6,
    severity: 'error',
    title: 'Weak or non-FIPS cipher suite',
    description:
      'A cipher list that names RC4, 3DES, NULL, export or anonymous suites lets an attacker force a breakable session. With `fips: true` only FIPS 140 approved suites (ECDHE key exchange with AES-GCM) may be listed; ChaCha20 and CBC-SHA1 suites are not approved.',
    fixable: true,
    kinds: ['Gateway', 'IstioOperator', 'Istio', 'ConfigMap'],
  },
  checkResource(r, ctx) {
    if (isIstioGateway(r)) {
      for (const { path, server } of gatewayServers(r)) {
        const listPath = [...path, 'tls', 'cipherSuites'];
        checkList(r, ctx, getPath(server, ['tls', 'cipherSuites']), listPath, 'Gateway server tls');
      }
      return;
    }
    const src = meshConfigOf(r);
    if (!src) return;
    for (const sub of [
      ['tlsDefaults', 'cipherSuites'],
      ['meshMTLS', 'cipherSuites'],
    ]) {
      const list = getPath(src.mesh, sub);
      if (src.meshPath) checkList(r, ctx, list, [...src.meshPath, ...sub], `meshConfig.${sub[0]}`);
      else checkList(r, ctx, list, undefined, `meshConfig.${sub[0]}`, meshFieldLocation(src, sub));
    }
  },
};
