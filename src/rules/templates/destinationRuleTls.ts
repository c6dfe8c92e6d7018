// Template for DestinationRule checks that flag a client TLS mode towards in-mesh hosts (DISABLE, SIMPLE).
import { setField } from '../../fix/yamlEdit';
import type { FieldPath } from '../../model/position';
import type { Resource } from '../../model/types';
import { getPath } from '../../model/workloads';
import { namespaceOf } from '../../model/workspace';
import type { Rule, RuleMeta } from '../types';
import { isMeshHost } from './meshHosts';

/** A `tls` block of a DestinationRule: top-level, per port, per subset, per subset port. */
export interface TlsSetting {
  path: FieldPath;
  where: string;
  tls: Record<string, unknown>;
}

function policyTls(policy: unknown, base: FieldPath, where: string, out: TlsSetting[]): void {
  const tls = getPath(policy, ['tls']);
  if (tls && typeof tls === 'object') out.push({ path: [...base, 'tls'], where, tls: tls as Record<string, unknown> });
  const ports = getPath(policy, ['portLevelSettings']);
  if (Array.isArray(ports)) {
    ports.forEach((p, i) => {
      const t = getPath(p, ['tls']);
      const port = getPath(p, ['port', 'number']);
      if (t && typeof t === 'object')
        out.push({ path: [...base, 'portLevelSettings', i, 'tls'], where: `${where} port ${String(port ?? i)}`, tls: t as Record<string, unknown> });
    });
  }
}

export function tlsSettings(dr: Resource): TlsSetting[] {
  const out: TlsSetting[] = [];
  policyTls(getPath(dr.obj, ['spec', 'trafficPolicy']), ['spec', 'trafficPolicy'], 'traffic policy', out);
  const subsets = getPath(dr.obj, ['spec', 'subsets']);
  if (Array.isArray(subsets)) {
    subsets.forEach((s, i) =>
      policyTls(getPath(s, ['trafficPolicy']), ['spec', 'subsets', i, 'trafficPolicy'], `subset ${String(getPath(s, ['name']) ?? i)}`, out),
    );
  }
  return out;
}

// Fields that only make sense for TLS that the application or the user's certificates provide.
const NON_MESH_TLS_FIELDS = ['clientCertificate', 'privateKey', 'caCertificates', 'credentialName', 'subjectAltNames', 'sni', 'caCrl'];

export function destinationRuleTlsRule(meta: RuleMeta, mode: string, message: (host: string, where: string) => string): Rule {
  return {
    meta,
    checkResource(dr, ctx) {
      const host = getPath(dr.obj, ['spec', 'host']);
      if (typeof host !== 'string' || !isMeshHost(ctx.index, host, namespaceOf(dr))) return;
      for (const s of tlsSettings(dr)) {
        if (s.tls.mode !== mode) continue;
        // Switching to ISTIO_MUTUAL is safe only when no user-provided TLS material would be dropped silently.
        const safe = !NON_MESH_TLS_FIELDS.some((f) => f in s.tls);
        ctx.report({
          resource: dr,
          path: [...s.path, 'mode'],
          message: message(host, s.where),
          fix: () => ({ title: 'Use ISTIO_MUTUAL', safe, edits: setField(dr, [...s.path, 'mode'], 'ISTIO_MUTUAL') }),
        });
      }
    },
  };
}
