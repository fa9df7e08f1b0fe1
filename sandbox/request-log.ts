import type { Fault } from './sandbox-types.js';

/** Helpers for `Sandbox.requests` entries: what a fault is called, and what of a query is kept. */

/** The raw query, except that a client_secret sent as a query parameter never reaches the log. */
export function redactQuery(params: URLSearchParams, search: string): string {
  if (!params.has('client_secret')) return search.slice(1);
  const copy = new URLSearchParams(params);
  copy.set('client_secret', '[REDACTED]');
  return copy.toString();
}

export function describeFault(fault: Fault): string {
  switch (fault.kind) {
    case 'status':
      return `status:${fault.status}`;
    case 'html':
      return `html:${fault.status ?? 200}`;
    case 'delay':
      return `delay:${fault.ms}`;
    case 'redirect':
      return `redirect:${fault.status ?? 307}`;
    default:
      return fault.kind;
  }
}
