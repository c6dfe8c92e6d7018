// A workload's mesh identity in the sandbox: its current certificate, TLS context, key files, and rotation before expiry.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSecureContext, type SecureContext } from 'node:tls';
import { issueWorkloadCert, type CaMaterial, type IssuedCert } from '../shared/pki';
import { writeSecretFile } from '../shared/secretFile';

/** Istio rotates a workload certificate once half its lifetime has passed (SECRET_GRACE_PERIOD_RATIO 0.5). */
export const ROTATE_AT_FRACTION = 0.5;

export interface IdentityOptions {
  lifetimeMs: number;
  rootPem: string;
  /** Folder for key.pem, cert-chain.pem and root-cert.pem (Istio's /etc/certs names); none = memory only. */
  keyDir?: string;
  onError?(identity: WorkloadIdentity, err: Error): void;
}

export class WorkloadIdentity {
  private cert!: IssuedCert;
  /** Built on first use: many workloads only serve, and their servers keep a context of their own. */
  private context: SecureContext | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  /** Set by the expired-certificate fault: rotation no longer replaces the certificate. */
  private frozen = false;
  rotations = 0;
  private readonly listeners = new Set<() => void>();

  constructor(
    readonly spiffeId: string,
    private readonly ca: CaMaterial,
    private readonly opts: IdentityOptions,
  ) {}

  /** Issues the first certificate and schedules rotation. */
  async start(): Promise<void> {
    this.install(await issueWorkloadCert(this.ca, this.spiffeId, this.opts.lifetimeMs));
    this.schedule();
  }

  /**
   * The context for new connections. Connections already open keep the context they were made with,
   * which is why rotation never breaks a call in flight.
   */
  get secureContext(): SecureContext {
    this.context ??= createSecureContext(this.tlsOptions());
    return this.context;
  }

  /** Options for a tls.Server that must present this identity (servers keep their own context). */
  tlsOptions(): { key: string; cert: string; ca: string; minVersion: 'TLSv1.2' } {
    return { key: this.cert.keyPem, cert: this.cert.chainPem, ca: this.opts.rootPem, minVersion: 'TLSv1.2' };
  }

  /** Called after every change of certificate; returns the function that unsubscribes. */
  onRotate(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get certificate(): IssuedCert {
    return this.cert;
  }

  async rotate(): Promise<void> {
    const next = await issueWorkloadCert(this.ca, this.spiffeId, this.opts.lifetimeMs);
    if (this.stopped || this.frozen) return;
    this.install(next);
    this.rotations++;
  }

  /** Fault injection: present a certificate that has already expired, and stop rotating. */
  async expire(): Promise<void> {
    this.frozen = true;
    this.clearTimer();
    this.install(await issueWorkloadCert(this.ca, this.spiffeId, -1000));
  }

  stop(): void {
    this.stopped = true;
    this.clearTimer();
  }

  private install(cert: IssuedCert): void {
    this.cert = cert;
    this.context = undefined;
    if (this.opts.keyDir) {
      mkdirSync(this.opts.keyDir, { recursive: true, mode: 0o700 });
      writeSecretFile(join(this.opts.keyDir, 'key.pem'), cert.keyPem);
      writeFileSync(join(this.opts.keyDir, 'cert-chain.pem'), cert.chainPem);
      writeFileSync(join(this.opts.keyDir, 'root-cert.pem'), this.opts.rootPem);
    }
    for (const listener of this.listeners) listener();
  }

  private schedule(): void {
    const lifetime = this.cert.notAfter.getTime() - Date.now();
    const delay = Math.max(20, lifetime * ROTATE_AT_FRACTION);
    this.timer = setTimeout(() => {
      this.rotate()
        .catch((err: Error) => this.opts.onError?.(this, err))
        .finally(() => {
          if (!this.stopped && !this.frozen) this.schedule();
        });
    }, delay);
    this.timer.unref();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
