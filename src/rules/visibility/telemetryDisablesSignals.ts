// ZT1002: a Telemetry resource that switches metrics off or stops tracing spans from being reported.
import { setField } from '../../fix/yamlEdit';
import { getPath } from '../../model/workloads';
import type { FieldPath } from '../../model/position';
import type { Rule } from '../types';

export const telemetryDisablesSignals: Rule = {
  meta: {
    id: 'ZT1002',
    pillar: 10,
    severity: 'warning',
    title: 'Telemetry disables metrics or tracing',
    description:
      'Metrics and traces are how a multicluster mesh shows who talks to whom, where requests fail and where traffic crosses clusters. A Telemetry `metrics[].overrides[].disabled: true` or `tracing[].disableSpanReporting: true` blinds that for its scope (mesh, namespace or workload), hiding lateral movement and failures.',
    fixable: true,
    kinds: ['Telemetry'],
  },
  checkResource(r, ctx) {
    const off: { path: FieldPath; what: string }[] = [];
    const metrics = getPath(r.obj, ['spec', 'metrics']);
    if (Array.isArray(metrics)) {
      metrics.forEach((m, i) => {
        const overrides = getPath(m, ['overrides']);
        if (!Array.isArray(overrides)) return;
        overrides.forEach((o, j) => {
          if (getPath(o, ['disabled']) !== true) return;
          const metric = getPath(o, ['match', 'metric']);
          off.push({ path: ['spec', 'metrics', i, 'overrides', j, 'disabled'], what: `metric ${typeof metric === 'string' ? metric : 'ALL_METRICS'}` });
        });
      });
    }
    const tracing = getPath(r.obj, ['spec', 'tracing']);
    if (Array.isArray(tracing)) {
      tracing.forEach((t, i) => {
        if (getPath(t, ['disableSpanReporting']) === true) off.push({ path: ['spec', 'tracing', i, 'disableSpanReporting'], what: 'tracing span reporting' });
      });
    }
    for (const { path, what } of off) {
      ctx.report({
        resource: r,
        path,
        message: `${what} is switched off here; set it back to false so traffic stays visible`,
        fix: () => ({ title: 'Turn the signal back on', safe: true, edits: setField(r, path, false) }),
      });
    }
  },
};
