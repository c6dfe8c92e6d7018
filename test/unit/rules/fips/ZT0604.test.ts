import { meshTlsSettings } from '../../../../src/rules/fips/meshTlsSettings';
import { ruleTester } from '../../../helpers/ruleTester';

const operator = (mesh: string) => `apiVersion: install.istio.io/v1alpha1
kind: IstioOperator
metadata:
  name: control-plane
  namespace: istio-system
spec:
  profile: default
  meshConfig:
${mesh}`;

ruleTester(meshTlsSettings, {
  valid: [
    operator('    meshMTLS:\n      minProtocolVersion: TLSV1_3\n    tlsDefaults:\n      ecdhCurves: [X25519, P-256]\n'),
    {
      name: 'FIPS mode with NIST curves only',
      config: { fips: true },
      code: operator('    tlsDefaults:\n      minProtocolVersion: TLSV1_2\n      ecdhCurves: [P-256, P-384]\n'),
    },
  ],
  invalid: [
    {
      name: 'tlsDefaults at TLS 1.1',
      code: operator('    tlsDefaults:\n      minProtocolVersion: TLSV1_1 # partner API\n'),
      errors: [{ line: 10, column: 27, endColumn: 34, message: /meshConfig.tlsDefaults.minProtocolVersion TLSV1_1/ }],
      output: operator('    tlsDefaults:\n      minProtocolVersion: TLSV1_2 # partner API\n'),
    },
    {
      name: 'FIPS mode drops X25519 from the curve list',
      config: { fips: true },
      code: operator('    tlsDefaults:\n      minProtocolVersion: TLSV1_2\n      ecdhCurves:\n        - X25519\n        - P-256\n'),
      errors: [{ line: 12, column: 11, message: /ECDH curve X25519 is not FIPS-approved/ }],
      output: operator('    tlsDefaults:\n      minProtocolVersion: TLSV1_2\n      ecdhCurves:\n        - P-256\n'),
    },
    {
      name: 'FIPS mode pins the minimum for originated TLS',
      config: { fips: true },
      code: operator('    accessLogFile: /dev/stdout\n'),
      errors: [{ line: 8, column: 3, endColumn: 13, message: /FIPS mode: pin meshConfig.tlsDefaults.minProtocolVersion/ }],
      output: operator('    accessLogFile: /dev/stdout\n    tlsDefaults:\n      minProtocolVersion: TLSV1_2\n'),
    },
    {
      name: 'Sail Istio resource',
      code: `apiVersion: sailoperator.io/v1
kind: Istio
metadata: {name: default}
spec:
  values:
    meshConfig:
      meshMTLS: {minProtocolVersion: TLSV1_0}
`,
      errors: [{ line: 7, column: 38, message: /meshMTLS.minProtocolVersion TLSV1_0/ }],
      output: `apiVersion: sailoperator.io/v1
kind: Istio
metadata: {name: default}
spec:
  values:
    meshConfig:
      meshMTLS: {minProtocolVersion: TLSV1_2}
`,
    },
  ],
});
