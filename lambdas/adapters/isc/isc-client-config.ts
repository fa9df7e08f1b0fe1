import * as z from 'zod';
import { ConfigError, configErrorFromZod } from '../../core/config-error.js';
import type { IscClientEventListener } from './isc-client-event.js';

export const API_VERSIONS = ['v3', 'beta', 'v2024', 'v2025'] as const;
export type IscApiVersion = (typeof API_VERSIONS)[number];

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
  /** Client-side pacing of API calls (token calls excluded). `false` turns it off. @default 95 per 10_000 ms */
  readonly rateLimit?: { readonly requests: number; readonly windowMs: number } | false;
  /** Per request, until the response headers arrive. @default 30_000 */
  readonly timeoutMs?: number;
  readonly onEvent?: IscClientEventListener;
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
  onEvent: z.custom<IscClientEventListener>(isFunction, 'must be a function').optional(),
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
