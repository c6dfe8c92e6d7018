import { mutableImage } from '../../../../src/rules/sources/mutableImage';
import { ruleTester } from '../../../helpers/ruleTester';

const pod = (containers: string) => `apiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: shop}\nspec:\n  containers:\n${containers}`;

ruleTester(mutableImage, {
  valid: [
    pod('  - {name: app, image: registry.example.com:5000/shop/web:1.4.2}\n'),
    pod('  - {name: app, image: "shop/web@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"}\n'),
    pod('  - {name: app, image: "shop/web:latest@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"}\n'),
  ],
  invalid: [
    {
      name: 'no tag (a registry port is not a tag), latest, init containers too',
      code: pod('  - name: app\n    image: registry.example.com:5000/shop/web\n  - {name: side, image: "busybox:latest"}\n'),
      errors: [
        {
          line: 7,
          column: 12,
          endColumn: 46,
          message:
            'container app runs registry.example.com:5000/shop/web, which has no tag (it pulls latest); pin it by digest (registry.example.com:5000/shop/web@sha256:...)',
        },
        { line: 8, column: 25, endColumn: 41, message: 'container side runs busybox:latest, whose tag latest moves; pin it by digest (busybox@sha256:...)' },
      ],
    },
  ],
});
