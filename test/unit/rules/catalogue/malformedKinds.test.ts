// Bad input never crashes a rule: every kind the rules read, with wrongly typed fields.
import assert from 'node:assert/strict';
import { defaultConfig } from '../../../../src/config/load';
import { WorkspaceIndex } from '../../../../src/model/workspace';
import { lint } from '../../../../src/rules/engine';
import { ALL_RULES } from '../../../../src/rules/registry';

// Every kind these rules read, with fields of the wrong type, nulls, empty lists and odd nesting.
const KINDS: [string, string][] = [
  ['networking.istio.io/v1', 'Gateway'],
  ['gateway.networking.k8s.io/v1', 'Gateway'],
  ['networking.k8s.io/v1', 'Ingress'],
  ['cert-manager.io/v1', 'Certificate'],
  ['install.istio.io/v1alpha1', 'IstioOperator'],
  ['sailoperator.io/v1', 'Istio'],
  ['v1', 'ConfigMap'],
  ['v1', 'Secret'],
  ['v1', 'Namespace'],
  ['telemetry.istio.io/v1', 'Telemetry'],
  ['networking.istio.io/v1', 'ServiceEntry'],
  ['networking.istio.io/v1', 'Sidecar'],
  ['networking.istio.io/v1alpha3', 'EnvoyFilter'],
  ['extensions.istio.io/v1alpha1', 'WasmPlugin'],
  ['networking.k8s.io/v1', 'NetworkPolicy'],
  ['external-secrets.io/v1', 'ExternalSecret'],
  ['external-secrets.io/v1', 'ClusterSecretStore'],
  ['apps/v1', 'Deployment'],
  ['batch/v1', 'CronJob'],
  ['v1', 'Pod'],
];

const BODIES = [
  'spec: 42\ndata: [1, 2]\n',
  'spec: {servers: "x", hosts: 7, egress: {hosts: 1}, accessLogging: [null, 3], metrics: [{overrides: "no"}], selector: [a]}\n',
  'spec:\n  servers: [null, {tls: 5}, {tls: {mode: SIMPLE, cipherSuites: "RC4"}}, {port: null}]\n  meshConfig: [x]\n  values: {global: 9}\n',
  'spec:\n  template: {spec: {containers: [null, 5, {env: "x", envFrom: [null], volumeMounts: 3}], volumes: [null, {secret: 5}, {csi: []}]}}\n',
  'spec:\n  jobTemplate: {spec: {template: {spec: {containers: [{env: [null, {name: 5, value: {a: 1}}]}]}}}}\n',
  'data: {mesh: "outboundTrafficPolicy: [", key: null, n: 5}\n',
  'spec: {configPatches: [null, {patch: {value: {name: 5}}}, {patch: {value: {name: envoy.filters.http.ext_authz, typed_config: 3}}}], url: 5, pluginConfig: [1]}\n',
  'spec: {privateKey: {size: "big", algorithm: 5}, refreshInterval: [], provider: {vault: {server: 5}}, addresses: {}, exportTo: 5, ports: "x"}\n',
];

describe('rules on malformed kinds', () => {
  for (const [apiVersion, kind] of KINDS) {
    it(`${kind} (${apiVersion}) with wrongly typed fields: no internal errors`, () => {
      const index = new WorkspaceIndex({ ...defaultConfig('/virtual'), fips: true });
      BODIES.forEach((body, i) => {
        const name = i === 5 ? 'istio' : `x${i}`; // the istio ConfigMap carries mesh config as text
        index.setFile(
          `/virtual/m${i}.yaml`,
          `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata: {name: ${name}, namespace: ns, annotations: {a: null, b: 5}}\n${body}`,
        );
      });
      const result = lint(index, { rules: ALL_RULES });
      const internal = result.findings.filter((f) => f.message.startsWith('internal error'));
      assert.deepEqual(
        internal.map((f) => f.message),
        [],
      );
      // Fixes are built lazily; building them must not throw either.
      for (const f of result.findings) f.fix?.();
    });
  }
});
