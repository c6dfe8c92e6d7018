// Host mentions in env values and args: which strings count as a reference to a Service.
import assert from 'node:assert/strict';
import { hostsInValue } from '../../../src/graph/references';

describe('graph: host mentions in configuration values', () => {
  const cases: { value: string; env?: string; expect: { host: string; port?: number; scheme?: string; addressLike: boolean }[] }[] = [
    { value: 'http://cart:8080/api', expect: [{ host: 'cart', port: 8080, scheme: 'http', addressLike: true }] },
    { value: 'cart.shop.svc.cluster.local:9090', expect: [{ host: 'cart.shop.svc.cluster.local', port: 9090, addressLike: true }] },
    { value: '--catalog=catalog.shop:9090', expect: [{ host: 'catalog.shop', port: 9090, addressLike: true }] },
    { value: 'redis', env: 'REDIS_HOST', expect: [{ host: 'redis', addressLike: true }] },
    { value: 'redis', env: 'LOG_LEVEL', expect: [{ host: 'redis', addressLike: false }] },
    { value: 'https://API.Partner.example.com/v1', expect: [{ host: 'api.partner.example.com', scheme: 'https', addressLike: true }] },
    { value: 'postgres://user:secret@db.data:5432/app', expect: [{ host: 'db.data', port: 5432, scheme: 'postgres', addressLike: true }] },
    { value: '10.0.0.1:80', expect: [] },
    { value: 'cart:99999', expect: [] },
  ];
  for (const c of cases) {
    it(`${c.env ?? 'value'} = ${c.value}`, () => {
      const got = hostsInValue(c.value, ['x'], 'detail', c.env).map(({ host, port, scheme, addressLike }) => ({ host, port, scheme, addressLike }));
      assert.deepEqual(
        got,
        c.expect.map((e) => ({ host: e.host, port: e.port, scheme: e.scheme, addressLike: e.addressLike })),
      );
    });
  }
});
