// Reading a cert-manager Certificate's lifetime settings and writing them back as one edit.
import { setField } from '../../fix/yamlEdit';
import type { TextEdit } from '../../fix/types';
import type { Resource } from '../../model/types';
import { getPath } from '../../model/workloads';
import { parseGoDuration } from './duration';

export function isCertManagerCertificate(r: Resource): boolean {
  return r.kind === 'Certificate' && r.apiVersion.startsWith('cert-manager.io/');
}

export function isCa(r: Resource): boolean {
  return getPath(r.obj, ['spec', 'isCA']) === true;
}

/** Seconds of spec[field] when it is a valid Go duration. */
export function durationField(r: Resource, field: 'duration' | 'renewBefore'): number | undefined {
  const v = getPath(r.obj, ['spec', field]);
  return typeof v === 'string' ? parseGoDuration(v) : undefined;
}

/**
 * Sets several spec fields in one go. Two missing fields would be two insertions at the same offset,
 * which apply in reverse order; merging them keeps the written order.
 */
export function setSpecFields(r: Resource, fields: Record<string, string>): TextEdit[] {
  const edits = Object.entries(fields).flatMap(([k, v]) => setField(r, ['spec', k], v));
  const merged: TextEdit[] = [];
  for (const e of edits) {
    const prev = merged.find((m) => m.start === m.end && e.start === e.end && m.start === e.start && m.file === e.file);
    if (prev) prev.newText += e.newText;
    else merged.push({ ...e });
  }
  return merged;
}
