import type { IncomingHttpHeaders } from 'node:http';

/**
 * What the route handlers see and return. Handlers build a `Reply` instead of writing to the
 * socket so the server can still apply a fault (truncate the body, add latency) afterwards.
 */
export interface SandboxRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface Reply {
  status: number;
  /** The reason phrase; Node's default for the status when absent. */
  statusText?: string;
  headers: Record<string, string>;
  body: string;
}

export function jsonReply(status: number, body: unknown, headers: Record<string, string> = {}): Reply {
  return {
    status,
    headers: { 'content-type': 'application/json;charset=utf-8', ...headers },
    body: JSON.stringify(body),
  };
}

export function emptyReply(status: number): Reply {
  return { status, headers: {}, body: '' };
}

/** The media type without parameters, lower-cased: 'application/json-patch+json'. */
export function mediaType(headers: IncomingHttpHeaders): string {
  return (headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}
