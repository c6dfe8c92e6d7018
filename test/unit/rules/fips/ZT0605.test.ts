import { accessLoggingDisabled } from '../../../../src/rules/fips/accessLoggingDisabled';
import { ruleTester } from '../../../helpers/ruleTester';

const telemetry = (logging: string) => `apiVersion: telemetry.istio.io/v1
kind: Telemetry
metadata:
  name: mesh-default
  namespace: istio-system
spec:
  accessLogging:
${logging}`;

ruleTester(accessLoggingDisabled, {
  valid: [telemetry('    - providers:\n        - name: envoy\n'), telemetry('    - providers: [{name: envoy}]\n      disabled: false\n')],
  invalid: [
    {
      code: telemetry('    - providers: [{name: envoy}]\n      disabled: true # too noisy\n'),
      errors: [{ line: 9, column: 17, endColumn: 21, message: /access logging is disabled here/ }],
      output: telemetry('    - providers: [{name: envoy}]\n      disabled: false # too noisy\n'),
    },
  ],
});
