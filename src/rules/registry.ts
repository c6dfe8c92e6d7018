// The rule registry: every pillar folder contributes its rules; nothing else lists rules.
import type { Rule } from './types';
import { rules as tool } from './tool';
import { rules as identity } from './identity';
import { rules as mtls } from './mtls';
import { rules as certificates } from './certificates';
import { rules as rbac } from './rbac';
import { rules as sources } from './sources';
import { rules as fips } from './fips';
import { rules as waf } from './waf';
import { rules as dlp } from './dlp';
import { rules as secrets } from './secrets';
import { rules as visibility } from './visibility';

export const ALL_RULES: readonly Rule[] = [
  ...tool,
  ...identity,
  ...mtls,
  ...certificates,
  ...rbac,
  ...sources,
  ...fips,
  ...waf,
  ...dlp,
  ...secrets,
  ...visibility,
].sort((a, b) => a.meta.id.localeCompare(b.meta.id));

const byId = new Map(ALL_RULES.map((r) => [r.meta.id, r]));

export function ruleById(id: string): Rule | undefined {
  return byId.get(id);
}

export const DOCS_BASE_URL = 'https://github.com/zero-trust-lens/zero-trust-lens/blob/main/docs/rules/';

export function ruleDocsUrl(id: string): string {
  return `${DOCS_BASE_URL}${id}.md`;
}
