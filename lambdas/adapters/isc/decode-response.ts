import type { z } from 'zod';
import { formatFieldPath } from '../../core/config-error.js';
import { bodyExcerpt } from './body-excerpt.js';
import { IscApiError } from '../../core/isc-api-error.js';
import { errorResponseSchema } from './oauth-client-schemas.js';

/** A fully read response: the body is read inside the attempt so a cut-off body can be retried. */
export interface IscResponse {
  readonly status: number;
  readonly statusText: string;
  readonly contentType: string;
  readonly retryAfter: string | null;
  /** The `Location` header: only a redirect has one, and redirects are never followed. */
  readonly location: string | null;
  /**
   * An earlier attempt of this same call got no complete answer (timed out, connection lost) and
   * was retried: that attempt may have been processed, so this answer can be about its effect.
   */
  readonly afterUnansweredAttempt?: boolean;
  readonly text: string;
}

export interface RequestContext {
  readonly method: string;
  readonly path: string;
}

function isJsonContentType(contentType: string): boolean {
  return /\bjson\b/i.test(contentType);
}

function invalid(ctx: RequestContext, status: number, what: string, detail = ''): IscApiError {
  return new IscApiError(`ISC returned ${what} for ${ctx.method} ${ctx.path} (status ${status})${detail}`, {
    kind: 'invalid-response',
    status,
    method: ctx.method,
    path: ctx.path,
  });
}

/** The JSON of a success body; anything but JSON becomes an IscApiError. */
function parseJsonBody(res: IscResponse, ctx: RequestContext): unknown {
  const type = res.contentType.split(';')[0]?.trim() || 'no content type';
  if (res.text.trim() === '') throw invalid(ctx, res.status, 'an empty body');
  if (!isJsonContentType(res.contentType)) {
    throw invalid(ctx, res.status, `a non-JSON response (${type})`, `: "${bodyExcerpt(res.text)}"`);
  }
  try {
    return JSON.parse(res.text) as unknown;
  } catch {
    // No excerpt: a cut-off create response starts with the new client's secret nearby.
    throw invalid(ctx, res.status, `malformed JSON (${res.text.length} characters; truncated or invalid)`);
  }
}

/** Parse and validate a success body; anything but the documented JSON becomes an IscApiError. */
export function decodeResponse<S extends z.ZodType>(schema: S, res: IscResponse, ctx: RequestContext): z.output<S> {
  const body = parseJsonBody(res, ctx);
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issues = describeIssues(parsed.error, body);
  const more = issues.length > 3 ? ` (+${issues.length - 3} more)` : '';
  throw invalid(ctx, res.status, 'an unexpected response shape', `: ${issues.slice(0, 3).join('; ')}${more}`);
}

/** A list entry that `element` could not read: where it was, its id if readable, and why. */
export interface UnreadableEntry {
  readonly id: string | null;
  readonly position: number;
  readonly problems: readonly string[];
}

/**
 * A JSON array read entry by entry: one entry the schema cannot read is returned apart, with
 * the fields that made it unreadable, and never makes the others unreadable. A body that is not
 * an array at all is an IscApiError, as in decodeResponse.
 */
export function decodeList<S extends z.ZodType>(
  element: S,
  res: IscResponse,
  ctx: RequestContext,
): { items: z.output<S>[]; unreadable: UnreadableEntry[] } {
  const body = parseJsonBody(res, ctx);
  if (!Array.isArray(body)) throw invalid(ctx, res.status, 'an unexpected response shape', `: (root): expected an array, got ${describeValue(body)}`);
  const items: z.output<S>[] = [];
  const unreadable: UnreadableEntry[] = [];
  body.forEach((entry: unknown, position) => {
    const parsed = element.safeParse(entry);
    if (parsed.success) items.push(parsed.data);
    else unreadable.push({ id: readableId(entry), position, problems: describeIssues(parsed.error, entry) });
  });
  return { items, unreadable };
}

function readableId(entry: unknown): string | null {
  const id = typeof entry === 'object' && entry !== null ? (entry as { id?: unknown }).id : undefined;
  return typeof id === 'string' && id.trim() !== '' ? bodyExcerpt(id, 64) : null;
}

/**
 * `enabled: missing`, `internal: expected boolean, got string "yes"`: the field and what was
 * wrong, from the value itself (zod's own wording says "received undefined" for a missing key).
 * Values are cut short: they came from outside.
 */
function describeIssues(error: z.ZodError, input: unknown): string[] {
  return error.issues.map((issue) => {
    const field = formatFieldPath(issue.path);
    const value = valueAt(input, issue.path);
    if (issue.code === 'invalid_type') {
      if (value === undefined) return `${field}: missing`;
      // A secret of the wrong type is still a secret: only its type is named.
      const got = /secret/i.test(String(issue.path.at(-1))) ? typeof value : describeValue(value);
      return `${field}: expected ${issue.expected}, got ${got}`;
    }
    return `${field}: ${issue.message}`;
  });
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let node = input;
  for (const key of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `string ${JSON.stringify(bodyExcerpt(value, 40))}`;
  return `${typeof value} ${String(value)}`;
}

/**
 * Build the error for a non-2xx response. ISC answers with an ErrorResponseDto (400/403/404/500),
 * `{"error": ...}` (401) or `{"message": ...}` (429); proxies answer with HTML.
 * Message: `PATCH /v3/oauth-clients/abc failed: 404 Not found: <texts> (tracking id 123)`.
 */
export function apiErrorFromResponse(res: IscResponse, ctx: RequestContext): IscApiError {
  if (res.status >= 300 && res.status <= 399) return redirectError(res, ctx);
  let body: unknown;
  try {
    body = isJsonContentType(res.contentType) || res.text.trimStart().startsWith('{') ? JSON.parse(res.text) : undefined;
  } catch {
    body = undefined;
  }
  const dto = errorResponseSchema.safeParse(body);
  const detailCode = dto.success ? (dto.data.detailCode ?? undefined) : undefined;
  const trackingId = dto.success ? (dto.data.trackingId ?? undefined) : undefined;
  const messages: string[] = [];
  if (dto.success) {
    for (const m of dto.data.messages ?? []) if (m.text) messages.push(m.text.trim());
    for (const key of ['error', 'message'] as const) {
      const value = (dto.data as Record<string, unknown>)[key];
      if (typeof value === 'string' && value.trim() !== '') messages.push(value.trim());
    }
  }
  const texts = messages.map((m) => bodyExcerpt(m, 200));
  let detail = detailCode ?? `${res.status}${res.statusText ? ` ${res.statusText}` : ''}`;
  if (texts.length > 0) detail += `: ${texts.join('; ')}`;
  else if (!dto.success && res.text.trim() !== '') {
    const type = res.contentType.split(';')[0]?.trim() || 'no content type';
    detail += ` (non-JSON ${type} body: "${bodyExcerpt(res.text)}")`;
  }
  const tracking = trackingId ? ` (tracking id ${trackingId})` : '';
  return new IscApiError(`${ctx.method} ${ctx.path} failed: ${detail}${tracking}`, {
    kind: 'http',
    status: res.status,
    method: ctx.method,
    path: ctx.path,
    detailCode,
    trackingId,
    messages: texts,
  });
}

/**
 * ISC never redirects an API or token call; a 3xx comes from something in between (a proxy, a
 * hijacked DNS name, a misconfigured gateway). It is not followed, so nothing went to that host.
 */
function redirectError(res: IscResponse, ctx: RequestContext): IscApiError {
  const target = res.location === null ? 'without a Location header' : `to ${locationHost(res.location)}`;
  return new IscApiError(
    `${ctx.method} ${ctx.path} failed: redirected (${res.status}) ${target}; redirects are never followed, so nothing was sent there`,
    { kind: 'http', status: res.status, method: ctx.method, path: ctx.path },
  );
}

/** The host a Location points at, never its path or query (they may carry anything). */
function locationHost(location: string): string {
  try {
    return `host ${new URL(location).host}`;
  } catch {
    return 'a relative location on the same host';
  }
}
