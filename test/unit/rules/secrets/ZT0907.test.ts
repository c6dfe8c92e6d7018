import { secretVolumeWorldReadable } from '../../../../src/rules/secrets/secretVolumeWorldReadable';
import { ruleTester } from '../../../helpers/ruleTester';
import { deployment } from './fixtures';

const withVolume = (secret: string, fsGroup = '      securityContext: {fsGroup: 2000}\n') =>
  deployment(
    '          volumeMounts: [{name: db, mountPath: /run/secrets/db, readOnly: true}]\n',
    `${fsGroup}      volumes:\n        - name: db\n          secret:\n            secretName: db\n${secret}`,
  );

ruleTester(secretVolumeWorldReadable, {
  valid: [withVolume('            defaultMode: 0440\n'), { name: 'decimal 288 is 0440', code: withVolume('            defaultMode: 288\n') }],
  invalid: [
    {
      name: 'default 0644, fix adds 0640',
      code: withVolume(''),
      errors: [{ line: 15, column: 11, endColumn: 17, message: 'files of Secret volume db are readable by every user (mode 0644); set defaultMode to 0640' }],
      output: withVolume('            defaultMode: 0640\n'),
    },
    {
      name: 'explicit 0644 keeps octal spelling',
      code: withVolume('            defaultMode: 0644\n'),
      errors: [{ line: 17, column: 26, endColumn: 30, message: 'files of Secret volume db are readable by every user (mode 0644); set defaultMode to 0640' }],
      output: withVolume('            defaultMode: 0640\n'),
    },
    {
      name: 'decimal 420 (0644) stays decimal',
      code: withVolume('            defaultMode: 420\n'),
      errors: [{ line: 17, column: 26, message: 'files of Secret volume db are readable by every user (mode 0644); set defaultMode to 0640' }],
      output: withVolume('            defaultMode: 416\n'),
    },
    {
      name: 'no fsGroup: reported without a fix',
      code: withVolume('            defaultMode: 0644\n', ''),
      errors: [{ line: 16, message: /set defaultMode to 0640 and a pod fsGroup/ }],
    },
  ],
});
