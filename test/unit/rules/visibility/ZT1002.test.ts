import { telemetryDisablesSignals } from '../../../../src/rules/visibility/telemetryDisablesSignals';
import { ruleTester } from '../../../helpers/ruleTester';

const telemetry = (spec: string) => `apiVersion: telemetry.istio.io/v1
kind: Telemetry
metadata: {name: quiet, namespace: shop}
spec:
${spec}`;

ruleTester(telemetryDisablesSignals, {
  valid: [telemetry('  tracing:\n    - randomSamplingPercentage: 10\n  metrics:\n    - providers: [{name: prometheus}]\n')],
  invalid: [
    {
      code: telemetry(
        '  metrics:\n    - providers: [{name: prometheus}]\n      overrides:\n        - match: {metric: REQUEST_COUNT}\n          disabled: true\n  tracing:\n    - disableSpanReporting: true # costs\n',
      ),
      errors: [
        { line: 9, column: 21, endColumn: 25, message: 'metric REQUEST_COUNT is switched off here; set it back to false so traffic stays visible' },
        { line: 11, column: 29, message: /tracing span reporting is switched off/ },
      ],
      output: telemetry(
        '  metrics:\n    - providers: [{name: prometheus}]\n      overrides:\n        - match: {metric: REQUEST_COUNT}\n          disabled: false\n  tracing:\n    - disableSpanReporting: false # costs\n',
      ),
    },
  ],
});
