// ZT0706: a WAF that fails open: WasmPlugin failStrategy FAIL_OPEN, or ext_authz with failure_mode_allow.
import { setField } from '../../fix/yamlEdit';
import { getPath } from '../../model/workloads';
import type { Rule } from '../types';
import { isWafPlugin, wafPatches } from './wafFilters';

export const wafFailOpen: Rule = {
  meta: {
    id: 'ZT0706',
    pillar: 7,
    severity: 'warning',
    title: 'WAF fails open',
    description:
      'A WAF that lets requests through when it cannot run (the Wasm module fails to load, the ext_authz service is down or slow) turns every outage into a bypass, and an attacker who can overload it gets past it. WasmPlugin defaults to FAIL_CLOSE and ext_authz to failure_mode_allow: false; this rule reports configurations that change that.',
    fixable: true,
    kinds: ['WasmPlugin', 'EnvoyFilter'],
  },
  checkResource(r, ctx) {
    if (r.kind === 'WasmPlugin') {
      if (!isWafPlugin(r) || getPath(r.obj, ['spec', 'failStrategy']) !== 'FAIL_OPEN') return;
      ctx.report({
        resource: r,
        path: ['spec', 'failStrategy'],
        message: 'the WAF plugin lets all traffic through when it fails to load; set failStrategy: FAIL_CLOSE',
        fix: () => ({ title: 'Fail closed', safe: true, edits: setField(r, ['spec', 'failStrategy'], 'FAIL_CLOSE') }),
      });
      return;
    }
    for (const { path, value } of wafPatches(r)) {
      if (!/ext_authz/.test(String(value.name))) continue;
      for (const configKey of ['typed_config', 'typedConfig']) {
        for (const flag of ['failure_mode_allow', 'failureModeAllow']) {
          if (getPath(value, [configKey, flag]) !== true) continue;
          const flagPath = [...path, configKey, flag];
          ctx.report({
            resource: r,
            path: flagPath,
            message: `ext_authz lets requests through when the authorization service fails; set ${flag}: false`,
            fix: () => ({ title: 'Fail closed', safe: true, edits: setField(r, flagPath, false) }),
          });
        }
      }
    }
  },
};
