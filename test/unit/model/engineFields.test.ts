// Every field of every security kind's schema is declared modelled or not modelled by the policy engine.
import assert from 'node:assert/strict';
import { apiSchema, servedVersions } from '../../../src/model/apiSchema';
import { declarationFor, ENGINE_FIELDS, notModelledFields } from '../../../src/model/engineFields';
import { ISTIO_NETWORKING, ISTIO_SECURITY, K8S_NETWORKING, kindKey } from '../../../src/model/kinds';
import { schemaFieldPaths } from '../../../src/model/schemaFields';

/** `Kind.group` to its group and kind. */
function split(key: string): { group: string; kind: string } {
  const dot = key.indexOf('.');
  return dot < 0 ? { group: '', kind: key } : { group: key.slice(dot + 1), kind: key.slice(0, dot) };
}

/** Each served version's field paths, from the vendored schema itself. */
function fieldsByVersion(key: string): Map<string, string[]> {
  const { group, kind } = split(key);
  const out = new Map<string, string[]>();
  for (const version of servedVersions(group, kind)) out.set(version, schemaFieldPaths(apiSchema(group ? `${group}/${version}` : version, kind)!));
  return out;
}

describe('engine field table (src/model/engineFields.ts)', () => {
  it('declares every security kind the policy engine reads', () => {
    assert.deepEqual(
      Object.keys(ENGINE_FIELDS).sort(),
      [
        kindKey(ISTIO_SECURITY, 'AuthorizationPolicy'),
        kindKey(ISTIO_NETWORKING, 'DestinationRule'),
        kindKey(ISTIO_NETWORKING, 'Gateway'),
        kindKey(K8S_NETWORKING, 'NetworkPolicy'),
        kindKey(ISTIO_SECURITY, 'PeerAuthentication'),
        kindKey(ISTIO_SECURITY, 'RequestAuthentication'),
        kindKey(ISTIO_NETWORKING, 'ServiceEntry'),
        kindKey(ISTIO_NETWORKING, 'Sidecar'),
        kindKey(ISTIO_NETWORKING, 'VirtualService'),
      ].sort(),
    );
  });

  for (const key of Object.keys(ENGINE_FIELDS)) {
    describe(key, () => {
      const versions = fieldsByVersion(key);

      it('has a schema in every version it is served at', () => {
        assert.ok(versions.size > 0, `no vendored schema for ${key}`);
      });

      it('declares every leaf field of every served version as modelled or not modelled', () => {
        const undeclared: string[] = [];
        for (const [version, paths] of versions) {
          // A leaf is a field no other field is under: declaring it, or a field above it, decides it.
          const leaves = paths.filter((p) => !paths.some((q) => q !== p && (q.startsWith(`${p}.`) || q.startsWith(`${p}[]`) || q.startsWith(`${p}{}`))));
          for (const leaf of leaves) if (!declarationFor(key, leaf)) undeclared.push(`${version}: ${leaf}`);
        }
        assert.deepEqual(undeclared, [], `fields of ${key} neither modelled nor declared not modelled (src/model/engineFields.ts)`);
      });

      it('declares no field the schema does not have', () => {
        const all = new Set([...versions.values()].flat());
        const stale = ENGINE_FIELDS[key].map((d) => d.path).filter((p) => !all.has(p));
        assert.deepEqual(stale, []);
      });

      it('says for every field it does not model which predictions it may change', () => {
        for (const d of ENGINE_FIELDS[key]) if (!d.modelled) assert.match(d.changes, /predict/, d.path);
      });
    });
  }

  it('lists the not-modelled fields an object sets, outermost only, for predictions to name as caveats', () => {
    const rule = {
      apiVersion: 'networking.istio.io/v1',
      kind: 'DestinationRule',
      obj: {
        spec: {
          host: 'orders',
          trafficPolicy: { tls: { mode: 'ISTIO_MUTUAL' }, loadBalancer: { simple: 'ROUND_ROBIN' } },
          subsets: [{ name: 'v2', labels: { version: 'v2' }, trafficPolicy: { connectionPool: { tcp: { maxConnections: 1 } } } }],
        },
      },
    };
    assert.deepEqual(
      notModelledFields(rule).map((f) => [f.path.join('.'), f.schemaPath]),
      [
        ['spec.trafficPolicy.loadBalancer', 'spec.trafficPolicy.loadBalancer'],
        ['spec.subsets.0.trafficPolicy.connectionPool', 'spec.subsets[].trafficPolicy.connectionPool'],
      ],
    );
    assert.deepEqual(notModelledFields({ apiVersion: 'policy.linkerd.io/v1alpha1', kind: 'AuthorizationPolicy', obj: { spec: { anything: 1 } } }), []);
  });
});
