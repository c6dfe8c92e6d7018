// JSON schema of ztn.yaml; also written to schemas/ztn.schema.json for editors (see scripts/build.mjs).
export const ZTN_CONFIG_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://ztn.dev/schemas/workspace.json',
  title: 'Zero Trust Lens workspace (ztn.yaml)',
  type: 'object',
  additionalProperties: false,
  required: ['apiVersion', 'kind'],
  properties: {
    apiVersion: { const: 'ztn.dev/v1alpha1' },
    kind: { const: 'Workspace' },
    metadata: { type: 'object' },
    clusters: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name'],
        properties: {
          name: { type: 'string', pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$' },
          network: { type: 'string' },
          trustDomain: { type: 'string', minLength: 1 },
          trustDomainAliases: { type: 'array', items: { type: 'string' } },
          meshID: { type: 'string' },
          rootNamespace: { type: 'string' },
          manifests: { type: 'array', items: { type: 'string' } },
        },
      },
    },
    rules: {
      type: 'object',
      properties: {
        notSuppressible: { type: 'array', items: { type: 'string', pattern: '^ZT\\d{4}$' } },
      },
      patternProperties: {
        '^ZT\\d{4}$': {
          type: 'object',
          additionalProperties: false,
          properties: { severity: { enum: ['error', 'warning', 'info', 'off'] } },
        },
      },
      additionalProperties: false,
    },
    ignore: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['rule', 'path'],
        properties: { rule: { type: 'string' }, path: { type: 'string' }, reason: { type: 'string' } },
      },
    },
    fips: { type: 'boolean' },
    allowedCidrs: {
      type: 'array',
      items: {
        type: 'string',
        // IPv4 or IPv6 CIDR; the prefix length is required so "10.0.0.1" is not read as a whole network.
        pattern:
          '^(((25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1?\\d?\\d)/(3[0-2]|[12]?\\d)|[0-9a-fA-F:]*:[0-9a-fA-F:.]*/(12[0-8]|1[01]\\d|\\d?\\d))$',
      },
    },
    // Past 256 MiB a file does not fit in one JavaScript string read as UTF-8 on every platform; no manifest is that large.
    maxFileBytes: { type: 'integer', minimum: 1, maximum: 268435456 },
    certificateExpiryWarningDays: { type: 'integer', minimum: 0 },
    sandbox: {
      type: 'object',
      additionalProperties: false,
      properties: {
        engine: { enum: ['local', 'kind'] },
        certLifetime: { type: 'string', pattern: '^\\d+(ms|s|m|h)$' },
      },
    },
  },
} as const;
