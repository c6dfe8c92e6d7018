// ZT0208: mesh config that turns off auto mTLS, so clients send plaintext unless a DestinationRule says otherwise.
import { setField } from '../../fix/yamlEdit';
import { getPath } from '../../model/workloads';
import type { Rule } from '../types';

export const autoMtlsDisabled: Rule = {
  meta: {
    id: 'ZT0208',
    pillar: 2,
    severity: 'error',
    title: 'Auto mTLS is turned off',
    description:
      'With meshConfig.enableAutoMtls false, client sidecars only use mTLS where a DestinationRule sets ISTIO_MUTUAL; every other call leaves the pod in plaintext, and STRICT servers reject it.',
    fixable: true,
    kinds: ['IstioOperator'],
  },
  checkResource(op, ctx) {
    const path = ['spec', 'meshConfig', 'enableAutoMtls'];
    if (getPath(op.obj, path) !== false) return;
    ctx.report({
      resource: op,
      path,
      message: 'meshConfig.enableAutoMtls is false, so clients send plaintext unless a DestinationRule sets ISTIO_MUTUAL; set it to true',
      fix: () => ({ title: 'Enable auto mTLS', safe: true, edits: setField(op, path, true) }),
    });
  },
};
