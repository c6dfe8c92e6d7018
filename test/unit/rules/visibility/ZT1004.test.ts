import { meshIdentityMismatch } from '../../../../src/rules/visibility/meshIdentityMismatch';
import { ruleTester } from '../../../helpers/ruleTester';
import { TWO_NETWORKS } from './clusters';

const operator = (meshConfig: string, global: string) => `apiVersion: install.istio.io/v1alpha1
kind: IstioOperator
metadata:
  name: east
  namespace: istio-system
spec:
  meshConfig:
${meshConfig}  values:
    global:
${global}`;

const second = (trustDomain: string, meshID: string) => `apiVersion: install.istio.io/v1alpha1
kind: IstioOperator
metadata: {name: west, namespace: istio-system}
spec:
  meshConfig:
    trustDomain: ${trustDomain}
  values:
    global:
      meshID: ${meshID}
`;

ruleTester(meshIdentityMismatch, {
  valid: [
    { code: operator('    trustDomain: cluster.local\n', '      meshID: mesh1\n      network: net-east\n'), config: { clusters: TWO_NETWORKS } },
    {
      name: 'trust domain alias accepted',
      code: operator('    trustDomain: old.example\n', '      meshID: mesh1\n      network: net-east\n'),
      config: { clusters: [{ ...TWO_NETWORKS[0], trustDomainAliases: ['old.example'] }, TWO_NETWORKS[1]] },
    },
    { name: 'no clusters in ztn.yaml: one custom trust domain is fine', code: operator('    trustDomain: corp.example\n', '      meshID: corp\n') },
    {
      name: 'no clusters in ztn.yaml: installations that agree',
      code: operator('    trustDomain: corp.example\n', '      meshID: corp\n'),
      files: { '/virtual/west.yaml': second('corp.example', 'corp') },
    },
  ],
  invalid: [
    {
      name: 'meshID and network differ',
      code: operator('    trustDomain: cluster.local\n', '      meshID: "mesh-east" # typo\n      network: net-west\n'),
      config: { clusters: TWO_NETWORKS },
      errors: [
        {
          line: 11,
          column: 15,
          endColumn: 26,
          message: 'meshID mesh-east in IstioOperator east of cluster east differs from mesh1 in ztn.yaml; make them agree',
        },
        { line: 12, column: 16, message: /network net-west in IstioOperator east/ },
      ],
      output: operator('    trustDomain: cluster.local\n', '      meshID: "mesh1" # typo\n      network: net-east\n'),
    },
    {
      name: 'trust domain differs; meshID missing in a multicluster mesh',
      code: operator('    trustDomain: east.example\n', '      network: net-east\n'),
      config: { clusters: TWO_NETWORKS },
      errors: [
        { line: 8, column: 18, message: /trust domain east.example in IstioOperator east of cluster east differs from cluster.local/ },
        { line: 10, column: 5, message: /does not set meshID; set it to mesh1/ },
      ],
      output: operator('    trustDomain: cluster.local\n', '      network: net-east\n      meshID: mesh1\n'),
    },
    {
      name: 'no clusters in ztn.yaml: installations that disagree',
      code: second('other.example', 'corp'),
      files: { '/virtual/a-east.yaml': operator('    trustDomain: corp.example\n', '      meshID: corp\n') },
      errors: [
        {
          line: 6,
          column: 18,
          message:
            'trust domain other.example in IstioOperator west differs from corp.example in IstioOperator istio-system/east; one mesh needs one trust domain (declare the clusters in ztn.yaml to check each against its own)',
        },
      ],
    },
  ],
});
