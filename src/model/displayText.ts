// Text from manifests shown on a terminal or in a log: control characters escaped, so no output line can be forged.

/**
 * C0 controls (newline, carriage return, ESC of terminal escape sequences...), DEL, C1 controls, the
 * Unicode line and paragraph separators, and the bidirectional overrides and isolates that reorder
 * what a terminal shows ("Trojan Source").
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** `text` with every unsafe character written as an escape (`\n`, `\x1b`, `\u202e`): one line, shown as written. */
export function displayText(text: string): string {
  if (text.search(UNSAFE) < 0) return text; // search ignores the g flag's lastIndex
  return text.replace(UNSAFE, (c) => {
    const code = c.charCodeAt(0);
    return NAMED[c] ?? (code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`);
  });
}
