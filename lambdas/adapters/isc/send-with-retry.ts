import { bodyExcerpt } from './body-excerpt.js';
import type { IscResponse } from './decode-response.js';
import { IscApiError } from '../../core/isc-api-error.js';
import type { IscClientEventListener } from './isc-client-event.js';
import type { RequestLimiter } from './request-limiter.js';
import { DEFAULT_MAX_RESPONSE_BYTES } from './isc-client-config.js';
import { readCappedBody, ResponseTooLargeError } from './read-capped-body.js';
import { decideRetry, parseRetryAfter, type AttemptOutcome, type RetrySettings } from './retry-policy.js';

/**
 * One logical request with bounded retries. Why a loop of our own instead of ky's `retry`:
 * ky 1.14 checks `retry.methods` before `shouldRetry`, and a `shouldRetry` that says `true`
 * skips Retry-After, so "429 for every method, exactly Retry-After; 5xx only when idempotent"
 * needs per-request contortions; ky's `beforeRetry` also never learns the delay (needed for
 * events) and its timeout stops at the headers, not the body. So ky runs each attempt with
 * `retry: 0` and `throwHttpErrors: false`; this loop decides, waits and reports.
 *
 * Returns the last response (any status it did not retry); throws IscApiError only when no
 * response arrived (network, timeout). 401 handling belongs to the caller.
 */
export interface SendOptions {
  readonly method: string;
  readonly path: string;
  readonly idempotent: boolean;
  readonly retry: RetrySettings;
  readonly emit: IscClientEventListener;
  /** The largest body read, in bytes; a larger one fails the request (never retried). @default DEFAULT_MAX_RESPONSE_BYTES */
  readonly maxResponseBytes?: number;
  /** Whole-attempt budget (headers and body); undefined = no limit. */
  readonly timeoutMs?: number;
  /** The run's stop signal: cuts the attempt in flight and the wait before a retry; never retried. */
  readonly signal?: AbortSignal;
  /** API calls are paced; token calls pass none. */
  readonly limiter?: RequestLimiter | undefined;
  /** Starts one attempt; must honour `signal`. ky's ResponsePromise fits. */
  readonly send: (signal: AbortSignal) => Promise<Response>;
  /** Waits before a retry; must end early when `signal` aborts. */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

const realSleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });

type Attempt =
  | { readonly ok: true; readonly res: IscResponse }
  | { readonly ok: false; readonly kind: 'network' | 'timeout'; readonly detail: string }
  | { readonly ok: false; readonly kind: 'aborted'; readonly detail: string }
  | { readonly ok: false; readonly kind: 'too-large'; readonly detail: string };

async function attemptOnce(options: SendOptions): Promise<Attempt> {
  const controller = new AbortController();
  const stop = options.signal;
  const onStop = () => controller.abort();
  stop?.addEventListener('abort', onStop, { once: true });
  let timedOut = false;
  const timer =
    options.timeoutMs === undefined
      ? undefined
      : setTimeout(() => {
          timedOut = true;
          controller.abort();
        }, options.timeoutMs);
  try {
    const response = await options.send(controller.signal);
    // Inside the attempt: a body cut off mid-way is a network failure. Streamed up to the cap.
    const text = await readCappedBody(response, options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES);
    return {
      ok: true,
      res: {
        status: response.status,
        statusText: response.statusText,
        contentType: response.headers.get('content-type') ?? '',
        retryAfter: response.headers.get('retry-after'),
        location: response.headers.get('location'),
        text,
      },
    };
  } catch (error) {
    if (error instanceof ResponseTooLargeError) return { ok: false, kind: 'too-large', detail: error.message };
    if (stop?.aborted) return { ok: false, kind: 'aborted', detail: stopReason(stop) };
    if (timedOut) return { ok: false, kind: 'timeout', detail: `no complete response within ${options.timeoutMs} ms` };
    return { ok: false, kind: 'network', detail: describeNetworkError(error) };
  } finally {
    if (timer) clearTimeout(timer);
    stop?.removeEventListener('abort', onStop);
  }
}

/** The words the run put in its signal (`the run reached its time limit ...`). */
function stopReason(signal: AbortSignal): string {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason.message : 'the run was stopped';
}

function stoppedError(method: string, path: string, signal: AbortSignal): IscApiError {
  return new IscApiError(`${method} ${path} failed: ${stopReason(signal)}`, { kind: 'aborted', method, path });
}

/** `ECONNRESET: other side closed`: code and message of the root cause only, never the request. */
function describeNetworkError(error: unknown): string {
  const root = (error as { cause?: unknown })?.cause ?? error;
  const code = (root as { code?: unknown })?.code;
  const message = root instanceof Error ? root.message : String(root);
  return bodyExcerpt(`${typeof code === 'string' ? `${code}: ` : ''}${message}`, 120);
}

export async function sendWithRetry(options: SendOptions): Promise<IscResponse> {
  const { method, path, emit } = options;
  const sleep = options.sleep ?? realSleep;
  const stop = options.signal;
  let unanswered = false;
  for (let attempt = 1; ; attempt++) {
    if (stop?.aborted) throw stoppedError(method, path, stop);
    const slot = await options.limiter?.acquire();
    if (stop?.aborted) {
      slot?.done();
      throw stoppedError(method, path, stop);
    }
    if (slot && slot.waitedMs > 0) emit({ type: 'paced', method, path, waitMs: slot.waitedMs });
    // The limiter frees a slot relative to when its response headers arrived (see
    // request-limiter.ts), so they are reported as soon as they arrive, before the body is read.
    const send = async (signal: AbortSignal): Promise<Response> => {
      let response: Response;
      try {
        response = await options.send(signal);
      } catch (error) {
        slot?.done(); // no response: network error or timeout
        throw error;
      }
      slot?.done(response.status);
      return response;
    };
    const result = await attemptOnce({ ...options, send });
    if (!result.ok && result.kind === 'aborted') throw stoppedError(method, path, stop as AbortSignal);
    // Over the cap: failed for good, as large again on a retry.
    if (!result.ok && result.kind === 'too-large') throw new IscApiError(`${method} ${path} failed: ${result.detail}`, { kind: 'too-large', method, path });
    const outcome: AttemptOutcome = result.ok
      ? { kind: 'status', status: result.res.status, retryAfterMs: parseRetryAfter(result.res.retryAfter) }
      : { kind: result.kind };
    if (outcome.kind === 'status' && outcome.status === 429 && outcome.retryAfterMs !== undefined) {
      options.limiter?.pauseFor(outcome.retryAfterMs); // the whole budget is spent, not just this call's
    }
    const decision = decideRetry(outcome, attempt, options.idempotent, options.retry);
    if (!decision.retry) {
      if (result.ok) return unanswered ? { ...result.res, afterUnansweredAttempt: true } : result.res;
      const what = result.kind === 'timeout' ? 'timed out' : 'network error';
      throw new IscApiError(
        `${method} ${path} failed: ${what} (${result.detail}) after ${attempt} attempt${attempt === 1 ? '' : 's'}`,
        { kind: result.kind, method, path },
      );
    }
    if (!result.ok) unanswered = true;
    if (decision.reason === 'rate-limited') {
      const retryAfterMs = outcome.kind === 'status' ? outcome.retryAfterMs : undefined;
      emit({ type: 'rate-limited', method, path, attempt, delayMs: decision.delayMs, retryAfterMs });
    } else {
      const status = outcome.kind === 'status' ? { status: outcome.status } : {};
      emit({ type: 'retry', method, path, attempt, delayMs: decision.delayMs, reason: decision.reason, ...status });
    }
    await sleep(decision.delayMs, stop);
  }
}
