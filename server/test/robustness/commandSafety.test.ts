/**
 * Command safety, as properties over arbitrary strings (client/src/test-unit/engineCommand.test.ts
 * has the exact argv per engine and a list of hostile examples; this adds what a list cannot):
 * whatever a stage name, path, tag template, build arg, platform, builder, context, shell or extra
 * flag holds — spaces, quotes, `;`, `$()`, backticks, newlines, NUL, a leading `-`, non-ASCII — the
 * builder either refuses it with a message for the user, or puts it in the argv as exactly one
 * element, unsplit and uninterpreted, where it belongs; nothing it did not mean becomes an option.
 * The argv goes to a `ProcessExecution` (client/src/buildTask.ts): no shell ever reads it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { defaultSettings, type BuildSettings } from '../../src/protocol';

// The builder lives in the client project, which the server project may not import; loaded at run
// time (like server/test/engineCommand.test.ts does) and typed here by what this test uses.
interface Invocation {
  command: string;
  args: string[];
  env: Record<string, string>;
  tag: string;
}
interface InvocationInput {
  engine?: string;
  dockerfile: string;
  contextDir: string;
  stage: string;
  isLast?: boolean;
  settings: BuildSettings;
  folderName: string;
}
interface EngineCommandModule {
  buildInvocation(input: InvocationInput): Invocation;
  shellInvocation(input: InvocationInput, options?: { interactive?: boolean; shellArgs?: string[] }): Invocation;
  isValidImageReference(ref: string): boolean;
  EngineCommandError: new (message: string) => Error;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const engine = require('../../../client/src/engineCommand') as EngineCommandModule;

const SEED = 1_010;
const RUNS = 3000;

/** Strings built from the characters that break shells and option parsers, plus anything at all. */
const HOSTILE = [' ', '\t', '\n', '\r', '\0', '"', "'", '`', '$', '$(', ')', '${', '}', ';', '&', '|', '>', '<', '*', '?', '[', ']', '~', '\\', '#', '=', ',', '-', '--', '-f', '--target', 'é', '日本', '😀', '\u202e', 'a', 'Z', '0', '.', '/', ':', '@'];
const hostile = fc.oneof(
  fc.array(fc.constantFrom(...HOSTILE), { maxLength: 8 }).map((parts) => parts.join('')),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.stringMatching(/^[a-z][a-z0-9._-]{0,10}$/),
);
const ENGINES = ['docker', 'podman', 'buildah', 'nerdctl', '/usr/local/bin/docker', 'C:\\Program Files\\Docker\\docker.exe'];

const settingsArb: fc.Arbitrary<BuildSettings> = fc.record({
  engine: fc.constantFrom(...ENGINES),
  context: fc.constant(''),
  tagTemplate: fc.oneof(fc.constant('${folder}-${stage}:dev'), hostile, hostile.map((h) => `${h}\${stage}`)),
  buildArgs: fc.dictionary(hostile, hostile, { maxKeys: 3 }),
  extraFlags: fc.array(hostile, { maxLength: 3 }),
  platform: fc.oneof(fc.constant(''), hostile),
  builder: fc.oneof(fc.constant(''), fc.constant(''), hostile),
  dockerContext: fc.oneof(fc.constant(''), fc.constant(''), hostile),
  buildkit: fc.constantFrom('', '0', '1'),
  shell: fc.oneof(fc.constant('sh'), hostile),
});

const inputArb = fc.record({
  dockerfile: fc.oneof(hostile.map((h) => `/w/${h}/Dockerfile`), hostile),
  contextDir: fc.oneof(hostile.map((h) => `/w/${h}`), hostile),
  stage: hostile,
  isLast: fc.boolean(),
  settings: settingsArb,
  folderName: hostile,
});

/** Runs the builder; a refusal must be an EngineCommandError with a message, anything else is a bug. */
function attempt(f: () => Invocation): Invocation | undefined {
  try {
    return f();
  } catch (e) {
    assert.ok(e instanceof engine.EngineCommandError, `not a refusal: ${(e as Error)?.stack ?? e}`);
    assert.ok(e.message.length > 10 && !e.message.includes('undefined'), `unclear refusal: ${e.message}`);
    return undefined;
  }
}

/** The value after `flag`, checking the flag occurs exactly once. */
function valueOf(args: string[], flag: string): string {
  assert.equal(args.filter((a) => a === flag).length, 1, `${flag} once in ${JSON.stringify(args)}`);
  return args[args.indexOf(flag) + 1];
}

/** Where a path given by the user ends up: itself, or `./…` when it starts with '-'. */
const asPath = (p: string) => (p.startsWith('-') ? `./${p}` : p);

test('build: every value is refused with a message or is exactly one argv element where it belongs', () => {
  let built = 0;
  let refused = 0;
  fc.assert(
    fc.property(inputArb, (input) => {
      const inv = attempt(() => engine.buildInvocation(input));
      if (!inv) {
        refused++;
        return;
      }
      built++;
      const { args, command } = inv;
      assert.equal(command, input.settings.engine);
      assert.ok(args.every((a) => typeof a === 'string'), 'argv of strings');
      // The Dockerfile and the context: one element each, untouched (./ before a leading '-').
      assert.equal(valueOf(args, '-f'), asPath(input.dockerfile));
      assert.equal(args[args.length - 1], asPath(input.contextDir));
      // The stage: refused when it could be an option or holds whitespace / control characters;
      // otherwise it is the --target value as is (the last stage has no --target).
      assert.ok(!input.stage.startsWith('-') && !/[\s\p{Cc}]/u.test(input.stage) && input.stage !== '');
      if (!input.isLast) assert.equal(valueOf(args, '--target'), input.stage);
      else assert.ok(!args.includes('--target') || input.settings.extraFlags.includes('--target'));
      // The tag: a valid image reference, so never an option and never a second word.
      assert.equal(valueOf(args, '-t'), inv.tag);
      assert.ok(engine.isValidImageReference(inv.tag), inv.tag);
      // Build args: `NAME=value` as one element; the name cannot smuggle in '=' or an option.
      for (const [name, value] of Object.entries(input.settings.buildArgs)) {
        assert.ok(args.includes(`${name}=${value}`), `build arg ${JSON.stringify(name)}`);
        assert.ok(name !== '' && !name.includes('=') && !name.startsWith('-'));
      }
      // Option values the user set: trimmed, never starting with '-', one element after their flag.
      const platform = input.settings.platform.trim();
      if (platform) assert.equal(valueOf(args, '--platform'), platform);
      assert.ok(!platform.startsWith('-'));
      // Extra flags are the user's own argv elements: each passed through as one element.
      for (const flag of input.settings.extraFlags) assert.ok(args.includes(flag));
      const expected =
        2 /* -f F */ + 2 /* -t T */ + 1 /* context */ + (input.isLast ? 0 : 2) + (platform ? 2 : 0) + 2 * Object.keys(input.settings.buildArgs).length + input.settings.extraFlags.length;
      const sub = args.findIndex((a) => a === 'build' || a === 'bud');
      assert.ok(sub >= 0, 'a build subcommand');
      assert.equal(args.length - sub - 1 - (args.includes('--load') ? 3 : 0) - (args.includes('--buildkit-host') ? 2 : 0), expected, JSON.stringify(args));
    }),
    { seed: SEED, numRuns: RUNS },
  );
  assert.ok(built > RUNS / 20 && refused > RUNS / 20, `built ${built}, refused ${refused}`);
});

test('shell: the shell is one program or refused, the tag is a valid reference, extra shell args stay single', () => {
  fc.assert(
    fc.property(inputArb, fc.array(hostile, { maxLength: 3 }), (input, shellArgs) => {
      const inv = attempt(() => engine.shellInvocation(input, { shellArgs }));
      if (!inv) return;
      const shell = input.settings.shell || 'sh';
      assert.ok(!shell.startsWith('-') && !/[\s\p{Cc}]/u.test(shell), `shell ${JSON.stringify(shell)} accepted`);
      assert.equal(valueOf(inv.args, '--entrypoint'), shell);
      assert.ok(engine.isValidImageReference(inv.tag));
      const image = inv.args.indexOf(inv.tag, inv.args.indexOf('--entrypoint') + 2);
      assert.deepEqual(inv.args.slice(image + 1), shellArgs);
      // buildah cannot run an image interactively; its shell step runs podman on the same image store.
      assert.equal(inv.command, input.settings.engine === 'buildah' ? 'podman' : input.settings.engine);
    }),
    { seed: SEED + 1, numRuns: RUNS },
  );
});

test('the documented hostile names: refused with a message, or passed whole', () => {
  const base = { dockerfile: '/w/app/Dockerfile', contextDir: '/w/app', folderName: 'app', settings: { ...defaultSettings.build } };
  const refusedNames: [string, RegExp][] = [
    ['-rf', /would be read as an option/],
    ['--target', /would be read as an option/],
    ['a b', /spaces or control characters/],
    ['a\nb', /spaces or control characters/],
    ['a\u0000b', /spaces or control characters/],
    ['', /No stage given/],
    ['3', /unnamed and not the last stage/],
  ];
  for (const [stage, message] of refusedNames) {
    assert.throws(() => engine.buildInvocation({ ...base, stage }), (e: unknown) => e instanceof engine.EngineCommandError && message.test((e as Error).message), stage);
  }
  for (const stage of ['$(id)', '${HOME}', '`id`', 'a;b', "it's", '"q"', 'ünï', '日本', 'a|b', 'a&&b', '>out']) {
    const { args, tag } = engine.buildInvocation({ ...base, stage });
    assert.equal(args[args.indexOf('--target') + 1], stage);
    assert.equal(args.filter((a) => a.includes(stage)).length, 1, `${stage} once`);
    assert.ok(engine.isValidImageReference(tag), tag);
  }
});
