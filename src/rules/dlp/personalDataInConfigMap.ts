// ZT0807: a ConfigMap value that holds payment card numbers or e-mail addresses in bulk.
import { getPath } from '../../model/workloads';
import type { Rule } from '../types';
import { BULK_EMAILS, countCardNumbers, distinctEmails } from './sensitiveData';

export const personalDataInConfigMap: Rule = {
  meta: {
    id: 'ZT0807',
    pillar: 8,
    severity: 'error',
    title: 'Personal data in a ConfigMap',
    description:
      'ConfigMaps are readable by anyone with `get configmaps` in the namespace, are printed by `kubectl describe`, end up in Git and backups, and are not encrypted at rest by default. Payment card numbers (found by the Luhn checksum and issuer prefix) or lists of e-mail addresses there are a data leak waiting to happen (PCI DSS 3.4, GDPR Art. 32). Secret values in ConfigMaps are ZT0905.',
    fixable: false,
    kinds: ['ConfigMap'],
  },
  checkResource(r, ctx) {
    const data = getPath(r.obj, ['data']);
    if (!data || typeof data !== 'object') return;
    for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
      if (typeof value !== 'string') continue;
      const cards = countCardNumbers(value);
      const emails = distinctEmails(value);
      const found = [cards > 0 ? `${cards} payment card number${cards > 1 ? 's' : ''}` : '', emails >= BULK_EMAILS ? `${emails} e-mail addresses` : ''].filter(
        Boolean,
      );
      if (found.length === 0) continue;
      // The message names the key and counts, never the data itself.
      ctx.report({
        resource: r,
        path: ['data', key],
        part: 'key',
        message: `data.${key} holds ${found.join(' and ')}; remove personal data from ConfigMaps and keep it in a protected data store`,
      });
    }
  },
};
