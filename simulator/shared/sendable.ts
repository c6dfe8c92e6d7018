// Whether a traffic call can be put on the wire as HTTP/1.1: what Node's client (and any real one) refuses to send.
import { validateHeaderName, validateHeaderValue } from 'node:http';
import type { TrafficCall } from '../../src/policy/types';

/** RFC 9110 token: methods and header names. */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** Node's own check of a request target: visible ASCII and Latin-1, no space or control character. */
const PATH_OK = /^[\u0021-\u00ff]*$/;

/** Why the call cannot be sent (a sentence), or undefined when it can. TCP calls send no method, path or headers. */
export function unsendableReason(call: TrafficCall): string | undefined {
  if (call.protocol === 'tcp' || call.protocol === 'udp' || call.protocol === 'sctp') return undefined;
  if (call.method !== undefined && !TOKEN.test(call.method)) return `method ${JSON.stringify(call.method)} is not an HTTP token (no spaces or separators)`;
  if (call.path !== undefined && !PATH_OK.test(call.path))
    return `path ${JSON.stringify(call.path)} holds a space, a control character or a character outside Latin-1: percent-encode it`;
  for (const [name, value] of Object.entries(call.headers ?? {})) {
    try {
      validateHeaderName(name);
    } catch {
      return `header name ${JSON.stringify(name)} is not an HTTP token`;
    }
    try {
      validateHeaderValue(name, String(value));
    } catch {
      return `header ${name} has a value with a line break or control character`;
    }
  }
  return undefined;
}
