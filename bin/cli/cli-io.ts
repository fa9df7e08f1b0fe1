import type { IscClientConfig } from '../../lambdas/adapters/isc/index.js';
import { knownSecrets } from '../../lambdas/core/known-secrets.js';
import type { SignalSource } from './watch-interrupts.js';
import { safeText } from '../../lambdas/core/text.js';

/** What a CLI command may touch: injected so tests run commands in-process and read their output. */
export interface CliIo {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown; readonly isTTY?: boolean };
  /** The clock (tests fix it). */
  readonly now: () => Date;
  /**
   * ISC client tuning (retry delays, pacing). Only tests set it, so a retried 500 waits
   * milliseconds instead of seconds; the real entry point leaves the production defaults.
   */
  readonly iscClient?: Partial<Omit<IscClientConfig, 'baseUrl' | 'credentials'>>;
  /** SIGINT and SIGTERM (`process` in the real CLI); without it, signals keep their default effect. */
  readonly signals?: SignalSource;
  /** How long actions in flight are waited for after a signal. @default INTERRUPT_GRACE_MS (10 s); tests shorten it */
  readonly interruptGraceMs?: number;
  /**
   * Configuration for the AWS clients the registry commands build (DynamoDB, Secrets Manager).
   * Only tests set it (moto's endpoint); the real entry point leaves the SDK's own configuration
   * (profile, region, AWS_ENDPOINT_URL*).
   */
  readonly aws?: AwsClientConfig;
}

export interface AwsClientConfig {
  readonly endpoint?: string;
  readonly region?: string;
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
}

/** Exit codes are a contract: schedulers and scripts branch on them. */
export const EXIT = {
  ok: 0,
  actionFailed: 1,
  badInput: 2,
  blocked: 3,
  /** Interrupted by SIGINT (Ctrl-C): 128 + 2, as a shell reports it. */
  interrupted: 130,
  /** Interrupted by SIGTERM: 128 + 15. */
  terminated: 143,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** Bad usage: unknown command or flag, missing value. Exit 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/**
 * The CLI's output boundary: whatever any command writes to stdout or stderr (reports, progress,
 * errors) is scrubbed of every secret the process knows, then made safe for a terminal (no
 * escape sequence or control character from a client name, tracking id or --tenant reaches it;
 * invisible characters show as `<U+XXXX>`) before it leaves.
 */
export function withRedactedOutput(io: CliIo): CliIo {
  const out = (text: string) => safeText(knownSecrets.redact(text));
  return {
    ...io,
    stdout: { write: (text: string) => io.stdout.write(out(text)) },
    stderr: { write: (text: string) => io.stderr.write(out(text)), ...(io.stderr.isTTY === undefined ? {} : { isTTY: io.stderr.isTTY }) },
  };
}
