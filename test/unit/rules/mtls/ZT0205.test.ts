import { workloadSidecarOptOut } from '../../../../src/rules/mtls/workloadSidecarOptOut';
import { ruleTester } from '../../../helpers/ruleTester';

ruleTester(workloadSidecarOptOut, {
  valid: [
    `apiVersion: apps/v1
kind: Deployment
metadata: {name: cart, namespace: shop}
spec:
  template:
    metadata:
      annotations: {sidecar.istio.io/inject: "true"}
`,
  ],
  invalid: [
    {
      code: `apiVersion: apps/v1
kind: Deployment
metadata: {name: cart, namespace: shop}
spec:
  template:
    metadata:
      annotations:
        sidecar.istio.io/inject: "false" # was flaky
    spec:
      containers: [{name: app, image: cart:1}]
`,
      errors: [{ line: 8, column: 34, endColumn: 41, message: /pods of Deployment cart opt out of the sidecar/ }],
      output: `apiVersion: apps/v1
kind: Deployment
metadata: {name: cart, namespace: shop}
spec:
  template:
    metadata:
      annotations:
        sidecar.istio.io/inject: "true" # was flaky
    spec:
      containers: [{name: app, image: cart:1}]
`,
    },
    {
      name: 'pod label on a CronJob',
      code: `apiVersion: batch/v1
kind: CronJob
metadata: {name: report, namespace: shop}
spec:
  jobTemplate:
    spec:
      template:
        metadata:
          labels: {sidecar.istio.io/inject: "false"}
`,
      errors: [
        {
          line: 9,
          column: 45,
          message: 'pods of CronJob report opt out of the sidecar; set sidecar.istio.io/inject to "true" (or remove it) so they get a mesh identity and mTLS',
        },
      ],
      output: `apiVersion: batch/v1
kind: CronJob
metadata: {name: report, namespace: shop}
spec:
  jobTemplate:
    spec:
      template:
        metadata:
          labels: {sidecar.istio.io/inject: "true"}
`,
    },
  ],
});
