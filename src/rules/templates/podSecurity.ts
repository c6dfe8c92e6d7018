// Template for pod-security checks: a boolean field of the pod spec or of each container's securityContext that must not be true.
import { setField } from '../../fix/yamlEdit';
import type { FieldPath } from '../../model/position';
import type { Resource } from '../../model/types';
import { containersOf, getPath, podTemplate, WORKLOAD_KINDS } from '../../model/workloads';
import type { Rule, RuleMeta } from '../types';

export interface RiskyFlagParams {
  meta: Omit<RuleMeta, 'kinds'>;
  /** 'pod': fields of the pod spec; 'container': fields of each container's securityContext. */
  level: 'pod' | 'container';
  fields: string[];
  message(field: string, where: string, r: Resource): string;
  /** True when setting the field to false is the fix (it is safe: false is the secure default). */
  fix: boolean;
}

/** Each place a risky flag is set to true, with its path and a readable location. */
function riskyFlags(r: Resource, p: RiskyFlagParams): { path: FieldPath; field: string; where: string }[] {
  const tpl = podTemplate(r);
  if (!tpl) return [];
  if (p.level === 'pod') {
    return p.fields.filter((f) => tpl.spec[f] === true).map((field) => ({ path: [...tpl.specPath, field], field, where: `pods of ${r.kind} ${r.name}` }));
  }
  return containersOf(r).flatMap((c) =>
    p.fields
      .filter((f) => getPath(c.container, ['securityContext', f]) === true)
      .map((field) => ({ path: [...c.path, 'securityContext', field], field, where: `container ${String(c.container.name ?? c.index)}` })),
  );
}

export function riskyFlagRule(p: RiskyFlagParams): Rule {
  return {
    meta: { ...p.meta, kinds: [...WORKLOAD_KINDS] },
    checkResource(r, ctx) {
      for (const flag of riskyFlags(r, p)) {
        ctx.report({
          resource: r,
          path: flag.path,
          message: p.message(flag.field, flag.where, r),
          fix: p.fix ? () => ({ title: `Set ${flag.field} to false`, safe: true, edits: setField(r, flag.path, false) }) : undefined,
        });
      }
    },
  };
}
