// ZT0702: a public Kubernetes Ingress with no controller WAF (ingress-nginx ModSecurity, AWS/Azure WAF, F5 App Protect).
import { isMap } from 'yaml';
import { insertIntoMap, setField } from '../../fix/yamlEdit';
import type { TextEdit } from '../../fix/types';
import { findField } from '../../model/position';
import type { Resource } from '../../model/types';
import type { Rule } from '../types';
import { hasOtherWaf, ingressAnnotations, isInternalIngress, isNginxIngress, MODSECURITY, OWASP_CRS } from './ingressAnnotations';

/** Adds ModSecurity with the OWASP core rule set; ingress-nginx runs it in DetectionOnly mode until told otherwise. */
function enableModSecurity(r: Resource, annotations: Record<string, string>): TextEdit[] {
  const wanted: Record<string, string> = {};
  if (annotations[MODSECURITY] === undefined) wanted[MODSECURITY] = 'true';
  if (annotations[OWASP_CRS] === undefined) wanted[OWASP_CRS] = 'true';
  const map = findField(r.node, ['metadata', 'annotations'])?.value;
  if (!isMap(map) || map.items.length === 0) return setField(r, ['metadata', 'annotations'], wanted);
  // One edit for both entries, so they land in order at the end of the annotations map.
  const edits = Object.entries(wanted).map(([k, v]) => insertIntoMap(r.file, map, k, v));
  return edits.length === 0 ? [] : [{ ...edits[0], newText: edits.map((e) => e.newText).join('') }];
}

export const ingressWithoutWaf: Rule = {
  meta: {
    id: 'ZT0702',
    pillar: 7,
    severity: 'warning',
    title: 'Ingress without WAF',
    description:
      'A public Ingress forwards internet requests to a Service. Unless the controller inspects them (ingress-nginx ModSecurity with the OWASP core rule set, an AWS WAFv2 ACL, an Azure Application Gateway WAF policy, F5 App Protect), injection and protocol attacks reach the application unfiltered.',
    fixable: true,
    kinds: ['Ingress'],
  },
  checkResource(r, ctx) {
    const annotations = ingressAnnotations(r);
    if (isInternalIngress(r, annotations) || hasOtherWaf(annotations)) return;
    const modsec = annotations[MODSECURITY];
    if (modsec !== undefined && /^true$/i.test(modsec.trim())) return;
    const nginx = isNginxIngress(r, annotations);
    if (modsec !== undefined) {
      const path = ['metadata', 'annotations', MODSECURITY];
      ctx.report({
        resource: r,
        path,
        message: 'ModSecurity is switched off for this public Ingress; set the annotation to "true" and enable the OWASP core rules',
        fix: () => ({ title: 'Enable ModSecurity', safe: true, edits: setField(r, path, 'true') }),
      });
      return;
    }
    ctx.report({
      resource: r,
      path: ['metadata', 'name'],
      message: nginx
        ? `public Ingress ${r.name} has no WAF; enable ModSecurity with the OWASP core rules (${MODSECURITY}, ${OWASP_CRS})`
        : `public Ingress ${r.name} has no WAF; attach your controller's WAF (AWS WAFv2 ACL, Azure WAF policy, F5 App Protect) or ModSecurity on ingress-nginx`,
      fix: nginx ? () => ({ title: 'Enable ModSecurity with the OWASP core rules', safe: true, edits: enableModSecurity(r, annotations) }) : undefined,
    });
  },
};
