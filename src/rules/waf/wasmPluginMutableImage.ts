// ZT0705: a WasmPlugin pulled by a mutable reference (tag or plain URL) without a sha256 pin.
import { getPath } from '../../model/workloads';
import type { Rule } from '../types';

export const wasmPluginMutableImage: Rule = {
  meta: {
    id: 'ZT0705',
    pillar: 7,
    severity: 'warning',
    title: 'WasmPlugin not pinned by digest',
    description:
      'A WasmPlugin runs inside every selected proxy with access to all request data. Pulled by a tag (or from an http(s) URL) without `sha256`, whoever can push that tag can replace the filter, including a WAF, on the next proxy restart. Pin the module by digest (`@sha256:` in the OCI reference, or `spec.sha256`).',
    fixable: false,
    kinds: ['WasmPlugin'],
  },
  checkResource(r, ctx) {
    const url = getPath(r.obj, ['spec', 'url']);
    if (typeof url !== 'string' || url.startsWith('file://')) return;
    if (typeof getPath(r.obj, ['spec', 'sha256']) === 'string' || /@sha256:[0-9a-f]{64}$/i.test(url)) return;
    const isOci = url.startsWith('oci://') || !/^[a-z]+:\/\//i.test(url);
    const ref = isOci ? url.replace(/^oci:\/\//, '') : url;
    const lastSegment = ref.split('/').pop() ?? '';
    const tag = isOci ? (lastSegment.includes(':') ? lastSegment.split(':').pop() : 'latest') : undefined;
    ctx.report({
      resource: r,
      path: ['spec', 'url'],
      message: isOci
        ? `WasmPlugin image is pulled by tag '${tag}', which can change; pin it with @sha256:<digest> or spec.sha256`
        : 'WasmPlugin module is downloaded without a checksum; set spec.sha256 to its digest',
    });
  },
};
