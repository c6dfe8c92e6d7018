import { secretsStoreVolumeWritable } from '../../../../src/rules/secrets/secretsStoreVolumeWritable';
import { ruleTester } from '../../../helpers/ruleTester';
import { deployment } from './fixtures';

const withCsi = (csi: string) =>
  deployment(
    '',
    `      volumes:\n        - name: vault\n          csi:\n            driver: secrets-store.csi.k8s.io\n${csi}            volumeAttributes: {secretProviderClass: cart-vault}\n`,
  );

ruleTester(secretsStoreVolumeWritable, {
  valid: [withCsi('            readOnly: true\n')],
  invalid: [
    {
      name: 'readOnly missing',
      code: withCsi(''),
      errors: [{ line: 15, column: 21, endColumn: 45, message: 'Secrets Store CSI volume vault is not read-only; set csi.readOnly: true' }],
      output: withCsi('').replace(
        '      volumeAttributes: {secretProviderClass: cart-vault}\n',
        '      volumeAttributes: {secretProviderClass: cart-vault}\n            readOnly: true\n',
      ),
    },
    {
      name: 'readOnly false',
      code: withCsi('            readOnly: false\n'),
      errors: [{ line: 16, column: 23, message: 'Secrets Store CSI volume vault is not read-only; set csi.readOnly: true' }],
      output: withCsi('            readOnly: true\n'),
    },
  ],
});
