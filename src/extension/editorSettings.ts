// The extension's settings (ztn.*) laid over the workspace's ztn.yaml, so the engine sees one config.
import type { WorkspaceConfig } from '../model/config';
import type { EngineName } from '../../simulator/engine';
import type { Severity } from '../model/types';

export type SeveritySetting = Severity | 'off';

export interface EditorSettings {
  /** Per-rule severities from `ztn.rules.severity`; they win over ztn.yaml for this editor only. */
  severity: Record<string, SeveritySetting>;
  /** `ztn.rules.disabled`: rules not checked in the editor. */
  disabled: string[];
  /** `ztn.fips`: turns FIPS checks on even when ztn.yaml does not. */
  fips: boolean;
  /** `ztn.sandbox.engine` when the user set it; otherwise ztn.yaml decides. */
  engine?: EngineName;
  kindPath: string;
  istioctlPath: string;
  debounceMs: number;
  codeLens: boolean;
}

export const DEFAULT_EDITOR_SETTINGS: EditorSettings = {
  severity: {},
  disabled: [],
  fips: false,
  kindPath: 'kind',
  istioctlPath: 'istioctl',
  debounceMs: 300,
  codeLens: true,
};

const SEVERITIES = new Set<string>(['error', 'warning', 'info', 'off']);

/** A copy of `config` with the editor settings applied; invalid severity values are ignored, not fatal. */
export function applyEditorSettings(config: WorkspaceConfig, settings: EditorSettings): WorkspaceConfig {
  const rules = { ...config.rules };
  for (const [id, severity] of Object.entries(settings.severity)) {
    if (SEVERITIES.has(severity)) rules[id.toUpperCase()] = { severity };
  }
  for (const id of settings.disabled) rules[id.toUpperCase()] = { severity: 'off' };
  return { ...config, rules, fips: config.fips || settings.fips };
}

/** Engine for sandbox commands: the setting when set, else ztn.yaml, else local. */
export function sandboxEngineFor(config: WorkspaceConfig | undefined, settings: EditorSettings): EngineName {
  return settings.engine ?? config?.sandbox.engine ?? 'local';
}
