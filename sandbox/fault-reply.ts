import { STATUS_CODES } from 'node:http';
import type { Reply } from './sandbox-http.js';

/**
 * Bodies for the faults that are not ISC's own errors: the HTML a proxy, load balancer or
 * maintenance page sends instead of JSON, and a JSON body cut off half-way.
 */
export function htmlReply(status = 200): Reply {
  const body =
    status === 200
      ? '<!DOCTYPE html><html><head><title>SailPoint Identity Security Cloud</title></head>' +
        '<body><h1>Scheduled maintenance</h1><p>We will be back shortly.</p></body></html>'
      : `<html><head><title>${status} ${STATUS_CODES[status] ?? 'Error'}</title></head>` +
        `<body><center><h1>${status} ${STATUS_CODES[status] ?? 'Error'}</h1></center><hr><center>nginx</center></body></html>`;
  return { status, headers: { 'content-type': 'text/html; charset=utf-8' }, body };
}

/** Status 200 and the first half of the JSON the request would have received. */
export function truncatedReply(reply: Reply): Reply {
  // A 204 has no body to cut: send the start of a plausible client instead.
  const body = reply.body === '' ? '{"id":"2c9180835d2e5168015d32f890ca1581","name":"' : reply.body;
  return {
    status: 200,
    headers: { 'content-type': 'application/json;charset=utf-8' },
    body: body.slice(0, Math.max(1, Math.floor(body.length / 2))),
  };
}
