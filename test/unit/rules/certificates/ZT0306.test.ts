import { DEFAULT_CLUSTER } from '../../../../src/model/config';
import { istioCaWithoutPluginCerts } from '../../../../src/rules/certificates/istioCaWithoutPluginCerts';
import { ruleTester } from '../../../helpers/ruleTester';

const twoClusters = {
  root: '/virtual',
  clusters: [
    { ...DEFAULT_CLUSTER, name: 'east', manifests: ['east/**'] },
    { ...DEFAULT_CLUSTER, name: 'west', manifests: ['west/**', 'manifest.yaml'] },
  ],
};
const operator = `apiVersion: install.istio.io/v1alpha1
kind: IstioOperator
metadata:
  name: west-mesh
  namespace: istio-system
spec:
  profile: default
`;
const eastCacerts = { '/virtual/east/cacerts.yaml': 'apiVersion: v1\nkind: Secret\nmetadata: {name: cacerts, namespace: istio-system}\n' };

ruleTester(istioCaWithoutPluginCerts, {
  valid: [
    { name: 'single cluster', code: operator },
    {
      name: 'both clusters have cacerts (west from a cert-manager Certificate)',
      config: twoClusters,
      code: `${operator}---
apiVersion: cert-manager.io/v1
kind: Certificate
metadata: {name: istio-ca, namespace: istio-system}
spec: {isCA: true, secretName: cacerts}
`,
      files: eastCacerts,
    },
  ],
  invalid: [
    {
      name: 'west runs the self-signed istiod CA',
      config: twoClusters,
      code: operator,
      files: eastCacerts,
      errors: [{ line: 4, column: 9, endColumn: 18, message: /cluster west has no cacerts secret in istio-system/ }],
    },
  ],
});
