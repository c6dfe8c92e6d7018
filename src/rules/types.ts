// What a rule is: metadata plus a small check function, optionally with a fix (ESLint-style).
import type { WorkspaceConfig } from '../model/config';
import type { FieldPath } from '../model/position';
import type { Range, Resource, Severity, SourceFile } from '../model/types';
import type { WorkspaceIndex } from '../model/workspace';
import type { Fix } from '../fix/types';

/** 0 is the tool's own checks (parse errors, suppressions); 1..10 the zero trust pillars. */
export type PillarNumber = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10;

export const PILLARS: Record<PillarNumber, string> = {
  0: 'Zero Trust Lens',
  1: 'Identity',
  2: 'Secure channel (mTLS)',
  3: 'Certificate management',
  4: 'RBAC, multitenancy, isolation',
  5: 'Allow-listing trusted sources',
  6: 'FIPS and SOC-2',
  7: 'Web application firewall',
  8: 'Data loss prevention',
  9: 'Secrets management',
  10: 'Multicluster visibility',
};

export interface RuleMeta {
  /** ZTppnn, pp = pillar. */
  id: string;
  pillar: PillarNumber;
  severity: Severity;
  /** Short title for catalogues, e.g. "PeerAuthentication is not STRICT". */
  title: string;
  /** One paragraph: why it matters. The message says what to do. */
  description: string;
  /** True when at least some findings carry a fix. */
  fixable: boolean;
  /**
   * True when no fix of this rule is safe to apply unattended: each is offered as a quick-fix in the
   * editor and never applied by `ztn lint --fix` (ESLint calls these suggestions).
   */
  fixNeedsReview?: boolean;
  /**
   * Kinds this rule looks at; the engine only calls checkResource for these. Omit for workspace-only rules. A kind
   * is matched with its API group (src/model/kinds.ts, isKindKey): `Gateway.networking.istio.io` names one group;
   * a bare `AuthorizationPolicy` means the groups the tool knows the kind from (security.istio.io, never
   * policy.linkerd.io), a bare core kind (`Service`) the core group.
   */
  kinds?: string[];
  /**
   * Kinds of the objects checkWorkspace reports on (as `kinds`), when it only ever reports on resources of these
   * kinds. Re-linting some files then skips checkWorkspace when those files hold none of them.
   */
  reportsOn?: string[];
}

export interface FindingInput {
  resource?: Resource;
  /** Exact place: a field path in `resource` (with `part`), or an explicit range in `file`. */
  path?: FieldPath;
  part?: 'key' | 'value' | 'pair';
  file?: SourceFile;
  range?: Range;
  message: string;
  /** Lazily built: fixes are only computed when a user (or --fix) asks for them. */
  fix?: () => Fix | undefined;
}

export interface RuleContext {
  index: WorkspaceIndex;
  config: WorkspaceConfig;
  report(finding: FindingInput): void;
  /**
   * False when findings on this resource would be dropped (re-linting only some files): a workspace
   * check may skip such resources. Findings are filtered either way; this only saves work.
   */
  wants(resource: Resource): boolean;
}

export interface Rule {
  meta: RuleMeta;
  /**
   * Called once per resource whose kind is in meta.kinds. Report findings about this resource only:
   * when one file is re-linted, only that file's resources are checked.
   */
  checkResource?(resource: Resource, ctx: RuleContext): void;
  /** Called once per lint run, for checks that need the whole workspace (missing objects, consistency). */
  checkWorkspace?(ctx: RuleContext): void;
}

export interface Finding {
  ruleId: string;
  pillar: number;
  severity: Severity;
  message: string;
  file: string;
  range: Range;
  /** Kind ns/name of the object, when the finding is about one. */
  object?: string;
  resource?: Resource;
  fix?: () => Fix | undefined;
  /** Set when the finding was suppressed; suppressed findings are not reported but count as "used". */
  suppressedBy?: string;
}
