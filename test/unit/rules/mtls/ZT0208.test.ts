import { autoMtlsDisabled } from '../../../../src/rules/mtls/autoMtlsDisabled';
import { ruleTester } from '../../../helpers/ruleTester';

ruleTester(autoMtlsDisabled, {
  valid: [
    'apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\nmetadata: {name: mesh, namespace: istio-system}\nspec: {meshConfig: {enableAutoMtls: true}}\n',
    'apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\nmetadata: {name: mesh, namespace: istio-system}\nspec: {profile: default}\n',
  ],
  invalid: [
    {
      code: `apiVersion: install.istio.io/v1alpha1
kind: IstioOperator
metadata: {name: mesh, namespace: istio-system}
spec:
  meshConfig:
    enableAutoMtls: false # testing
    accessLogFile: /dev/stdout
`,
      errors: [{ line: 6, column: 21, endColumn: 26, message: /enableAutoMtls is false/ }],
      output: `apiVersion: install.istio.io/v1alpha1
kind: IstioOperator
metadata: {name: mesh, namespace: istio-system}
spec:
  meshConfig:
    enableAutoMtls: true # testing
    accessLogFile: /dev/stdout
`,
    },
    {
      name: 'istio ConfigMap with embedded mesh config',
      code: `apiVersion: v1
kind: ConfigMap
metadata: {name: istio, namespace: istio-system}
data:
  mesh: |
    enableAutoMtls: false
`,
      errors: [
        {
          line: 5,
          column: 3,
          endColumn: 7,
          message: 'meshConfig.enableAutoMtls is false, so clients send plaintext unless a DestinationRule sets ISTIO_MUTUAL; set it to true',
        },
      ],
    },
  ],
});
