import { noMetricsScraping } from '../../../../src/rules/visibility/noMetricsScraping';
import { ruleTester } from '../../../helpers/ruleTester';

const app = (nsLabels: string, podAnnotations = '') => `apiVersion: v1
kind: Namespace
metadata:
  name: shop
${nsLabels}---
apiVersion: apps/v1
kind: Deployment
metadata: {name: cart, namespace: shop}
spec:
  selector: {matchLabels: {app: cart}}
  template:
    metadata:
      labels: {app: cart}
${podAnnotations}    spec:
      containers: [{name: cart, image: registry.example.com/cart:1.4.2}]
`;

const monitor = `apiVersion: monitoring.coreos.com/v1
kind: PodMonitor
metadata: {name: all, namespace: monitoring}
spec:
  namespaceSelector: {any: true}
  selector: {}
  podMetricsEndpoints: [{port: metrics}]
`;

ruleTester(noMetricsScraping, {
  valid: [
    { name: 'sidecar injection merges metrics', code: app('  labels: {istio-injection: enabled}\n') },
    { name: 'scrape annotation', code: app('', '      annotations: {prometheus.io/scrape: "true"}\n') },
    { name: 'PodMonitor for every namespace', code: app(''), files: { '/virtual/monitoring.yaml': monitor } },
  ],
  invalid: [
    {
      code: app(''),
      errors: [
        {
          line: 4,
          column: 9,
          endColumn: 13,
          message:
            'no Prometheus scraping covers namespace shop; add a ServiceMonitor/PodMonitor, prometheus.io/scrape annotations, or enable sidecar injection',
        },
      ],
    },
  ],
});
