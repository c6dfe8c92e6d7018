import { credentialMintingGrant } from '../../../../src/rules/rbac/credentialMintingGrant';
import { ruleTester } from '../../../helpers/ruleTester';
import { role } from './fixtures';

ruleTester(credentialMintingGrant, {
  valid: [
    role('- apiGroups: [""]\n  resources: [serviceaccounts, serviceaccounts/token]\n  verbs: [get, list]\n'),
    role('- apiGroups: [""]\n  resources: [nodes, nodes/metrics]\n  verbs: [get]\n', 'ClusterRole'),
  ],
  invalid: [
    {
      name: 'token requests by name, nodes/proxy by name',
      code: role('- apiGroups: [""]\n  resources: [serviceaccounts/token, nodes/proxy]\n  verbs: [create, get]\n', 'ClusterRole'),
      errors: [
        {
          line: 6,
          column: 15,
          endColumn: 36,
          message: 'ClusterRole app can create serviceaccounts/token, so its holders get tokens of any ServiceAccount in scope; remove it',
        },
        {
          line: 6,
          column: 38,
          endColumn: 49,
          message:
            'ClusterRole app grants nodes/proxy, so its holders can exec into any pod through the kubelet, unaudited; use the metrics or logs APIs instead',
        },
      ],
    },
    {
      name: 'fix removes the named entries and keeps the others',
      code: role('- apiGroups: [""]\n  resources:\n  - nodes # list them\n  - nodes/proxy\n  verbs: [get]\n', 'ClusterRole'),
      errors: [{ line: 8, column: 5, endColumn: 16, message: /^ClusterRole app grants nodes\/proxy,/ }],
      output: role('- apiGroups: [""]\n  resources:\n  - nodes # list them\n  verbs: [get]\n', 'ClusterRole'),
    },
    {
      name: 'through "*" resources',
      code: role('- apiGroups: ["*"]\n  resources: ["*"]\n  verbs: [get, create]\n', 'ClusterRole'),
      errors: [
        { line: 6, column: 15, message: /^ClusterRole app can create serviceaccounts\/token through "\*" resources,/ },
        { line: 6, column: 15, message: /^ClusterRole app grants nodes\/proxy through "\*" resources,/ },
      ],
    },
  ],
});
