// ZT0907: a Secret volume whose files every user in the container can read (defaultMode with "other" bits, 0644 by default).
import type { TextEdit } from '../../fix/types';
import { setField } from '../../fix/yamlEdit';
import { findField } from '../../model/position';
import type { Resource } from '../../model/types';
import { WORKLOAD_KINDS } from '../../model/workloads';
import type { Rule } from '../types';
import { podSecurityContext, podVolumes } from './workloadSecretRefs';

/** Kubernetes' default mode for Secret volume files. */
const DEFAULT_MODE = 0o644;

/**
 * The mode as Kubernetes reads it. YAML 1.1 (what the API server's decoder uses) reads `0640` as
 * octal, while the parser here reads it as decimal 640, so the source text decides.
 */
function modeOf(r: Resource, path: (string | number)[]): { mode: number; text?: string } | undefined {
  const node = findField(r.node, path)?.value as { range?: [number, number, number] } | undefined;
  if (!node?.range) return undefined;
  const text = r.file.text.slice(node.range[0], node.range[1]).trim();
  if (/^0o?[0-7]+$/.test(text)) return { mode: parseInt(text.replace(/^0o?/, ''), 8), text };
  if (/^\d+$/.test(text)) return { mode: parseInt(text, 10), text };
  return undefined;
}

/** Writes a mode in the style of the original: octal text in YAML, decimal in JSON or where decimal was used. */
function modeText(r: Resource, mode: number, original?: string): string {
  if (r.file.path.toLowerCase().endsWith('.json') || (original !== undefined && !original.startsWith('0'))) return String(mode);
  return `0${mode.toString(8)}`;
}

export const secretVolumeWorldReadable: Rule = {
  meta: {
    id: 'ZT0907',
    pillar: 9,
    severity: 'info',
    title: 'Secret files readable by every user',
    description:
      'Secret volume files get mode 0644 unless `defaultMode` says otherwise, so every process in the container, whatever its user, can read them. With a pod fsGroup the files belong to that group and 0640 (or 0440) keeps them to the application.',
    fixable: true,
    kinds: [...WORKLOAD_KINDS],
  },
  checkResource(r, ctx) {
    const fsGroup = podSecurityContext(r).fsGroup;
    for (const { path, volume } of podVolumes(r)) {
      const secret = volume.secret;
      if (!secret || typeof secret !== 'object') continue;
      const modePath = [...path, 'secret', 'defaultMode'];
      const written = modeOf(r, modePath);
      const mode = written?.mode ?? DEFAULT_MODE;
      if ((mode & 0o007) === 0) continue;
      const tighter = mode & ~0o007;
      // Only safe when the pod's group owns the files; otherwise a non-root app could lose access.
      const fix =
        fsGroup !== undefined
          ? () => {
              const text = modeText(r, tighter, written?.text);
              // setField renders numbers in decimal; swap in the octal spelling people write for modes.
              const edits: TextEdit[] = setField(r, modePath, tighter).map((e) => ({ ...e, newText: e.newText.replace(new RegExp(`${tighter}$`), text) }));
              return { title: `Set defaultMode to ${text}`, safe: true, edits };
            }
          : undefined;
      ctx.report({
        resource: r,
        path: written ? modePath : [...path, 'secret'],
        part: written ? 'value' : 'key',
        message: `files of Secret volume ${String(volume.name)} are readable by every user (mode 0${mode.toString(8)}); set defaultMode to 0${tighter.toString(8)}${fsGroup === undefined ? ' and a pod fsGroup' : ''}`,
        fix,
      });
    }
  },
};
