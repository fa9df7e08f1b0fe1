import { readFile } from 'node:fs/promises';
import { ConfigError } from '../../lambdas/core/config-error.js';
import { DEFAULT_POLICY, parsePolicyJson, type Policy } from '../../lambdas/core/model/policy.js';

/** `--policy FILE`, validated; without the flag, the defaults (report mode). */
export async function readPolicyFile(path: string | undefined): Promise<Policy> {
  if (!path) return DEFAULT_POLICY;
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`Cannot read --policy ${path}: ${(error as NodeJS.ErrnoException).code ?? 'error'}; check the path`, ['--policy']);
  }
  return parsePolicyJson(text, `policy file ${path}`);
}
