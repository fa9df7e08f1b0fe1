import { COMMAND_SPECS, COMMANDS, FLAGS, type FlagName } from './cli-commands.js';

/** Markers around the generated table in docs/cli.md. */
export const FLAG_TABLE_START = '<!-- flag table: generated from bin/cli/cli-commands.ts by flagTableMarkdown(); test/docs/cli-docs.test.ts checks it -->';
export const FLAG_TABLE_END = '<!-- end of flag table -->';

const cell = (text: string): string => text.replace(/\|/g, '\\|');

/**
 * docs/cli.md's table of every flag, made from the same table as the parser and every --help:
 * which commands take it and what it does (a command's own wording, where it has one, follows).
 */
export function flagTableMarkdown(): string {
  const rows = (Object.keys(FLAGS) as FlagName[]).map((name) => {
    const flag = FLAGS[name];
    const commands = name === 'help' ? COMMANDS : COMMANDS.filter((command) => (COMMAND_SPECS[command].flags as readonly FlagName[]).includes(name));
    const own = commands.flatMap((command) => {
      const text = (COMMAND_SPECS[command] as { flagHelp?: Partial<Record<FlagName, string>> }).flagHelp?.[name];
      return text === undefined ? [] : [`${command}: ${text}`];
    });
    const usage = `\`--${name}${'value' in flag ? ` ${flag.value}` : ''}\`${'short' in flag ? `, \`-${flag.short}\`` : ''}`;
    return `| ${usage} | ${commands.join(', ')} | ${cell([flag.help, ...own].join('. '))} |`;
  });
  return [FLAG_TABLE_START, '| flag | commands | what it does |', '|---|---|---|', ...rows, FLAG_TABLE_END].join('\n');
}
