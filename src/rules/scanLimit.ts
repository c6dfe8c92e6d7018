// How much of one value the text heuristics (personal data, secret formats) read: all of any real value, a bounded part of a hostile one.

/**
 * 64 KiB: a ConfigMap value with more text than this is a data file, and what the heuristics look for
 * (an address, a card number, a key) shows in its first 64 KiB. Every pattern they run is linear
 * (test/unit/rules/regexSafety.test.ts), so the bound keeps a 5 MiB value from costing 80 times more.
 */
export const MAX_SCANNED_CHARS = 64 * 1024;

/** The part of `value` a heuristic reads. */
export function scannedPart(value: string): string {
  return value.length > MAX_SCANNED_CHARS ? value.slice(0, MAX_SCANNED_CHARS) : value;
}
