// PeerAuthentication composition, checked against the Istio reference page and istiod's ComposePeerAuthentication.
import assert from 'node:assert/strict';
import { composedMtlsMode, findWorkload } from '../../../src/policy/index';
import { app, meshOf, namespace } from '../../helpers/meshFixture';

function pa(ns: string, name: string, body: string, created?: string): string {
  return `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: ${name}
  namespace: ${ns}
${created ? `  creationTimestamp: "${created}"\n` : ''}spec:
${body}
---
`;
}

const base = namespace('foo') + app('foo', 'finance', { ports: [8080, 9090] }) + app('foo', 'other');

interface Case {
  doc: string;
  policies: string;
  workload?: string;
  port?: number;
  mode: string;
}

const cases: Case[] = [
  { doc: 'no policy at all: PERMISSIVE (Istio default)', policies: '', mode: 'PERMISSIVE' },
  { doc: '"For mesh level, put the policy in root-namespace"', policies: pa('istio-system', 'default', '  mtls: { mode: STRICT }'), mode: 'STRICT' },
  {
    doc: 'namespace policy overrides the mesh policy',
    policies: pa('istio-system', 'default', '  mtls: { mode: STRICT }') + pa('foo', 'default', '  mtls: { mode: PERMISSIVE }'),
    mode: 'PERMISSIVE',
  },
  {
    doc: '"require mTLS for workload finance": workload selector beats namespace PERMISSIVE',
    policies:
      pa('foo', 'default', '  mtls: { mode: PERMISSIVE }') + pa('foo', 'finance', '  selector: { matchLabels: { app: finance } }\n  mtls: { mode: STRICT }'),
    mode: 'STRICT',
  },
  {
    doc: 'the workload policy does not touch workloads it does not select',
    policies:
      pa('foo', 'default', '  mtls: { mode: PERMISSIVE }') + pa('foo', 'finance', '  selector: { matchLabels: { app: finance } }\n  mtls: { mode: STRICT }'),
    workload: 'foo/other',
    mode: 'PERMISSIVE',
  },
  {
    doc: 'UNSET inherits from the parent (namespace UNSET keeps mesh STRICT)',
    policies: pa('istio-system', 'default', '  mtls: { mode: STRICT }') + pa('foo', 'default', '  mtls: { mode: UNSET }'),
    mode: 'STRICT',
  },
  {
    doc: 'a policy without mtls is UNSET: inherits',
    policies: pa('istio-system', 'default', '  mtls: { mode: DISABLE }') + pa('foo', 'default', '  {}'),
    mode: 'DISABLE',
  },
  {
    doc: '"PeerAuthentication policies with workload selectors are ignored when deployed in the root namespace"',
    policies: pa('istio-system', 'root-selector', '  selector: { matchLabels: { app: finance } }\n  mtls: { mode: STRICT }'),
    mode: 'PERMISSIVE',
  },
  {
    doc: '"leave the port 8080 to plaintext": portLevelMtls 8080 DISABLE under STRICT',
    policies: pa('foo', 'finance', '  selector: { matchLabels: { app: finance } }\n  mtls: { mode: STRICT }\n  portLevelMtls:\n    8080: { mode: DISABLE }'),
    port: 8080,
    mode: 'DISABLE',
  },
  {
    doc: 'port-level setting only affects its port',
    policies: pa('foo', 'finance', '  selector: { matchLabels: { app: finance } }\n  mtls: { mode: STRICT }\n  portLevelMtls:\n    8080: { mode: DISABLE }'),
    port: 9090,
    mode: 'STRICT',
  },
  {
    doc: '"inherit mTLS mode from namespace (or mesh) settings, and overwrite settings for port 8080"',
    policies:
      pa('foo', 'default', '  mtls: { mode: STRICT }') +
      pa('foo', 'finance', '  selector: { matchLabels: { app: finance } }\n  mtls: { mode: UNSET }\n  portLevelMtls:\n    8080: { mode: DISABLE }'),
    port: 9090,
    mode: 'STRICT',
  },
  {
    doc: 'portLevelMtls entry UNSET inherits the workload-level result (istiod: PerPort[port] = outputPolicy.Mode)',
    policies:
      pa('foo', 'default', '  mtls: { mode: PERMISSIVE }') +
      pa('foo', 'finance', '  selector: { matchLabels: { app: finance } }\n  mtls: { mode: STRICT }\n  portLevelMtls:\n    8080: { mode: UNSET }'),
    port: 8080,
    mode: 'STRICT',
  },
  {
    doc: 'portLevelMtls on a namespace-wide policy (no selector) is ignored: only workload policies carry it',
    policies: pa('foo', 'default', '  mtls: { mode: STRICT }\n  portLevelMtls:\n    8080: { mode: DISABLE }'),
    port: 8080,
    mode: 'STRICT',
  },
  {
    doc: 'selector with empty matchLabels counts as namespace-wide',
    policies: pa('foo', 'default', '  selector: { matchLabels: {} }\n  mtls: { mode: DISABLE }'),
    mode: 'DISABLE',
  },
  {
    doc: 'several workload policies: the oldest creationTimestamp wins',
    policies:
      pa('foo', 'b-old', '  selector: { matchLabels: { app: finance } }\n  mtls: { mode: DISABLE }', '2024-01-01T00:00:00Z') +
      pa('foo', 'a-new', '  selector: { matchLabels: { app: finance } }\n  mtls: { mode: STRICT }', '2025-01-01T00:00:00Z'),
    mode: 'DISABLE',
  },
  {
    doc: 'several workload policies with equal (absent) timestamps: the first by name wins',
    policies:
      pa('foo', 'zeta', '  selector: { matchLabels: { app: finance } }\n  mtls: { mode: DISABLE }') +
      pa('foo', 'alpha', '  selector: { matchLabels: { app: finance } }\n  mtls: { mode: STRICT }'),
    mode: 'STRICT',
  },
  {
    doc: 'several mesh-level policies: the oldest wins',
    policies:
      pa('istio-system', 'new', '  mtls: { mode: DISABLE }', '2025-06-01T00:00:00Z') +
      pa('istio-system', 'old', '  mtls: { mode: STRICT }', '2020-06-01T00:00:00Z'),
    mode: 'STRICT',
  },
  {
    doc: 'policies of another namespace do not apply',
    policies: pa('bar', 'default', '  mtls: { mode: STRICT }'),
    mode: 'PERMISSIVE',
  },
];

describe('simulator: PeerAuthentication composition', () => {
  for (const c of cases) {
    it(c.doc, () => {
      const mesh = meshOf(base + c.policies);
      const w = findWorkload(mesh, c.workload ?? 'foo/finance');
      assert.ok(w);
      const r = composedMtlsMode(mesh, w, c.port ?? 8080);
      assert.equal(r.mode, c.mode, r.steps.map((s) => s.detail).join(' | '));
    });
  }

  it('explains where each level came from, with file and line', () => {
    const mesh = meshOf(
      base +
        pa('istio-system', 'default', '  mtls: { mode: STRICT }') +
        pa('foo', 'finance', '  selector: { matchLabels: { app: finance } }\n  mtls: { mode: PERMISSIVE }'),
    );
    const r = composedMtlsMode(mesh, findWorkload(mesh, 'foo/finance')!, 8080);
    const named = r.steps.filter((s) => s.policy);
    assert.deepEqual(
      named.map((s) => [s.policy, s.file, s.detail]),
      [
        ['PeerAuthentication istio-system/default', 'mesh.yaml', 'mesh-wide mode STRICT'],
        ['PeerAuthentication foo/finance', 'mesh.yaml', 'workload mode PERMISSIVE'],
      ],
    );
    const text = meshOf(base).workloads.length; // sanity: the base has two workloads
    assert.equal(text, 2);
    // metadata.name of the mesh-wide policy is on the line after `metadata:`
    const src = mesh.peerAuthentications.find((p) => p.name === 'default')!;
    const lines = src.resource.file.text.split('\n');
    assert.match(lines[named[0].line! - 1], /name: default/);
  });

  it('a workload in the root namespace only gets the mesh-level policy', () => {
    const mesh = meshOf(
      namespace('istio-system') +
        app('istio-system', 'gw') +
        pa('istio-system', 'default', '  mtls: { mode: STRICT }') +
        pa('istio-system', 'gw', '  selector: { matchLabels: { app: gw } }\n  mtls: { mode: DISABLE }'),
    );
    assert.equal(composedMtlsMode(mesh, findWorkload(mesh, 'istio-system/gw')!, 8080).mode, 'STRICT');
  });

  it('policies apply per cluster: a STRICT policy in cluster A does not affect cluster B', () => {
    const mesh = meshOf({ 'a/app.yaml': base + pa('istio-system', 'default', '  mtls: { mode: STRICT }'), 'b/app.yaml': base }, [
      { name: 'a', manifests: ['a/**'] },
      { name: 'b', manifests: ['b/**'] },
    ]);
    assert.equal(composedMtlsMode(mesh, findWorkload(mesh, 'a/foo/finance')!, 8080).mode, 'STRICT');
    assert.equal(composedMtlsMode(mesh, findWorkload(mesh, 'b/foo/finance')!, 8080).mode, 'PERMISSIVE');
  });
});
