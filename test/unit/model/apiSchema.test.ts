// The vendored API schemas (schemas/api): where they came from, that they are the releases we expect, loaded per kind.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { apiSchema, loadedSchemas, schemaKinds, schemaSources, servedVersions } from '../../../src/model/apiSchema';
import { schemaFieldPaths } from '../../../src/model/schemaFields';

const fields = (apiVersion: string, kind: string) => {
  const api = apiSchema(apiVersion, kind);
  assert.ok(api, `no schema for ${apiVersion} ${kind}`);
  return schemaFieldPaths(api);
};

describe('vendored API schemas (schemas/api)', () => {
  it('come from pinned releases of Kubernetes, Istio and the Gateway API', () => {
    const s = schemaSources();
    assert.equal(s.kubernetes.version, '1.36');
    assert.equal(s.istio.version, '1.30.3');
    assert.equal(s.istio.tag, 'v1.30.3');
    assert.equal(s['gateway-api'].version, '1.6.1');
    assert.equal(s['gateway-api'].channel, 'standard');
    for (const source of Object.values(s))
      assert.match(source.commit ?? (source as { copiedFrom?: { commit: string } }).copiedFrom?.commit ?? '', /^[0-9a-f]{40}$/);
  });

  it('cover Istio security v1 and v1beta1, networking v1/v1beta1/v1alpha3, telemetry and extensions', () => {
    for (const kind of ['AuthorizationPolicy', 'PeerAuthentication', 'RequestAuthentication'])
      assert.deepEqual(servedVersions('security.istio.io', kind).sort(), ['v1', 'v1beta1']);
    for (const kind of ['DestinationRule', 'VirtualService', 'Gateway', 'ServiceEntry', 'Sidecar', 'WorkloadEntry', 'WorkloadGroup'])
      assert.deepEqual(servedVersions('networking.istio.io', kind).sort(), ['v1', 'v1alpha3', 'v1beta1'], kind);
    assert.deepEqual(servedVersions('networking.istio.io', 'EnvoyFilter'), ['v1alpha3']);
    assert.deepEqual(servedVersions('telemetry.istio.io', 'Telemetry').sort(), ['v1', 'v1alpha1']);
    assert.deepEqual(servedVersions('extensions.istio.io', 'WasmPlugin'), ['v1alpha1']);
  });

  it('have the Istio 1.2x+ AuthorizationPolicy source fields serviceAccounts and notServiceAccounts', () => {
    for (const v of ['v1', 'v1beta1']) {
      const paths = fields(`security.istio.io/${v}`, 'AuthorizationPolicy');
      assert.ok(paths.includes('spec.rules[].from[].source.serviceAccounts'), v);
      assert.ok(paths.includes('spec.rules[].from[].source.notServiceAccounts'), v);
      assert.ok(paths.includes('spec.targetRefs[].kind'), v);
    }
  });

  it('have Gateway API v1 Gateway and HTTPRoute', () => {
    assert.ok(fields('gateway.networking.k8s.io/v1', 'Gateway').includes('spec.listeners[].tls.certificateRefs[].name'));
    assert.ok(fields('gateway.networking.k8s.io/v1', 'HTTPRoute').includes('spec.rules[].backendRefs[].port'));
  });

  it('have Kubernetes 1.36 kinds and none that it no longer serves', () => {
    assert.ok(fields('networking.k8s.io/v1', 'NetworkPolicy').includes('spec.ingress[].ports[].endPort'));
    assert.ok(fields('apps/v1', 'Deployment').includes('spec.template.spec.containers[].securityContext.runAsNonRoot'));
    assert.deepEqual(servedVersions('batch', 'CronJob'), ['v1']);
    assert.deepEqual(servedVersions('policy', 'PodSecurityPolicy'), []);
  });

  it('list the fields of a recursive type down to where it repeats', () => {
    const paths = fields('apiextensions.k8s.io/v1', 'CustomResourceDefinition');
    assert.ok(paths.includes('spec.versions[].schema.openAPIV3Schema.properties'));
    assert.ok(paths.includes('spec.versions[].schema.openAPIV3Schema.x-kubernetes-preserve-unknown-fields'));
    assert.ok(!paths.some((p) => p.includes('openAPIV3Schema.properties{}')), 'JSONSchemaProps is listed once');
  });

  it('index only files that exist and hold the kind they are indexed under', () => {
    for (const key of schemaKinds()) {
      const [group, version, kind] = key.split('/');
      const api = apiSchema(group ? `${group}/${version}` : version, kind);
      assert.equal(api?.kind, kind, key);
      assert.equal(api?.apiVersion, group ? `${group}/${version}` : version, key);
    }
  });

  it('are read per kind, for the kinds asked for', () => {
    // A fresh process: this one has read every schema above.
    const script = `
      const { apiSchema, loadedSchemas } = require(${JSON.stringify(join(__dirname, '../../../src/model/apiSchema'))});
      apiSchema('security.istio.io/v1', 'PeerAuthentication');
      console.log(JSON.stringify(loadedSchemas()));`;
    const out = execFileSync(process.execPath, ['--import', 'tsx', '-e', script], { encoding: 'utf8' });
    assert.deepEqual(JSON.parse(out), ['security.istio.io/v1/PeerAuthentication']);
    assert.ok(loadedSchemas().length > 100);
  });
});
