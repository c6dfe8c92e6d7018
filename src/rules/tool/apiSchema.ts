// Objects checked against their API's schema (schemas/api): fields the API does not have, wrong types and values, missing fields.
import { isSecurityKind } from '../../model/kinds';
import { checkResourceSchema, type SchemaProblem } from '../../model/schemaCheck';
import type { Resource } from '../../model/types';
import type { Rule } from '../types';

export const SECURITY_SCHEMA = 'ZT0006';
export const OBJECT_SCHEMA = 'ZT0007';

/** What the API server does with the object, said after what is wrong with it. */
function consequence(problem: SchemaProblem, resource: Resource, source: string | undefined, security: boolean): string {
  const by = source ? ` (${source})` : '';
  if (problem.code === 'unknown-field')
    return `${problem.message}: the API server drops or rejects it${by}, and the ${security ? 'policy' : 'object'} then means something else`;
  if (problem.code === 'unknown-api') return `${problem.message}: the API server rejects the object`;
  return `${problem.message}: the API server rejects the ${resource.kind}${by}, so it is not applied as written`;
}

/** One rule per class of kind, so that a field dropped from a security policy is an error and elsewhere a warning. */
function schemaRule(id: string, security: boolean, meta: Pick<Rule['meta'], 'severity' | 'title' | 'description'>): Rule {
  return {
    meta: { id, pillar: 0, fixable: false, ...meta },
    // Every kind with a schema: a workspace pass, file by file, so that re-linting one file skips the others whole.
    checkWorkspace(ctx) {
      for (const file of ctx.index.files.values()) {
        if (file.resources.length === 0 || !ctx.wants(file.resources[0])) continue;
        for (const resource of file.resources) {
          if (isSecurityKind(resource) !== security) continue;
          const { source, problems } = checkResourceSchema(resource);
          for (const p of problems) ctx.report({ resource, path: p.path, part: p.part, message: consequence(p, resource, source, security) });
        }
      }
    },
  };
}

export const securitySchema = schemaRule(SECURITY_SCHEMA, true, {
  severity: 'error',
  title: 'Security object does not match its API schema',
  description:
    'An AuthorizationPolicy, PeerAuthentication, RequestAuthentication, DestinationRule, Sidecar, ServiceEntry, VirtualService, Gateway, NetworkPolicy or RBAC object has a field its API does not define (a typo such as `principal:`), a value of the wrong type or outside the allowed values, or lacks a required field. The API server drops unknown fields or rejects the object, so what the cluster enforces differs from what the manifest says.',
});

export const objectSchema = schemaRule(OBJECT_SCHEMA, false, {
  severity: 'warning',
  title: 'Object does not match its API schema',
  description:
    'A Kubernetes, Istio or Gateway API object has a field its API does not define, a value of the wrong type or outside the allowed values, or lacks a required field, checked against the vendored schemas of Kubernetes, Istio and the Gateway API. The API server drops unknown fields or rejects the object.',
});
