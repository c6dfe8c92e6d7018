// Recognisers for personal data in plain text: payment card numbers (Luhn) and e-mail addresses.
import { scannedPart } from '../scanLimit';

/** Luhn checksum, as every payment card number satisfies it. */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

// 13-19 digits, optionally grouped by single spaces or dashes, not part of a longer number.
const CARD_CANDIDATE = /(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d-])/g;
/** Issuer prefixes (Visa, Mastercard, Amex, Discover, JCB, Diners, UnionPay): random Luhn-valid numbers rarely start this way. */
const ISSUER_PREFIX = /^(4|5[1-5]|2[2-7]|3[47]|6(011|5|4[4-9]|2)|35|30[0-5]|36|38)/;

export function countCardNumbers(text: string): number {
  let n = 0;
  for (const m of scannedPart(text).matchAll(CARD_CANDIDATE)) {
    const digits = m[0].replace(/[ -]/g, '');
    if (new Set(digits).size > 1 && ISSUER_PREFIX.test(digits) && passesLuhn(digits)) n++;
  }
  return n;
}

/** Characters of an address's local part, and of its domain. */
const LOCAL_CHAR = /[A-Za-z0-9._%+-]/;
const DOMAIN_CHAR = /[A-Za-z0-9.-]/;
/** RFC 5321 bounds: a local part has at most 64 characters, a domain at most 255. */
const MAX_LOCAL = 64;
const MAX_DOMAIN = 255;
/** Labels, then a top-level domain of two letters or more; anchored, and run only on the at most 255 characters after an `@`. */
const DOMAIN = /^[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/;

/**
 * Distinct e-mail addresses in `text`. Found from each `@` outwards rather than by one pattern over the
 * whole text: a pattern that starts with `[...]+` tries every position of a long run of letters and
 * reads the rest of the run each time (quadratic; a 128 KB value took 21 s). Here each `@` reads at
 * most 64 characters back and 255 forward.
 */
export function distinctEmails(text: string): number {
  const value = scannedPart(text);
  const found = new Set<string>();
  let taken = 0; // an address ends here: the next one's local part starts after it
  for (let at = value.indexOf('@'); at >= 0; at = value.indexOf('@', at + 1)) {
    let start = at;
    while (start > taken && at - start < MAX_LOCAL && LOCAL_CHAR.test(value[start - 1])) start--;
    if (start === at) continue;
    let end = at + 1;
    while (end < value.length && end - at - 1 < MAX_DOMAIN && DOMAIN_CHAR.test(value[end])) end++;
    const domain = DOMAIN.exec(value.slice(at + 1, end));
    if (!domain) continue;
    found.add(`${value.slice(start, at)}@${domain[0]}`.toLowerCase());
    taken = at + 1 + domain[0].length;
  }
  return found.size;
}

/** One or two addresses are contact details; this many in one value is a data set. */
export const BULK_EMAILS = 5;
