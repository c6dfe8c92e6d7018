import { ruleById } from '../../../../src/rules/registry';
import { PARSE_ERROR } from '../../../../src/rules/tool';
import { ruleTester } from '../../../helpers/ruleTester';

ruleTester(ruleById(PARSE_ERROR)!, {
  valid: [
    'apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n',
    { name: 'JSON text', code: '{"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "shop"}}\n' },
  ],
  invalid: [
    {
      name: 'bad indentation; the next document is still read',
      code: `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: default
  namespace: shop
spec:
  mtls:
    mode: STRICT
   portLevelMtls: {}
---
kind: Namespace
apiVersion: v1
metadata: {name: shop}
`,
      errors: [{ line: 9, column: 1, message: 'All mapping items must start at the same column' }],
    },
    {
      name: 'unclosed flow collection: the first error, with the count of the others',
      code: 'kind: Namespace\napiVersion: v1\nmetadata: {name: [shop}\n',
      errors: [{ line: 3, column: 23, message: /must be sufficiently indented and end with a \] \(1 more error in this document\)$/ }],
    },
    {
      name: 'duplicate key',
      code: 'kind: Namespace\napiVersion: v1\nmetadata: {name: shop}\nmetadata: {name: other}\n',
      errors: [{ line: 4, column: 1, message: 'Map keys must be unique' }],
    },
  ],
});
