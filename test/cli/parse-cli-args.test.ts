import { describe, expect, it } from 'vitest';
import { UsageError } from '../../bin/cli/cli-io.js';
import { COMMAND_SPECS, COMMANDS, FLAGS, type FlagName } from '../../bin/cli/cli-commands.js';
import { USAGE } from '../../bin/cli/cli-usage.js';
import { parseCliArgs } from '../../bin/cli/parse-cli-args.js';

describe('parseCliArgs', () => {
  it('parses a command with its flags', () => {
    expect(parseCliArgs(['run', '--policy', 'p.json', '--json', 'r.json', '--dry-run', '--tenant', 'acme', '--api-version', 'beta'])).toEqual({
      command: 'run',
      flags: { policy: 'p.json', json: 'r.json', dryRun: true, example: false, force: false, help: false, tenant: 'acme', apiVersion: 'beta' },
    });
  });

  it('accepts --flag=value', () => {
    expect(parseCliArgs(['plan', '--policy=p.json']).flags.policy).toBe('p.json');
  });

  it('asks for the overview without a command or with "help"', () => {
    expect(parseCliArgs([])).toEqual({ command: undefined, flags: { dryRun: false, example: false, force: false, help: true } });
    expect(parseCliArgs(['help']).command).toBeUndefined();
    expect(parseCliArgs(['--help']).command).toBeUndefined();
  });

  it('keeps the command with --help or -h, so each command has its own help', () => {
    expect(parseCliArgs(['plan', '--help'])).toMatchObject({ command: 'plan', flags: { help: true } });
    expect(parseCliArgs(['demo', '-h'])).toMatchObject({ command: 'demo', flags: { help: true } });
  });

  it('rejects an unknown command, naming the known ones', () => {
    expect(() => parseCliArgs(['purge'])).toThrow(
      new UsageError('unknown command "purge".\nCommands: plan, run, demo, create-client, history, evidence, tenants, enable, rotate-secret, revoke; "npm run janitor -- --help" describes them.'),
    );
  });

  it('rejects an unknown flag', () => {
    expect(() => parseCliArgs(['plan', '--purge'])).toThrow(UsageError);
    expect(() => parseCliArgs(['plan', '--purge'])).toThrow('unknown flag --purge for "plan".\n"npm run janitor -- plan --help" lists its flags.');
  });

  it.each([
    [['plan', '--dry-run'], '--dry-run is not a flag of "plan"'],
    [['demo', '--policy', 'p.json'], '--policy is not a flag of "demo"'],
    [['demo', '--tenant', 'acme'], '--tenant is not a flag of "demo"'],
    [['create-client', '--json', 'r.json'], '--json is not a flag of "create-client"'],
  ])('rejects %j: a flag the command does not take', (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(message);
  });

  it('rejects a flag without its value, or with an empty one', () => {
    expect(() => parseCliArgs(['plan', '--policy'])).toThrow(UsageError);
    expect(() => parseCliArgs(['plan', '--policy', ' '])).toThrow('--policy needs a value');
  });

  it('rejects an extra positional argument', () => {
    expect(() => parseCliArgs(['plan', 'now'])).toThrow('unexpected argument "now" for plan');
  });

  it('rejects a value given to a boolean flag', () => {
    expect(() => parseCliArgs(['run', '--dry-run=yes'])).toThrow(UsageError);
  });

  it.each(COMMANDS)('accepts exactly the flags the help of %s lists', (command) => {
    const listed = [...USAGE[command].matchAll(/^ {2}(?:-\w, )?--([a-z-]+)/gm)].map((match) => match[1] as FlagName);
    expect(listed).toEqual([...COMMAND_SPECS[command].flags, 'help']);
    for (const flag of listed) {
      const argv = FLAGS[flag].type === 'string' ? [command, `--${flag}`, 'x'] : [command, `--${flag}`];
      expect(() => parseCliArgs(argv)).not.toThrow();
    }
  });
});
