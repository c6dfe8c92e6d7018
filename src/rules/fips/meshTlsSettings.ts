// ZT0604: mesh-wide TLS settings (meshMTLS, tlsDefaults) that allow TLS below 1.2 or, in FIPS mode, non-NIST ECDH curves.
import { removeListItems } from '../../fix/listItemRemoval';
import { setField } from '../../fix/yamlEdit';
import { getPath } from '../../model/workloads';
import { meshConfigOf, meshFieldLocation } from '../templates/meshConfig';
import type { Rule } from '../types';
import { isBelowTls12, isFipsCurve } from './tlsPolicy';

export const meshTlsSettings: Rule = {
  meta: {
    id: 'ZT0604',
    pillar: 6,
    severity: 'error',
    title: 'Mesh TLS settings below FIPS baseline',
    description:
      'meshConfig.meshMTLS applies to every sidecar-to-sidecar connection and meshConfig.tlsDefaults to every other TLS connection the proxies make. A minProtocolVersion below TLSV1_2 weakens the whole mesh at once. In FIPS mode tlsDefaults.minProtocolVersion must be pinned (it also governs TLS that DestinationRules originate) and the ECDH curves must be NIST P-curves; X25519 is not approved.',
    fixable: true,
    kinds: ['IstioOperator', 'Istio', 'ConfigMap'],
  },
  checkResource(r, ctx) {
    const src = meshConfigOf(r);
    if (!src) return;
    for (const block of ['meshMTLS', 'tlsDefaults']) {
      const sub = [block, 'minProtocolVersion'];
      const version = getPath(src.mesh, sub);
      if (!isBelowTls12(version)) continue;
      const at = meshFieldLocation(src, sub);
      ctx.report({
        resource: r,
        ...at,
        message: `meshConfig.${block}.minProtocolVersion ${String(version)} allows deprecated TLS; set it to TLSV1_2 or TLSV1_3`,
        fix: src.meshPath ? () => ({ title: 'Set minProtocolVersion to TLSV1_2', safe: true, edits: setField(r, at.path, 'TLSV1_2') }) : undefined,
      });
    }
    if (!ctx.config.fips) return;
    // tlsDefaults governs the TLS that proxies originate (DestinationRule SIMPLE/MUTUAL, which has no
    // version field of its own): FIPS mode wants its minimum written down, not left to Envoy's default.
    const originated = ['tlsDefaults', 'minProtocolVersion'];
    const pinned = getPath(src.mesh, originated);
    if (pinned === undefined || pinned === 'TLS_AUTO') {
      const at = meshFieldLocation(src, originated);
      ctx.report({
        resource: r,
        ...at,
        message: 'FIPS mode: pin meshConfig.tlsDefaults.minProtocolVersion to TLSV1_2 (or TLSV1_3) for the TLS that proxies originate',
        fix: src.meshPath ? () => ({ title: 'Pin minProtocolVersion to TLSV1_2', safe: true, edits: setField(r, at.path, 'TLSV1_2') }) : undefined,
      });
    }
    const curvesPath = ['tlsDefaults', 'ecdhCurves'];
    const curves = getPath(src.mesh, curvesPath);
    if (!Array.isArray(curves)) return;
    const bad = curves.map((c, i) => ({ c: String(c), i })).filter(({ c }) => !isFipsCurve(c));
    for (const { c, i } of bad) {
      const at = src.meshPath ? { path: [...src.meshPath, ...curvesPath, i], part: 'value' as const } : meshFieldLocation(src, curvesPath);
      ctx.report({
        resource: r,
        ...at,
        message: `FIPS mode: ECDH curve ${c} is not FIPS-approved; keep only P-256, P-384 or P-521`,
        fix: src.meshPath
          ? () => ({
              title: 'Remove non-FIPS curves',
              safe: true,
              edits: removeListItems(
                r,
                [...src.meshPath!, ...curvesPath],
                bad.map((b) => b.i),
              ),
            })
          : undefined,
      });
    }
  },
};
