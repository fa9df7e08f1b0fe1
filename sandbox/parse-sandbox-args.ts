import { parseArgs } from 'node:util';
import { didYouMean } from '../lambdas/core/closest-match.js';

export interface SandboxArgs {
  readonly port: number;
  readonly clients: number;
  readonly pats: number;
  readonly seed: number;
  readonly specSparse: boolean;
}

export const SANDBOX_USAGE = `Usage: npm run sandbox -- [--port N] [--clients N] [--pats N] [--seed N] [--spec-sparse]

A local fake ISC tenant for curl, the CLI and the demo: OAuth clients and personal access tokens
on /v3, /beta, /v2024, /v2025, /v2026 and the per-service /oauth-clients/v1 paths, with its own
throwaway PAT. It prints export lines to paste into another shell before "npm run janitor -- plan".

  --port N        listen on 127.0.0.1:N (default 8787; 0 picks a free port)
  --clients N     seeded OAuth clients (default 40)
  --pats N        seeded personal access tokens (default 12)
  --seed N        seed of the generated tenant: the same seed, the same tenant (default 1)
  --spec-sparse   answer as sparsely as SailPoint's OpenAPI spec allows (fields left out)
  -h, --help      this help`;

const OPTIONS = {
  port: { type: 'string', default: '8787' },
  clients: { type: 'string', default: '40' },
  pats: { type: 'string', default: '12' },
  seed: { type: 'string', default: '1' },
  'spec-sparse': { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

/** `npm run sandbox -- ...` arguments: help, the sandbox's options, or a one-line error naming the flag. */
export function parseSandboxArgs(argv: readonly string[]): { help: true } | { args: SandboxArgs } | { error: string } {
  const { tokens = [], values } = parseArgs({ args: [...argv], options: OPTIONS, strict: false, allowPositionals: true, tokens: true });
  for (const token of tokens) {
    if (token.kind === 'positional') return { error: `unexpected argument "${token.value}"` };
    if (token.kind === 'option' && !(token.name in OPTIONS)) {
      return { error: `unknown flag ${token.rawName}.${didYouMean(token.name, Object.keys(OPTIONS), (name) => `--${name}`)}` };
    }
  }
  if (values.help === true) return { help: true };
  const numbers: Partial<Record<'port' | 'clients' | 'pats' | 'seed', number>> = {};
  for (const name of ['port', 'clients', 'pats', 'seed'] as const) {
    const text = values[name];
    const value = typeof text === 'string' && /^\d+$/.test(text.trim()) ? Number(text) : NaN;
    if (!Number.isSafeInteger(value) || (name === 'port' && value > 65_535)) {
      return { error: `--${name} needs a whole number${name === 'port' ? ' from 0 to 65535' : ' (0 or more)'}, e.g. --${name} ${OPTIONS[name].default}` };
    }
    numbers[name] = value;
  }
  return { args: { port: numbers.port!, clients: numbers.clients!, pats: numbers.pats!, seed: numbers.seed!, specSparse: values['spec-sparse'] === true } };
}
