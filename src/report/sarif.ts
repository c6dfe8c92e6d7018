// SARIF 2.1.0 for GitHub code scanning: rule metadata, exact regions, relative URIs.
import { relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Log, ReportingDescriptor, Result } from 'sarif';
import type { LintResult } from '../rules/engine';
import { ALL_RULES, ruleDocsUrl } from '../rules/registry';
import { PILLARS } from '../rules/types';

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;
/** GitHub ranks security alerts by this property (critical >= 9, high >= 7, medium >= 4, low below). */
const SECURITY_SEVERITY = { error: '8.0', warning: '5.0', info: '2.0' } as const;

export function lintToSarif(result: LintResult, root: string, version = '0.1.0'): Log {
  const rules = ALL_RULES.map((r): ReportingDescriptor => ({
    id: r.meta.id,
    name: r.meta.title.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : '')),
    shortDescription: { text: r.meta.title },
    fullDescription: { text: r.meta.description },
    helpUri: ruleDocsUrl(r.meta.id),
    help: { text: `${r.meta.description} See ${ruleDocsUrl(r.meta.id)}` },
    defaultConfiguration: { level: LEVEL[r.meta.severity] },
    properties: {
      tags: ['security', 'zero-trust', PILLARS[r.meta.pillar]],
      pillar: r.meta.pillar,
      'security-severity': SECURITY_SEVERITY[r.meta.severity],
    },
  }));
  const indexOf = new Map(rules.map((r, i) => [r.id, i]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'ztn', fullName: 'Zero Trust Lens', version, informationUri: 'https://github.com/zero-trust-lens/zero-trust-lens', rules } },
        originalUriBaseIds: { SRCROOT: { uri: pathToFileURL(root.endsWith(sep) ? root : root + sep).href } },
        columnKind: 'utf16CodeUnits',
        results: result.findings.map((f): Result => ({
          ruleId: f.ruleId,
          ...(indexOf.has(f.ruleId) ? { ruleIndex: indexOf.get(f.ruleId) } : {}),
          level: LEVEL[f.severity],
          message: { text: f.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: relativeUri(relative(root, f.file)), uriBaseId: 'SRCROOT' },
                region: {
                  startLine: f.range.start.line + 1,
                  startColumn: f.range.start.character + 1,
                  endLine: f.range.end.line + 1,
                  endColumn: Math.max(f.range.end.character + 1, f.range.end.line > f.range.start.line ? 1 : f.range.start.character + 2),
                },
              },
              ...(f.object ? { logicalLocations: [{ fullyQualifiedName: f.object, kind: 'resource' }] } : {}),
            },
          ],
        })),
      },
    ],
  };
}

/**
 * A path relative to SRCROOT as a URI reference (RFC 3986): each segment percent-encoded, so a file
 * named `a b#1?.yaml` or `%41.yaml` points at that file and not at a fragment, a query or another name.
 */
export function relativeUri(path: string): string {
  return path
    .split(sep)
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}
