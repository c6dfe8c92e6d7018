// The sandbox PKI: chains verify to one root, SPIFFE URI SAN, key usages, plug-in CA files with 0600 keys.
import 'reflect-metadata'; // before @peculiar/x509, as simulator/shared/pki.ts does
import assert from 'node:assert/strict';
import * as x509 from '@peculiar/x509';
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSandboxPki, issueWorkloadCert, writeCacerts, type SandboxPki } from '../../../../simulator/shared/pki';

describe('sandbox PKI', () => {
  let pki: SandboxPki;
  before(async () => {
    pki = await createSandboxPki({ clusters: ['east', 'west'] });
  });

  it('signs one intermediate per cluster under a single self-signed root', () => {
    const root = new X509Certificate(pki.root.certPem);
    assert.equal(root.ca, true);
    assert.ok(root.checkIssued(root) && root.verify(root.publicKey), 'root is self-signed');
    assert.deepEqual(Object.keys(pki.intermediates).sort(), ['east', 'west']);
    for (const ca of Object.values(pki.intermediates)) {
      const inter = new X509Certificate(ca.certPem);
      assert.equal(inter.ca, true);
      assert.ok(inter.checkIssued(root) && inter.verify(root.publicKey));
      assert.ok(ca.chainPem.includes(pki.root.certPem.trim()), 'cert-chain.pem ends with the root');
    }
    assert.notEqual(pki.intermediates.east.certPem, pki.intermediates.west.certPem);
  });

  it('issues ECDSA P-256 workload certificates with the SPIFFE ID as URI SAN, chained to the cluster intermediate', async () => {
    const lifetimeMs = 5_000;
    const cert = await issueWorkloadCert(pki.intermediates.west, 'spiffe://cluster.local/ns/shop/sa/cart', lifetimeMs);
    const leaf = new X509Certificate(cert.certPem);
    const west = new X509Certificate(pki.intermediates.west.certPem);
    const east = new X509Certificate(pki.intermediates.east.certPem);
    assert.equal(leaf.subjectAltName, 'URI:spiffe://cluster.local/ns/shop/sa/cart');
    assert.equal(leaf.ca, false);
    assert.ok(leaf.checkIssued(west) && leaf.verify(west.publicKey), 'signed by its cluster intermediate');
    assert.ok(!leaf.verify(east.publicKey), 'not by another cluster');
    assert.deepEqual(leaf.keyUsage?.sort(), ['1.3.6.1.5.5.7.3.1', '1.3.6.1.5.5.7.3.2'], 'serverAuth and clientAuth');
    assert.equal(leaf.publicKey.asymmetricKeyType, 'ec');
    assert.equal(leaf.publicKey.asymmetricKeyDetails?.namedCurve, 'prime256v1');
    assert.equal(createPrivateKey(cert.keyPem).asymmetricKeyType, 'ec');
    const notAfter = new Date(leaf.validTo).getTime();
    // Backdated a minute against clock skew between hosts, valid for the lifetime from issue; X.509 times are whole seconds.
    const span = notAfter - new Date(leaf.validFrom).getTime();
    assert.ok(span >= lifetimeMs + 60_000 && span <= lifetimeMs + 61_000, `lifetime honoured (${leaf.validFrom} to ${leaf.validTo})`);
    assert.equal(cert.notAfter.getTime(), notAfter, 'the reported expiry is the one in the certificate');
    assert.ok(cert.chainPem.startsWith(cert.certPem) && cert.chainPem.includes(pki.intermediates.west.certPem.trim()));
  });

  it('marks key usages: CAs sign certificates only, workload keys sign handshakes; SAN critical, CA path length 0 below the root', async () => {
    const leaf = new x509.X509Certificate((await issueWorkloadCert(pki.intermediates.east, 'spiffe://cluster.local/ns/a/sa/b', 60_000)).certPem);
    const inter = new x509.X509Certificate(pki.intermediates.east.certPem);
    const usages = (c: x509.X509Certificate) => c.getExtension(x509.KeyUsagesExtension)!.usages;
    assert.equal(usages(leaf) & x509.KeyUsageFlags.digitalSignature, x509.KeyUsageFlags.digitalSignature);
    assert.equal(usages(leaf) & x509.KeyUsageFlags.keyCertSign, 0);
    assert.equal(usages(inter) & x509.KeyUsageFlags.keyCertSign, x509.KeyUsageFlags.keyCertSign);
    assert.equal(usages(inter) & x509.KeyUsageFlags.digitalSignature, 0);
    assert.equal(leaf.getExtension(x509.SubjectAlternativeNameExtension)!.critical, true);
    assert.equal(leaf.getExtension(x509.BasicConstraintsExtension)!.ca, false);
    assert.equal(inter.getExtension(x509.BasicConstraintsExtension)!.pathLength, 0);
    assert.equal(leaf.signatureAlgorithm.hash.name, 'SHA-256');
  });

  it('refuses an identity that is not a SPIFFE ID', async () => {
    await assert.rejects(issueWorkloadCert(pki.intermediates.east, 'cluster.local/ns/a/sa/b', 1000), /not a SPIFFE ID/);
  });

  it('writes the cacerts files of a cluster with the key readable by its owner only', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ztn-pki-'));
    try {
      const paths = writeCacerts(join(dir, 'east'), 'east', pki);
      assert.equal(statSync(paths.key).mode & 0o777, 0o600);
      assert.equal(readFileSync(paths.cert, 'utf8'), pki.intermediates.east.certPem);
      assert.equal(readFileSync(paths.root, 'utf8'), pki.root.certPem);
      assert.equal(readFileSync(paths.chain, 'utf8'), pki.intermediates.east.chainPem);
      assert.throws(() => writeCacerts(dir, 'nope', pki), /no intermediate CA for cluster 'nope'/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
