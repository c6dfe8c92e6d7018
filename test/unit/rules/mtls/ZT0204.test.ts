import { namespaceWithoutSidecarInjection } from '../../../../src/rules/mtls/namespaceWithoutSidecarInjection';
import { ruleTester } from '../../../helpers/ruleTester';

ruleTester(namespaceWithoutSidecarInjection, {
  valid: [
    'apiVersion: v1\nkind: Namespace\nmetadata: {name: shop, labels: {istio-injection: enabled}}\n',
    'apiVersion: v1\nkind: Namespace\nmetadata: {name: shop, labels: {istio.io/rev: canary}}\n',
    'apiVersion: v1\nkind: Namespace\nmetadata: {name: shop, labels: {istio.io/dataplane-mode: ambient}}\n',
    'apiVersion: v1\nkind: Namespace\nmetadata: {name: kube-system}\n',
  ],
  invalid: [
    {
      name: 'no labels at all',
      code: `apiVersion: v1
kind: Namespace
metadata:
  name: shop # storefront
`,
      errors: [{ line: 4, column: 9, endColumn: 13, message: /namespace shop has no sidecar injection label/ }],
      output: `apiVersion: v1
kind: Namespace
metadata:
  name: shop # storefront
  labels:
    istio-injection: enabled
`,
    },
    {
      name: 'injection disabled',
      code: `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels:
    team: retail
    istio-injection: disabled
`,
      errors: [{ line: 7, column: 22, message: /istio-injection=disabled/ }],
      output: `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels:
    team: retail
    istio-injection: enabled
`,
    },
    {
      name: 'flow-style labels',
      code: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels: {team: retail}\n',
      errors: [
        {
          line: 4,
          column: 9,
          message: 'namespace shop has no sidecar injection label; add label istio-injection: enabled (or istio.io/rev) so its pods join the mesh',
        },
      ],
      output: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels: {team: retail, istio-injection: enabled}\n',
    },
    {
      name: 'namespace.json',
      code: '{\n  "apiVersion": "v1",\n  "kind": "Namespace",\n  "metadata": {"name": "shop", "labels": {"team": "retail"}}\n}\n',
      errors: [
        {
          line: 4,
          column: 24,
          endColumn: 30,
          message: 'namespace shop has no sidecar injection label; add label istio-injection: enabled (or istio.io/rev) so its pods join the mesh',
        },
      ],
      output:
        '{\n  "apiVersion": "v1",\n  "kind": "Namespace",\n  "metadata": {"name": "shop", "labels": {"team": "retail", "istio-injection": "enabled"}}\n}\n',
    },
  ],
});
