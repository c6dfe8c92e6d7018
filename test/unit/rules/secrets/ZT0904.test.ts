import { noExternalSecretStore } from '../../../../src/rules/secrets/noExternalSecretStore';
import { ruleTester } from '../../../helpers/ruleTester';

const secret = `apiVersion: v1
kind: Secret
metadata:
  name: db
  namespace: shop
type: Opaque
`;

const externalSecret = `apiVersion: external-secrets.io/v1
kind: ExternalSecret
metadata: {name: stripe, namespace: payments}
spec:
  refreshInterval: 1h
  secretStoreRef: {name: vault, kind: ClusterSecretStore}
  target: {name: stripe}
  data: [{secretKey: api-key, remoteRef: {key: payments/stripe, property: api-key}}]
`;

ruleTester(noExternalSecretStore, {
  valid: [
    { name: 'a store is in use', code: secret, files: { '/virtual/external.yaml': externalSecret } },
    { name: 'only generated token Secrets', code: secret.replace('Opaque', 'kubernetes.io/service-account-token') },
  ],
  invalid: [
    {
      code: `${secret}---\n${secret.replace('name: db', 'name: cache')}`,
      errors: [{ line: 4, column: 9, endColumn: 11, message: /secrets are plain Secret manifests and no external secret store is used/ }],
    },
    {
      name: 'per cluster: the store in east does not help west',
      code: secret,
      config: {
        clusters: [
          {
            name: 'east',
            network: 'n1',
            trustDomain: 'cluster.local',
            trustDomainAliases: [],
            meshID: 'mesh1',
            rootNamespace: 'istio-system',
            manifests: ['east/**'],
          },
          {
            name: 'west',
            network: 'n2',
            trustDomain: 'cluster.local',
            trustDomainAliases: [],
            meshID: 'mesh1',
            rootNamespace: 'istio-system',
            manifests: ['manifest.yaml'],
          },
        ],
      },
      files: { '/virtual/east/external.yaml': externalSecret },
      errors: [{ line: 4, message: /secrets of cluster west are plain Secret manifests/ }],
    },
  ],
});
