import { STATUS_CODES } from 'node:http';
import { jsonReply, type Reply, type SandboxRequest } from './sandbox-http.js';

/**
 * Bodies for the faults that are not ISC's own errors: the HTML a proxy, load balancer or
 * maintenance page sends instead of JSON, a JSON body cut off half-way, a redirect, an echo.
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

/** A redirect elsewhere; the request itself is not processed. */
export function redirectReply(status: number, location: string): Reply {
  return { status, headers: { location, 'content-type': 'text/html; charset=utf-8' }, body: '' };
}

/**
 * A 500 that echoes every secret the request carried (the PAT secret of a token request, the
 * bearer token of an API call) plus `patSecret`, in all three places an error can show them:
 * the status text, the trackingId and messages[].text.
 */
export function echoSecretReply(request: SandboxRequest, patSecret: string): Reply {
  const sent = new URLSearchParams(request.body).get('client_secret') ?? '';
  const echoed = [sent, request.headers.authorization ?? '', patSecret].filter((value) => value !== '').join(' ');
  const reply = jsonReply(500, {
    detailCode: '500.0 Internal Fault',
    trackingId: patSecret,
    messages: [{ locale: 'en-US', localeOrigin: 'DEFAULT', text: `could not handle ${echoed}` }],
    causes: [],
  });
  return { ...reply, statusText: `Internal Fault ${echoed}`.replace(/[^\t\x20-\x7e]/g, '?') };
}
