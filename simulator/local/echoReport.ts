// What the echo app answers about a call that reached it: written by the app, read by the replay and its observations.

/** What the echo app answers: the body of every successful sandbox call. */
export interface EchoReport {
  workload: string;
  port: number;
  /** Address the app saw the connection come from (the sidecar, or the caller when there is none). */
  source: string;
  protocol: 'http' | 'tcp';
  method?: string;
  path?: string;
  xfcc?: string;
  headers?: Record<string, string>;
}
