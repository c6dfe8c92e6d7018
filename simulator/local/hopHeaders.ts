// Headers about one connection, which a proxy does not pass on (RFC 9110 7.6.1).
export const HOP_BY_HOP: ReadonlySet<string> = new Set(['connection', 'keep-alive', 'proxy-connection', 'te', 'upgrade', 'transfer-encoding']);
