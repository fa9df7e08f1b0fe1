import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The path of a command that scripts/ensure-python-tools.sh installs into .venv (`moto_server`,
 * `cfn-lint`); when it is missing, the error says how to install it.
 */
export function pythonTool(command: string): string {
  const path = fileURLToPath(new URL(`../../.venv/bin/${command}`, import.meta.url));
  if (!existsSync(path)) {
    throw new Error(`${command} is not installed (${path} is missing): run \`bash scripts/ensure-python-tools.sh\` (npm test runs it first)`);
  }
  return path;
}
