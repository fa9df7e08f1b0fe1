import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseSandboxArgs, SANDBOX_USAGE } from '../../sandbox/parse-sandbox-args.js';

const ROOT = join(import.meta.dirname, '..', '..');

describe('npm run sandbox -- ...', () => {
  it('--help prints the usage and exits 0 (no stack trace)', async () => {
    const { stdout, stderr } = await promisify(execFile)(join(ROOT, 'node_modules', '.bin', 'tsx'), ['sandbox/main.ts', '--help'], { cwd: ROOT, timeout: 20_000 });
    expect(stdout).toBe(`${SANDBOX_USAGE}\n`);
    expect(stderr).toBe('');
  });

  it('reads its flags, with the defaults', () => {
    expect(parseSandboxArgs([])).toEqual({ args: { port: 8787, clients: 40, pats: 12, seed: 1, specSparse: false } });
    expect(parseSandboxArgs(['--port', '0', '--clients', '5', '--spec-sparse'])).toEqual({ args: { port: 0, clients: 5, pats: 12, seed: 1, specSparse: true } });
    expect(parseSandboxArgs(['-h'])).toEqual({ help: true });
  });

  it('names a bad flag or value in one line', () => {
    expect(parseSandboxArgs(['--prot', '1'])).toEqual({ error: 'unknown flag --prot. Did you mean --port?' });
    expect(parseSandboxArgs(['--clients', '-3'])).toEqual({ error: '--clients needs a whole number (0 or more), e.g. --clients 40' });
    expect(parseSandboxArgs(['--port', '70000'])).toEqual({ error: '--port needs a whole number from 0 to 65535, e.g. --port 8787' });
    expect(parseSandboxArgs(['now'])).toEqual({ error: 'unexpected argument "now"' });
  });
});
