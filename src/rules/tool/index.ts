// The tool's own findings (pillar 00): input it could not read, objects that do not match their API, fields the engine does not model, and suppressions that do not work.
import type { Rule } from '../types';
import { objectSchema, securitySchema } from './apiSchema';
import { notModelled } from './notModelled';

const tool = (id: string, severity: Rule['meta']['severity'], title: string, description: string): Rule => ({
  meta: { id, pillar: 0, severity, title, description, fixable: false },
});

export const PARSE_ERROR = 'ZT0001';
export const FILE_SKIPPED = 'ZT0002';
export const UNKNOWN_SUPPRESSION = 'ZT0003';
export const UNUSED_SUPPRESSION = 'ZT0004';
export const NOT_SUPPRESSIBLE = 'ZT0005';

export const rules: Rule[] = [
  tool(PARSE_ERROR, 'error', 'Manifest cannot be parsed', 'The YAML or JSON is malformed at this position; the other documents of the file are still checked.'),
  tool(FILE_SKIPPED, 'info', 'File skipped', 'The file was not checked: binary, over the size limit, or a template that needs rendering.'),
  tool(
    UNKNOWN_SUPPRESSION,
    'warning',
    'Suppression names an unknown rule',
    'A ztn-ignore comment or ztn.dev/ignore annotation names a rule ID that does not exist, so it suppresses nothing.',
  ),
  tool(
    UNUSED_SUPPRESSION,
    'warning',
    'Suppression suppresses nothing',
    'A suppression whose rule does not fire here hides future findings silently; remove it.',
  ),
  tool(
    NOT_SUPPRESSIBLE,
    'warning',
    'Rule cannot be suppressed',
    'ztn.yaml marks this rule as not suppressible, so the suppression is ignored and the finding stays.',
  ),
  securitySchema,
  objectSchema,
  notModelled,
];
