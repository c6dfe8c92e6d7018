// Splits a manifest file at its `---` lines so an edit re-parses only the documents whose text changed.
import { isMap, isPair, isSeq, type Document } from 'yaml';
import { parseYamlDocuments } from './yamlDocuments';

/**
 * A stretch of a file from one `---` line to the next, with the documents `yaml` parsed from it.
 * `payload` holds what the caller derived from each document (its JS objects, its resources), so an
 * unchanged segment costs neither a parse nor a `toJS` again.
 */
export interface Segment<P> {
  start: number;
  end: number;
  docs: Document.Parsed[];
  payload: P[];
}

/**
 * `%` directives carry over to the next document and `...` lets comments float between documents
 * (they join the next document's comment); files with either are always parsed whole.
 */
const CROSS_DOCUMENT_SYNTAX = /^(?:%|\.\.\.)/m;

/** True when the segments of `text` parse, one by one, exactly as the whole text does (given no parse errors). */
export function segmentable(text: string): boolean {
  return !CROSS_DOCUMENT_SYNTAX.test(text);
}

const DOCUMENT_START = /\n---(?=[ \t\r\n]|$)/g;
/** A line with something other than blanks and comments. */
const CONTENT_LINE = /^[ \t]*[^#\s]/m;

/**
 * Start offsets of the segments of `text`: 0, then every line that begins with a `---` marker. A head
 * of only comments and blank lines stays with the first document (it becomes that document's comment).
 */
export function segmentStarts(text: string): number[] {
  const starts = [0];
  DOCUMENT_START.lastIndex = 0;
  for (let m = DOCUMENT_START.exec(text); m; m = DOCUMENT_START.exec(text)) starts.push(m.index + 1);
  if (starts.length > 1 && !CONTENT_LINE.test(text.slice(0, starts[1]))) starts.splice(1, 1);
  return starts;
}

function hasProblems(docs: readonly Document.Parsed[]): boolean {
  return docs.some((d) => d.errors.length > 0 || d.warnings.length > 0);
}

/**
 * Groups the documents of a whole-text parse by segment. Undefined when the text is not segmentable or
 * has parse errors or warnings: then the next edit is parsed whole too (errors may run across `---`,
 * an unclosed quote does).
 */
export function segmentsOf<P>(text: string, docs: readonly Document.Parsed[], payload: readonly P[]): Segment<P>[] | undefined {
  if (!segmentable(text) || hasProblems(docs)) return undefined;
  const starts = segmentStarts(text);
  const segments: Segment<P>[] = starts.map((start, i) => ({ start, end: starts[i + 1] ?? text.length, docs: [], payload: [] }));
  let s = 0;
  docs.forEach((doc, i) => {
    // A document starts at its `---` marker (or its first content); it belongs to the last segment starting at or before that.
    while (s + 1 < segments.length && segments[s + 1].start <= doc.range[0]) s++;
    segments[s].docs.push(doc);
    segments[s].payload.push(payload[i]);
  });
  return segments;
}

/** Adds `delta` to every offset of a parsed document: its nodes' ranges and its own. */
export function shiftDocument(doc: Document.Parsed, delta: number): void {
  if (delta === 0) return;
  const shiftNode = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    if (isPair(node)) {
      shiftNode(node.key);
      shiftNode(node.value);
      return;
    }
    const range = (node as { range?: number[] }).range;
    if (range) for (let i = 0; i < range.length; i++) range[i] += delta;
    if (isMap(node) || isSeq(node)) for (const item of node.items) shiftNode(item);
  };
  shiftNode(doc.contents);
  for (let i = 0; i < doc.range.length; i++) doc.range[i] += delta;
}

/**
 * Parses `text`, the new text of a file whose previous text was `previousText` with `previous`
 * segments: segments whose text is unchanged keep their documents (shifted to their new offsets) and
 * payloads, the others are parsed again one by one and come back with an empty `payload` for the
 * caller to fill. Undefined when that cannot be exact (the text is
 * not segmentable, or a re-parsed segment has errors or warnings): the caller parses the whole text.
 *
 * The documents taken over are moved, not copied: their nodes' ranges change in place, so the
 * previous parse must not be used any more.
 */
export function reparseSegments<P>(previousText: string, previous: readonly Segment<P>[], text: string): Segment<P>[] | undefined {
  if (!segmentable(text)) return undefined;
  const starts = segmentStarts(text);
  const ends = starts.map((_, i) => starts[i + 1] ?? text.length);
  const oldText = (s: Segment<P>) => previousText.slice(s.start, s.end);
  const newText = (i: number) => text.slice(starts[i], ends[i]);

  // Unchanged segments at the front keep their offsets; unchanged ones at the back shift by the length change.
  let front = 0;
  while (front < starts.length && front < previous.length && previous[front].start === starts[front] && oldText(previous[front]) === newText(front)) front++;
  let back = 0;
  while (back < starts.length - front && back < previous.length - front && oldText(previous[previous.length - 1 - back]) === newText(starts.length - 1 - back))
    back++;

  const fresh: Segment<P>[] = [];
  for (let i = front; i < starts.length - back; i++) {
    const docs = parseYamlDocuments(newText(i));
    if (hasProblems(docs)) return undefined;
    for (const d of docs) shiftDocument(d, starts[i]);
    fresh.push({ start: starts[i], end: ends[i], docs, payload: [] });
  }
  const kept = previous.slice(previous.length - back).map((s, k) => {
    const i = starts.length - back + k;
    for (const d of s.docs) shiftDocument(d, starts[i] - s.start);
    return { start: starts[i], end: ends[i], docs: s.docs, payload: s.payload };
  });
  return [...previous.slice(0, front), ...fresh, ...kept];
}
