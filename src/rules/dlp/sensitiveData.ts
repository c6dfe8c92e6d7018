// Recognisers for personal data in plain text: payment card numbers (Luhn) and e-mail addresses.

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
  for (const m of text.matchAll(CARD_CANDIDATE)) {
    const digits = m[0].replace(/[ -]/g, '');
    if (new Set(digits).size > 1 && ISSUER_PREFIX.test(digits) && passesLuhn(digits)) n++;
  }
  return n;
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

/** Distinct e-mail addresses in `text`. */
export function distinctEmails(text: string): number {
  return new Set([...text.matchAll(EMAIL)].map((m) => m[0].toLowerCase())).size;
}

/** One or two addresses are contact details; this many in one value is a data set. */
export const BULK_EMAILS = 5;
