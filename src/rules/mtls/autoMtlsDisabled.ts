// ZT0208: mesh config that turns off auto mTLS, so clients send plaintext unless a DestinationRule says otherwise.
import { setField } from '../../fix/yamlEdit';
import { MESH_CONFIG_KINDS, meshConfigOf, meshFieldLocation } from '../templates/meshConfig';
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
    kinds: MESH_CONFIG_KINDS,
  },
  checkResource(r, ctx) {
    const src = meshConfigOf(r);
    if (!src || src.mesh.enableAutoMtls !== false) return;
    const at = meshFieldLocation(src, ['enableAutoMtls']);
    const meshPath = src.meshPath;
    ctx.report({
      resource: r,
      path: at.path,
      part: at.part,
      message: 'meshConfig.enableAutoMtls is false, so clients send plaintext unless a DestinationRule sets ISTIO_MUTUAL; set it to true',
      // The ConfigMap form embeds the mesh config as text; only structured fields get an edit.
      fix: meshPath ? () => ({ title: 'Enable auto mTLS', safe: true, edits: setField(r, [...meshPath, 'enableAutoMtls'], true) }) : undefined,
    });
  },
};
