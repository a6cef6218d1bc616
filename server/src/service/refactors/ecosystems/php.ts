/**
 * PHP: `composer install` → the vendor folder (COMPOSER_VENDOR_DIR, else vendor/ of the project), on
 * the original PHP image (its extensions and web server stay); composer and its tools stay in the builder.
 */
import type { Instruction } from 'dockerfile-ast';
import { copiesFromContext } from '../../facts/instructionArgs';
import { commandName, optionValue, type SimpleCommand } from '../../facts/shellCommands';
import { artifact, inCwd } from './hints';
import type { Ecosystem } from './types';

/** Commands that build PHP extensions into the image: they belong to the runtime as much as to the builder. */
export const PHP_EXTENSION_COMMANDS = new Set(['docker-php-ext-install', 'docker-php-ext-configure', 'docker-php-ext-enable', 'pecl', 'install-php-extensions', 'a2enmod']);

export const php: Ecosystem = {
  id: 'php',
  label: 'PHP',
  buildStep(facts) {
    const { argv } = facts.command;
    const name = commandName(argv);
    const composer = name === 'composer' || name === 'composer.phar' || (name === 'php' && /composer(\.phar)?$/.test(argv[1] ?? ''));
    if (!composer) return undefined;
    const sub = name === 'php' ? argv[2] : argv[1];
    if (sub !== 'install' && sub !== 'update') return undefined;
    const project = optionValue(argv, ['-d', '--working-dir']);
    const dir = project ? inCwd(facts, project) : facts.command.cwd;
    const vendor = facts.command.assignments.COMPOSER_VENDOR_DIR ?? facts.env.get('COMPOSER_VENDOR_DIR') ?? 'vendor';
    return { artifacts: [artifact(inCwd({ ...facts, command: { ...facts.command, cwd: dir } }, vendor))], interpreted: true };
  },
  needsToolchain: (command: SimpleCommand) => ['composer', 'phpunit'].includes(commandName(command.argv)),
  alsoInRuntime: (instruction: Instruction) => copiesFromContext(instruction),
};
