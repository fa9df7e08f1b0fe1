import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { pythonTool } from './python-tool.js';

/**
 * moto in server mode: an independent AWS emulator (Secrets Manager stages, S3 Object Lock,
 * DynamoDB conditions, SNS, SQS...) for tests where AWS semantics matter. `npm test` installs it
 * into .venv first (scripts/ensure-python-tools.sh).
 *
 * One server per test file: it starts in well under a second and holds ~60-100 MB, files never
 * share state, and a file that crashes takes only its own server down.
 *
 * ```ts
 * let moto: MotoServer;
 * beforeAll(async () => { moto = await startMoto(); });
 * afterAll(() => moto?.stop());
 *
 * const secrets = new SecretsManagerClient(motoClientConfig(moto));
 * const s3 = new S3Client(motoS3Config(moto));
 * const name = uniqueName('rotation'); // tests in a file share the server: never reuse a name
 * ```
 *
 * Lambda runs as moto's stub (`use_docker: false`; there is no Docker here): a function created
 * in moto "runs" by returning its payload, so `RotateSecret` with its ARN succeeds without running
 * any code. See moto-server.test.ts for exactly what this moto version does.
 */
export interface MotoServer {
  /** `http://127.0.0.1:<port>` */
  readonly endpoint: string;
  readonly region: string;
  /** The moto_server process: the only process stop() ends. */
  readonly pid: number;
  /** Ends the server (its own PID) and waits until it has exited. Safe to call twice. */
  stop(): Promise<void>;
}

/** Static fake credentials: moto checks none, and no real account can ever be reached with them. */
export interface MotoClientConfig {
  readonly endpoint: string;
  readonly region: string;
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
}

const REGION = 'us-east-1';
/** Up to the line end, so a port split across two pipe chunks is never read half. */
const LISTENING = /Running on http:\/\/127\.0\.0\.1:(\d+)\r?\n/;
/** Generous for a loaded 2-core machine; a healthy start takes ~0.3 s. */
const START_TIMEOUT_MS = 20_000;
const READY_TRIES = 50;
const READY_PAUSE_MS = 20;
const STOP_TIMEOUT_MS = 5_000;
const OUTPUT_KEPT = 4_000;

export async function startMoto(): Promise<MotoServer> {
  const motoServer = pythonTool('moto_server');
  // Port 0: the kernel picks a free port and moto prints it, so no other process can take it
  // between our choosing and moto binding it.
  const child = spawn(motoServer, ['-H', '127.0.0.1', '-p', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PYTHONUNBUFFERED: '1', NO_COLOR: '1' },
  });
  const killOnExit = (): void => void child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  let output = '';
  // Keep draining both pipes for the server's whole life: werkzeug logs every request, and a full
  // pipe would block moto mid-test.
  const port = new Promise<number>((resolve, reject) => {
    const fail = (error: Error): void => {
      clearTimeout(timer);
      reject(error);
    };
    const timer = setTimeout(() => fail(new Error(`moto_server did not listen within ${START_TIMEOUT_MS} ms:\n${output}`)), START_TIMEOUT_MS);
    const onData = (chunk: Buffer): void => {
      output = (output + chunk.toString('utf8')).slice(-OUTPUT_KEPT);
      const match = LISTENING.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('error', fail);
    void exited.then(() => fail(new Error(`moto_server exited before it listened (code ${child.exitCode}):\n${output}`)));
  });

  const stop = async (): Promise<void> => {
    process.removeListener('exit', killOnExit);
    await stopChild(child, exited);
  };
  try {
    const endpoint = `http://127.0.0.1:${await port}`;
    await configure(endpoint);
    // It printed its port, so it was spawned and has a PID.
    return { endpoint, region: REGION, pid: child.pid!, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Config for any AWS SDK v3 client: `new SecretsManagerClient(motoClientConfig(moto))`. */
export function motoClientConfig(moto: MotoServer): MotoClientConfig {
  return { endpoint: moto.endpoint, region: moto.region, credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } };
}

/** S3 needs path-style addressing: `bucket.127.0.0.1` does not resolve. */
export function motoS3Config(moto: MotoServer): MotoClientConfig & { readonly forcePathStyle: true } {
  return { ...motoClientConfig(moto), forcePathStyle: true };
}

/** A resource name no other test in the run uses (S3 bucket rules: lowercase, digits, dashes). */
export function uniqueName(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

/**
 * Proves moto answers, and switches Lambda to moto's stub in the same request. The port is bound
 * before moto prints it, so this normally succeeds on the first try; the bounded retries cover a
 * server that is still importing its routes.
 */
async function configure(endpoint: string): Promise<void> {
  let lastError: unknown;
  for (let attempt = 0; attempt < READY_TRIES; attempt++) {
    try {
      const response = await fetch(`${endpoint}/moto-api/config`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ lambda: { use_docker: false } }),
      });
      if (response.ok) return;
      lastError = new Error(`POST /moto-api/config answered ${response.status}`);
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, READY_PAUSE_MS));
  }
  throw new Error(`moto at ${endpoint} did not answer after ${READY_TRIES} tries`, { cause: lastError });
}

async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}
