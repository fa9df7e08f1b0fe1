import { readFile } from 'node:fs/promises';
import { ConfigError } from '../../lambdas/core/config-error.js';
import { DEFAULT_POLICY, parsePolicyJson, type Policy } from '../../lambdas/core/model/policy.js';

/** `--policy FILE`, validated; without the flag, the defaults (report mode). */
export async function readPolicyFile(path: string | undefined): Promise<Policy> {
  if (!path) return DEFAULT_POLICY;
  return parsePolicyJson(await readText(path), `policy file ${path}`);
}

/**
 * `--policy FILE` as written, validated alone but without the defaults filled in, for merging over
 * another policy: a field the file leaves out must not override the other policy's.
 */
export async function readPolicyInput(path: string): Promise<unknown> {
  const text = await readText(path);
  parsePolicyJson(text, `policy file ${path}`);
  return JSON.parse(text) as unknown;
}

async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`Cannot read --policy ${path}: ${(error as NodeJS.ErrnoException).code ?? 'error'}; check the path`, ['--policy']);
  }
}
