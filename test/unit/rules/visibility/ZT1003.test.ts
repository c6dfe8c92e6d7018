import { missingNetworkLabel } from '../../../../src/rules/visibility/missingNetworkLabel';
import { ruleTester } from '../../../helpers/ruleTester';
import { TWO_NETWORKS } from './clusters';

const namespace = (labels: string) => `apiVersion: v1
kind: Namespace
metadata:
  name: istio-system
${labels}`;

ruleTester(missingNetworkLabel, {
  valid: [
    { code: namespace('  labels:\n    topology.istio.io/network: net-east\n'), config: { clusters: TWO_NETWORKS } },
    { name: 'single network: no label needed', code: namespace('') },
  ],
  invalid: [
    {
      name: 'label missing',
      code: namespace('  labels:\n    team: platform\n'),
      config: { clusters: TWO_NETWORKS },
      errors: [
        {
          line: 4,
          column: 9,
          endColumn: 21,
          message: 'namespace istio-system of cluster east has no topology.istio.io/network label; label it net-east as ztn.yaml declares',
        },
      ],
      output: namespace('  labels:\n    team: platform\n    topology.istio.io/network: net-east\n'),
    },
    {
      name: 'wrong network',
      code: namespace('  labels:\n    topology.istio.io/network: "net-west"\n'),
      config: { clusters: TWO_NETWORKS },
      errors: [{ line: 6, column: 32, message: /labelled network net-west, but ztn.yaml puts the cluster on net-east/ }],
      output: namespace('  labels:\n    topology.istio.io/network: "net-east"\n'),
    },
  ],
});
