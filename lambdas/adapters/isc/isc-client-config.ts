import * as z from 'zod';
import { ConfigError, configErrorFromZod } from '../../core/config-error.js';
import type { IscClientEventListener } from './isc-client-event.js';

/**
 * The API versions the janitor can speak. `v1` is the per-service path (`/oauth-clients/v1`,
 * what SailPoint's SDK 2.x calls); the others are the versioned paths (`/v3/oauth-clients`),
 * which SailPoint supports until Q2 2028 and turns off in Q1 2029. The contract is the same in all.
 */
export const API_VERSIONS = ['v3', 'beta', 'v2024', 'v2025', 'v2026', 'v1'] as const;
export type IscApiVersion = (typeof API_VERSIONS)[number];

/** The ISC APIs the janitor calls, by the name of their collection. */
export type IscResource = 'oauth-clients' | 'personal-access-tokens';

/**
 * Where `resource` lives in `version`: `/v3/oauth-clients`, or `/oauth-clients/v1` for the
 * per-service path. Every request path of the ISC client is built from this one function.
 */
export function collectionPath(version: IscApiVersion, resource: IscResource): string {
  return version === 'v1' ? `/${resource}/v1` : `/${version}/${resource}`;
}

export interface IscCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
}

/** Where credentials come from. `refresh` re-reads them (e.g. a rotated Secrets Manager value). */
export interface CredentialsSource {
  get(): Promise<IscCredentials>;
  refresh?(): Promise<IscCredentials>;
}

export interface IscClientConfig {
  /** `https://{tenant}.api.identitynow.com`, without a version path; http only for loopback hosts. */
  readonly baseUrl: string;
  /** @default 'v3' */
  readonly apiVersion?: IscApiVersion;
  readonly credentials: IscCredentials | CredentialsSource;
  /** @default { attempts: 4, baseDelayMs: 500, maxDelayMs: 20_000 } */
  readonly retry?: { readonly attempts?: number; readonly baseDelayMs?: number; readonly maxDelayMs?: number };
  /**
   * Client-side pacing of API calls (token calls excluded), per client id and API version as ISC
   * counts them, shared with the other clients of this process that use the same credential,
   * version and settings. `false` turns it off. @default 95 per 10_000 ms
   */
  readonly rateLimit?: { readonly requests: number; readonly windowMs: number } | false;
  /**
   * Per attempt, for the whole response: headers AND body (a server that drips its body one byte
   * at a time is cut off too). Each attempt gets it anew; the retry policy bounds the attempts.
   * @default 30_000 (`--request-timeout` / `ISC_REQUEST_TIMEOUT_S` set it in seconds)
   */
  readonly timeoutMs?: number;
  /**
   * The largest ISC response body read, in bytes: a body is streamed and abandoned at the cap,
   * and that request fails naming the cap (memory stays bounded whatever a server sends).
   * @default DEFAULT_MAX_RESPONSE_BYTES, 64 MB (`--max-response-mb` / `ISC_MAX_RESPONSE_MB` set it in MB)
   */
  readonly maxResponseBytes?: number;
  readonly onEvent?: IscClientEventListener;
  /**
   * The run's stop signal: once aborted, requests in flight are cut off, retry waits end, and no
   * request starts again; each fails with an IscApiError of kind `aborted` whose message is the
   * signal's reason (the run's deadline passed, or it was interrupted).
   */
  readonly signal?: AbortSignal;
  /** Clock for token expiry (tests); @default Date.now */
  readonly now?: () => number;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
const VERSION_SEGMENT = /^(v\d+|beta)$/i;

/** Validates the URL and returns `origin + path` without a trailing slash. Never echoes the value. */
export const baseUrlSchema = z.string().transform((value, ctx) => {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'not a valid URL; expected https://{tenant}.api.identitynow.com' });
    return z.NEVER;
  }
  const problems: string[] = [];
  if (url.username || url.password) problems.push('must not contain a user name or password');
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname))) {
    problems.push('must use https (http is allowed only for loopback hosts: 127.0.0.1, localhost, ::1)');
  }
  if (url.search || url.hash) problems.push('must not have a query string or fragment');
  const segments = url.pathname.split('/').filter((s) => s !== '');
  if (segments.some((s) => VERSION_SEGMENT.test(s))) {
    problems.push(
      'must not include an API version path (such as /v3 or /beta): give the tenant URL, e.g. https://{tenant}.api.identitynow.com, and set apiVersion instead',
    );
  }
  for (const message of problems) ctx.addIssue({ code: 'custom', message });
  return problems.length > 0 ? z.NEVER : `${url.origin}${segments.length > 0 ? `/${segments.join('/')}` : ''}`;
});

/** The default cap on one response body: 64 MB. */
export const DEFAULT_MAX_RESPONSE_MB = 64;
export const DEFAULT_MAX_RESPONSE_BYTES = DEFAULT_MAX_RESPONSE_MB * 1024 * 1024;

/** The largest cap the client accepts, in MB (a Lambda has at most 10,240 MB). */
export const MAX_RESPONSE_MB_LIMIT = 10_240;

/** A number of megabytes as text (`64`, `0.5`), as the flag and the environment give it, to whole bytes. */
export function megabytesAsBytes() {
  return z
    .string()
    .trim()
    .regex(/^\d+(\.\d+)?$/, 'must be a number of megabytes, such as 64')
    .transform(Number)
    .pipe(z.number().positive('must be more than 0 MB').max(MAX_RESPONSE_MB_LIMIT, `must be at most ${MAX_RESPONSE_MB_LIMIT} MB`))
    .transform((mb) => Math.max(1, Math.round(mb * 1024 * 1024)));
}

/** The longest request timeout the client accepts, in seconds (a Lambda runs 15 minutes at most). */
export const MAX_REQUEST_TIMEOUT_S = 900;

/**
 * A number of seconds as text (`30`, `0.5`), as the CLI flags and the environment give it, to
 * whole milliseconds (at least 1). Never echoes the value: a pasted secret stays out of errors.
 */
export function secondsAsMs(max: number) {
  return z
    .string()
    .trim()
    .regex(/^\d+(\.\d+)?$/, 'must be a number of seconds, such as 30')
    .transform(Number)
    .pipe(z.number().positive('must be more than 0 seconds').max(max, `must be at most ${max} seconds`))
    .transform((seconds) => Math.max(1, Math.round(seconds * 1000)));
}

const isFunction = (v: unknown): boolean => typeof v === 'function';
const credentialsSchema = z.union(
  [
    z.strictObject({ clientId: z.string().min(1), clientSecret: z.string().min(1) }),
    z.custom<CredentialsSource>((v) => typeof v === 'object' && v !== null && isFunction((v as { get?: unknown }).get)),
  ],
  { error: 'must be { clientId, clientSecret } (non-empty strings) or a credentials source with get()' },
);

const configSchema = z.strictObject({
  baseUrl: baseUrlSchema,
  apiVersion: z.enum(API_VERSIONS).default('v3'),
  credentials: credentialsSchema,
  retry: z
    .strictObject({
      attempts: z.number().int().min(1).max(10).default(4),
      baseDelayMs: z.number().min(0).max(60_000).default(500),
      maxDelayMs: z.number().min(0).max(300_000).default(20_000),
    })
    .prefault({}),
  rateLimit: z
    .union([
      z.literal(false),
      z.strictObject({ requests: z.number().int().min(1), windowMs: z.number().positive().max(3_600_000) }),
    ])
    .default({ requests: 95, windowMs: 10_000 }),
  timeoutMs: z.number().int().positive().max(900_000).default(30_000),
  maxResponseBytes: z.number().int().positive().max(MAX_RESPONSE_MB_LIMIT * 1024 * 1024).default(DEFAULT_MAX_RESPONSE_BYTES),
  onEvent: z.custom<IscClientEventListener>(isFunction, 'must be a function').optional(),
  signal: z.custom<AbortSignal>((v) => v instanceof AbortSignal, 'must be an AbortSignal').optional(),
  now: z.custom<() => number>(isFunction, 'must be a function').optional(),
});

export type NormalizedIscClientConfig = Readonly<z.output<typeof configSchema>>;

/** Validate and default once (STYLE: normalize options once); throws ConfigError naming fields. */
export function normalizeIscClientConfig(config: IscClientConfig): NormalizedIscClientConfig {
  if (typeof config !== 'object' || config === null) throw new ConfigError('Invalid ISC client config: expected an object');
  const parsed = configSchema.safeParse(config);
  if (!parsed.success) throw configErrorFromZod('ISC client config', parsed.error);
  return Object.freeze(parsed.data);
}
