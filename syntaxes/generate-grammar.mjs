#!/usr/bin/env node
// Generates syntaxes/dockerfile.tmLanguage.json (scopeName source.dockerfile).
//
//   node syntaxes/generate-grammar.mjs          write the JSON grammar
//   node syntaxes/generate-grammar.mjs --check  exit 1 if the JSON is out of date
//
// The grammar is generated because most rules exist twice: once for the default escape
// character (backslash) and once for files whose parser directives set `# escape=``.
// TextMate grammars keep no state besides the stack of open rules, so the only way to
// remember the escape character is to open a rule on the directive line that never
// closes and holds a copy of every rule written for the backtick. See syntaxes/README.md.
//
// Regexes are Oniguruma (what VS Code's vscode-textmate uses). Conventions used below:
// - Every instruction is a begin/end rule. Its end, END, matches only at the end of a
//   line that is not a line start; the "frame" patterns consume a line continuation, a
//   comment line or an empty line inside the instruction *including the newline*, so
//   END never gets to see the end of a continued line.
// - In an end/while pattern, \N refers to a capture of the rule's own begin match;
//   vscode-textmate substitutes the captured text (regex-escaped) before compiling.

import { writeFileSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const r = String.raw;

// ---------------------------------------------------------------------------------------
// Shared regex fragments
// ---------------------------------------------------------------------------------------

/**
 * End of an instruction: the end of a line that is not empty. vscode-textmate appends
 * "\n" to each line and, after a match that consumed it, still scans once at the very end
 * of the string, where `$` matches too: (?<!\n) keeps END from matching there.
 */
const END = r`(?<!\n)(?!^)$`;
/** Start of a whitespace-delimited word (start of line or after a blank). */
const WORD_START = r`(?<![^ \t])`;
/** End of a whitespace-delimited word. */
const WORD_END = r`(?=[ \t]|$)`;
const VAR_REF = r`\$\{[^}\s]*\}|\$[A-Za-z_][A-Za-z0-9_]*`;
/** A flag value: quoted strings or runs of non-blank characters. */
const FLAG_VALUE = r`(?:"(?:[^"\\]|\\.)*"|'[^']*'|[^\s"'])*`;
const BOOL = r`(?i:true|false)`;

// Image reference: [registry[:port]/]path[:tag][@digest], variables allowed inside parts.
const REGISTRY = r`(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?::[0-9]+)?|localhost(?::[0-9]+)?|[A-Za-z0-9-]+:[0-9]+|\[[0-9A-Fa-f:]+\](?::[0-9]+)?)`;
const imageParts = (v) => {
  const ch = v ? r`(?:[A-Za-z0-9._-]|${VAR_REF})` : r`[A-Za-z0-9._-]`;
  return {
    registry: REGISTRY,
    path: r`${ch}+(?:/${ch}+)*`,
    tag: r`${ch}+`,
    digest: v ? r`(?:[A-Za-z][A-Za-z0-9+._-]*:[A-Za-z0-9=_-]+|${VAR_REF})` : r`[A-Za-z][A-Za-z0-9+._-]*:[A-Za-z0-9=_-]+`,
  };
};

// Heredoc markers (BuildKit: a word matching ^(\d*)<<(-?)(name) where name is a single
// shell word, quoted or not; a quoted name turns off expansion in the body).
const HD_NAME_UNQUOTED = r`[^\s<"']+`;
const HD_NAME_DQ = r`[^"\n]+`;
const HD_NAME_SQ = r`[^'\n]+`;
const HD_MARKER_ANY = r`${WORD_START}\d*<<-?(?:"${HD_NAME_DQ}"|'${HD_NAME_SQ}'|${HD_NAME_UNQUOTED})${WORD_END}`;

const INSTRUCTIONS = [
  'ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL',
  'MAINTAINER', 'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR',
];

const DIRECTIVE_NAMES = r`(?i:syntax|escape|check)`;
/** A line that BuildKit accepts as a parser directive (known name, non-empty value). */
const DIRECTIVE_LINE = r`(?:\x{FEFF})?[ \t]*#[ \t]*${DIRECTIVE_NAMES}[ \t]*=[ \t]*\S`;
/**
 * Start of a top-level line. VS Code strips a byte order mark before tokenizing, other
 * tools (vscode-tmgrammar-test among them) do not; BuildKit ignores it.
 */
const LINE_START = r`^(?:\x{FEFF})?`;

const SHELL_EMBED = 'meta.embedded.block.shell source.shell';

// ---------------------------------------------------------------------------------------
// A tiny regex builder that numbers capture groups as they are opened.
// ---------------------------------------------------------------------------------------

class Rx {
  constructor() {
    this.src = '';
    this.count = 0;
    this.captures = {};
  }
  /** Append raw regex text (must not contain capturing groups). */
  raw(s) {
    this.src += s;
    return this;
  }
  /** Append a capture group; `inner` is a string or a function(rx) adding nested parts. */
  cap(inner, capture) {
    const n = ++this.count;
    this.src += '(';
    if (typeof inner === 'function') inner(this);
    else this.src += inner;
    this.src += ')';
    if (capture) this.captures[n] = capture;
    return n;
  }
}

const scope = (name) => ({ name });

// ---------------------------------------------------------------------------------------
// The grammar
// ---------------------------------------------------------------------------------------

export function buildGrammar() {
  const repository = {};

  // Parser directives: only in the first lines of the file, before anything else.
  repository['prologue'] = {
    comment: 'Parser directives: consecutive directive lines at the very top of the file.',
    begin: r`\A(?=${DIRECTIVE_LINE})`,
    end: r`^(?!${DIRECTIVE_LINE})`,
    patterns: [{ include: '#escape-backtick-file' }, { include: '#directive' }],
  };
  repository['prologue-tail'] = {
    comment: 'Directive lines that follow `# escape=`` `.',
    begin: r`\G`,
    end: r`^(?!${DIRECTIVE_LINE})`,
    patterns: [{ include: '#directive' }],
  };
  repository['escape-backtick-file'] = {
    comment: 'The escape directive sets the backtick: the rest of the file uses the -bt rules. This rule never ends.',
    begin: r`${LINE_START}([ \t]*)(#)([ \t]*)((?i:escape))([ \t]*)(=)([ \t]*)(\`)([ \t]*)$`,
    beginCaptures: {
      0: scope('meta.directive.dockerfile'),
      2: scope('punctuation.definition.directive.dockerfile'),
      4: scope('keyword.other.directive.dockerfile'),
      6: scope('keyword.operator.assignment.dockerfile'),
      8: scope('constant.character.escape.dockerfile'),
    },
    end: r`(?!)`,
    patterns: [{ include: '#prologue-tail' }, { include: '#main-bt' }],
  };
  const directiveRule = (nameRe, valueCapture) => ({
    match: r`${LINE_START}([ \t]*)(#)([ \t]*)(${nameRe})([ \t]*)(=)([ \t]*)(.+?)([ \t]*)$`,
    name: 'meta.directive.dockerfile',
    captures: {
      2: scope('punctuation.definition.directive.dockerfile'),
      4: scope('keyword.other.directive.dockerfile'),
      6: scope('keyword.operator.assignment.dockerfile'),
      8: valueCapture,
    },
  });
  repository['directive'] = {
    patterns: [
      directiveRule(r`(?i:syntax)`, {
        name: 'string.unquoted.directive-value.dockerfile',
        patterns: [{ include: '#image-reference-novar' }],
      }),
      directiveRule(r`(?i:escape)`, {
        patterns: [
          { match: r`(?<=[=\s])[\\\`](?=\s*$)`, name: 'constant.character.escape.dockerfile' },
          { match: r`\S+`, name: 'invalid.illegal.escape-character.dockerfile' },
        ],
      }),
      directiveRule(r`(?i:check)`, {
        name: 'string.unquoted.directive-value.dockerfile',
        patterns: [
          {
            match: r`(?<![^;\s])([A-Za-z]+)(=)`,
            captures: {
              1: scope('variable.parameter.check-option.dockerfile'),
              2: scope('keyword.operator.assignment.dockerfile'),
            },
          },
          { match: ';', name: 'punctuation.separator.semicolon.dockerfile' },
          { match: ',', name: 'punctuation.separator.comma.dockerfile' },
        ],
      }),
    ],
  };

  // Image references without variables (syntax directive, --from, mount from=).
  repository['image-reference-novar'] = imageReferenceRule(imageParts(false), false);

  for (const mode of [
    { sfx: '', esc: r`\\`, embedShell: true },
    { sfx: '-bt', esc: '`', embedShell: false },
  ]) {
    addModeRules(repository, mode);
  }

  return {
    $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
    information_for_contributors: [
      'Generated by syntaxes/generate-grammar.mjs: edit that file and run `node syntaxes/generate-grammar.mjs`.',
    ],
    name: 'Dockerfile',
    scopeName: 'source.dockerfile',
    patterns: [{ include: '#prologue' }, { include: '#main' }],
    repository,
  };
}

function imageReferenceRule(p, withVars) {
  const rx = new Rx();
  const varPatterns = withVars ? { patterns: [{ include: '#variable' }] } : {};
  rx.raw(r`(?<![^ \t=,])`).raw('(?:');
  rx.cap(p.registry, { name: 'entity.name.image.registry.dockerfile', ...varPatterns });
  rx.cap('/', scope('punctuation.separator.registry.dockerfile'));
  rx.raw(')?');
  rx.cap(p.path, { name: 'entity.name.image.dockerfile', ...varPatterns });
  rx.raw('(?:');
  rx.cap(':', scope('punctuation.separator.tag.dockerfile'));
  rx.cap(p.tag, { name: 'constant.other.tag.dockerfile', ...varPatterns });
  rx.raw(')?(?:');
  rx.cap('@', scope('punctuation.separator.digest.dockerfile'));
  rx.cap(p.digest, { name: 'constant.other.digest.dockerfile', ...varPatterns });
  rx.raw(')?').raw(r`(?=[ \t,]|$)`);
  return { match: rx.src, name: 'meta.image-reference.dockerfile', captures: rx.captures };
}

function addModeRules(repo, mode) {
  const { sfx, esc } = mode;
  const inc = (name) => ({ include: `#${name}${sfx}` });
  const def = (name, rule) => {
    repo[name + sfx] = rule;
  };
  /** Characters of an unquoted word (no blanks, quotes, $ or the escape character). */
  const plainRun = r`[^\s"'$${esc === '`' ? '`' : r`\\`}]+`;

  // --- frame: what may appear on any line of a continued instruction -------------------
  def('frame', {
    patterns: [
      {
        comment: 'A comment line inside a continued instruction; BuildKit drops it.',
        match: r`^([ \t]*)((#).*\n?)`,
        captures: {
          2: scope('comment.line.number-sign.dockerfile'),
          3: scope('punctuation.definition.comment.dockerfile'),
        },
      },
      {
        comment: 'Line continuation: the escape character, optionally followed by blanks, at the end of the line (not itself escaped).',
        match: r`(?<!${esc})(${esc})[ \t]*$\n?`,
        captures: { 1: scope('constant.character.escape.line-continuation.dockerfile') },
      },
      {
        comment: 'An empty line inside a continued instruction (BuildKit skips it, with a warning).',
        match: r`^[ \t]*\n`,
      },
    ],
  });

  def('escape', {
    match: r`${esc}.`,
    name: 'constant.character.escape.dockerfile',
  });

  // --- variables --------------------------------------------------------------------------
  def('variable', {
    patterns: [
      {
        match: r`(\$)([A-Za-z_][A-Za-z0-9_]*|[0-9]+)`,
        name: 'variable.other.dockerfile',
        captures: { 1: scope('punctuation.definition.variable.dockerfile') },
      },
      {
        begin: r`(\$\{)([A-Za-z_][A-Za-z0-9_]*|[0-9]+)?(:[-+?]|[-+?]|##?|%%?|//?)?`,
        beginCaptures: {
          1: scope('punctuation.definition.variable.begin.dockerfile'),
          2: scope('variable.other.dockerfile'),
          3: scope('keyword.operator.expansion.dockerfile'),
        },
        end: r`(\})|(?=\n)`,
        endCaptures: { 1: scope('punctuation.definition.variable.end.dockerfile') },
        name: 'variable.other.bracket.dockerfile',
        patterns: [inc('escape'), inc('variable')],
      },
    ],
  });

  // --- strings ----------------------------------------------------------------------------
  def('string-double', {
    begin: '"',
    beginCaptures: { 0: scope('punctuation.definition.string.begin.dockerfile') },
    end: r`(")|${END}`,
    endCaptures: { 1: scope('punctuation.definition.string.end.dockerfile') },
    name: 'string.quoted.double.dockerfile',
    patterns: [
      inc('frame'),
      { match: r`${esc}[${esc}"$]`, name: 'constant.character.escape.dockerfile' },
      inc('variable'),
    ],
  });
  def('string-single', {
    begin: "'",
    beginCaptures: { 0: scope('punctuation.definition.string.begin.dockerfile') },
    end: r`(')|${END}`,
    endCaptures: { 1: scope('punctuation.definition.string.end.dockerfile') },
    name: 'string.quoted.single.dockerfile',
    patterns: [inc('frame')],
  });
  /** Words with Dockerfile variable substitution (paths, values...). */
  def('word-parts', {
    patterns: [inc('string-double'), inc('string-single'), inc('escape'), inc('variable')],
  });

  // --- JSON (exec form) ---------------------------------------------------------------
  const JSON_STR = r`"(?:[^"\\]|\\.)*"`;
  const JSON_LOOKAHEAD = r`(?=\[[ \t]*(?:${JSON_STR}[ \t]*,[ \t]*)*(?:${JSON_STR}[ \t]*)?(?:\][ \t]*$|${esc}[ \t]*$))`;
  for (const [name, withVars] of [['json-exec', false], ['json-words', true]]) {
    def(name, {
      comment: withVars
        ? 'JSON form whose strings get variable substitution (COPY, ADD, VOLUME).'
        : 'Exec form: a JSON array of strings, no variable substitution and no shell.',
      begin: r`${JSON_LOOKAHEAD}(\[)`,
      beginCaptures: { 1: scope('punctuation.definition.array.begin.dockerfile') },
      end: r`(\])|${END}`,
      endCaptures: { 1: scope('punctuation.definition.array.end.dockerfile') },
      name: 'meta.array.json.dockerfile',
      patterns: [
        inc('frame'),
        {
          begin: '"',
          beginCaptures: { 0: scope('punctuation.definition.string.begin.dockerfile') },
          end: r`(")|${END}`,
          endCaptures: { 1: scope('punctuation.definition.string.end.dockerfile') },
          name: 'string.quoted.double.json.dockerfile',
          patterns: [
            inc('frame'),
            { match: r`\\(?:["\\/bfnrt]|u[0-9A-Fa-f]{4})`, name: 'constant.character.escape.dockerfile' },
            { match: r`\\.`, name: 'invalid.illegal.unrecognized-escape.dockerfile' },
            ...(withVars ? [inc('variable')] : []),
          ],
        },
        { match: ',', name: 'punctuation.separator.comma.dockerfile' },
      ],
    });
  }

  // --- flags ------------------------------------------------------------------------------
  /**
   * A flag `--name[=value]`. `valueAlternatives` is a list of [regex, capture] tried in
   * order for the value; the generic value (string with variables) is always last.
   */
  const flag = (nameRe, valueAlternatives = [], { boolean = false } = {}) => {
    const rx = new Rx();
    rx.raw(WORD_START);
    rx.cap(r`--${nameRe}`, scope('entity.other.attribute-name.flag.dockerfile'));
    rx.raw('(?:');
    rx.cap('=', scope('keyword.operator.assignment.dockerfile'));
    rx.raw('(?:');
    const alts = [...valueAlternatives];
    if (boolean) alts.unshift([BOOL, scope('constant.language.boolean.dockerfile')]);
    alts.forEach(([re, capture]) => {
      rx.cap(re, capture);
      rx.raw(WORD_END + '|');
    });
    rx.cap(FLAG_VALUE, {
      name: 'string.unquoted.flag-value.dockerfile',
      patterns: [inc('word-parts')],
    });
    rx.raw('))?').raw(WORD_END);
    return { match: rx.src, captures: rx.captures };
  };
  const stageRefAlternatives = () => [
    [r`[A-Za-z0-9][A-Za-z0-9_.-]*`, scope('entity.name.type.stage.reference.dockerfile')],
    [
      imageReferenceRegexSource(imageParts(false)),
      { name: 'meta.image-reference.dockerfile', patterns: [{ include: '#image-reference-novar' }] },
    ],
    [r`\S*\$\S*`, scope('invalid.illegal.variable-in-from.dockerfile')],
  ];

  def('flag-generic', flag(r`[A-Za-z][A-Za-z0-9-]*`));
  def('flag-from', flag('from', stageRefAlternatives()));
  def('flag-mount', {
    match: r`${WORD_START}(--mount)(=)(${FLAG_VALUE})${WORD_END}`,
    captures: {
      1: scope('entity.other.attribute-name.flag.dockerfile'),
      2: scope('keyword.operator.assignment.dockerfile'),
      3: { name: 'meta.mount.dockerfile', patterns: [inc('mount-option')] },
    },
  });
  const mountKV = (keyRe, valueRe, valueCapture) => ({
    match: r`(?<=[=,])(${keyRe})(=)(${valueRe})(?=,|\s|$)`,
    captures: {
      1: scope('entity.other.attribute-name.mount-option.dockerfile'),
      2: scope('keyword.operator.assignment.dockerfile'),
      3: valueCapture,
    },
  });
  def('mount-option', {
    patterns: [
      mountKV(r`(?i:type)`, r`(?i:bind|cache|tmpfs|secret|ssh)`, scope('constant.language.mount-type.dockerfile')),
      mountKV(r`(?i:sharing)`, r`(?i:shared|private|locked)`, scope('constant.language.mount-sharing.dockerfile')),
      mountKV(r`(?i:from)`, r`[A-Za-z0-9][A-Za-z0-9_.-]*`, scope('entity.name.type.stage.reference.dockerfile')),
      mountKV(r`(?i:from)`, imageReferenceRegexSource(imageParts(false)), {
        name: 'meta.image-reference.dockerfile',
        patterns: [{ include: '#image-reference-novar' }],
      }),
      mountKV(r`(?i:mode)`, r`[0-7]{3,4}`, scope('constant.numeric.octal.dockerfile')),
      mountKV(r`(?i:uid|gid|size)`, r`[0-9]+`, scope('constant.numeric.integer.dockerfile')),
      mountKV(r`(?i:required|readonly|ro|rw|readwrite)`, BOOL, scope('constant.language.boolean.dockerfile')),
      mountKV(r`[A-Za-z][A-Za-z0-9_-]*`, r`(?:"[^"]*"|'[^']*'|[^,\s"'])*`, {
        name: 'string.unquoted.mount-option.dockerfile',
        patterns: [inc('word-parts')],
      }),
      {
        match: r`(?<=[=,])[A-Za-z][A-Za-z0-9_-]*(?=,|\s|$)`,
        name: 'entity.other.attribute-name.mount-option.dockerfile',
      },
      { match: ',', name: 'punctuation.separator.comma.dockerfile' },
    ],
  });
  def('flag-network', flag('network', [[r`(?i:default|none|host)`, scope('constant.language.network.dockerfile')]]));
  def('flag-security', flag('security', [[r`(?i:insecure|sandbox)`, scope('constant.language.security.dockerfile')]]));
  def('flag-chmod', flag('chmod', [[r`[0-7]{3,4}`, scope('constant.numeric.octal.dockerfile')]]));
  def('flag-checksum', flag('checksum', [[r`[A-Za-z][A-Za-z0-9+._-]*:[A-Fa-f0-9]+`, scope('constant.other.digest.dockerfile')]]));
  def('flag-boolean', flag(r`(?:link|parents|keep-git-dir|unpack)`, [], { boolean: true }));
  const DURATION = r`(?:[0-9]+(?:\.[0-9]+)?(?:ns|us|µs|ms|s|m|h))+`;
  def('flag-duration', flag(r`(?:interval|timeout|start-period|start-interval)`, [[DURATION, scope('constant.numeric.duration.dockerfile')]]));
  def('flag-retries', flag('retries', [[r`[0-9]+`, scope('constant.numeric.integer.dockerfile')]]));

  // --- heredocs ---------------------------------------------------------------------------
  addHeredocRules(def, inc, mode);

  // --- shell form ---------------------------------------------------------------------------
  // Without the shell grammar (backtick files), quoted strings still get scoped.
  const shellInclude = mode.embedShell
    ? [{ include: 'source.shell' }]
    : [inc('string-double'), inc('string-single')];
  def('shell-form', {
    comment: mode.embedShell
      ? 'Shell form: the text is run by the shell, so the shell grammar is embedded.'
      : 'Shell form in a file with `# escape=``: typically cmd or PowerShell, so no shell grammar is embedded.',
    begin: r`(?=\S)`,
    end: END,
    name: mode.embedShell ? SHELL_EMBED : 'meta.shell-form.dockerfile',
    patterns: [inc('frame'), ...(mode.embedShell ? [inc('shell-line-with-lt-lt')] : []), ...shellInclude],
  });
  def('shell-line-with-lt-lt', {
    comment:
      'A line with << that is no Dockerfile heredoc (CMD, ENTRYPOINT and HEALTHCHECK have none; `<< EOF` is none): tokenize it on its own so the shell grammar cannot open a heredoc that would run past the instruction.',
    match: r`(?:\G|^)[^\n]*?<<[^\n]*?(?=(?<!${esc})${esc}[ \t]*$|$)`,
    captures: { 0: { patterns: shellInclude } },
  });
  def('shell-form-run', {
    comment: 'RUN shell form: may carry heredocs.',
    begin: r`(?=\S)`,
    end: END,
    name: mode.embedShell ? SHELL_EMBED : 'meta.shell-form.dockerfile',
    patterns: [
      inc('frame'),
      ...(mode.embedShell ? [inc('heredoc-script-interpreter')] : []),
      inc('heredoc-run'),
      ...(mode.embedShell ? [inc('shell-line-with-lt-lt')] : []),
      ...shellInclude,
    ],
  });

  // --- instructions -------------------------------------------------------------------------
  // An instruction keyword ends at a blank, the end of the line or a line continuation.
  const KEYWORD_END = r`(?=[ \t]|$|${esc}[ \t]*$)`;
  const instruction = (keywordRe, id, patterns) => ({
    begin: r`${LINE_START}[ \t]*(?:((?i:ONBUILD))[ \t]+)?((?i:${keywordRe}))${KEYWORD_END}`,
    beginCaptures: {
      1: scope('keyword.control.dockerfile'),
      2: scope('keyword.other.special-method.dockerfile'),
    },
    end: END,
    name: `meta.instruction.${id}.dockerfile`,
    patterns: [inc('frame'), ...patterns],
  });
  /** The arguments after the flags: opens at the first word that is not a flag. */
  const args = (patterns) => ({
    begin: r`(?=\S)`,
    end: END,
    patterns: [inc('frame'), ...patterns],
  });

  def('instruction-from', instruction('FROM', 'from', [
    inc('flag-generic'),
    args([
      {
        comment: 'The image (or earlier stage) is the first argument.',
        match: r`\G(?:${imageReferenceRegexSource(imageParts(true))})${WORD_END}`,
        captures: { 0: { patterns: [inc('image-reference')] } },
      },
      {
        match: r`${WORD_START}((?i:AS))(?:[ \t]+(?:([A-Za-z][A-Za-z0-9_.-]*)|(\S+)))?${WORD_END}`,
        captures: {
          1: scope('keyword.other.as.dockerfile'),
          2: scope('entity.name.type.stage.dockerfile'),
          3: scope('invalid.illegal.stage-name.dockerfile'),
        },
      },
      inc('word-parts'),
    ]),
  ]));
  def('image-reference', imageReferenceRule(imageParts(true), true));

  def('instruction-run', instruction('RUN', 'run', [
    inc('flag-mount'),
    inc('flag-network'),
    inc('flag-security'),
    inc('flag-generic'),
    inc('json-exec'),
    ...(mode.embedShell ? [inc('heredoc-script')] : []),
    inc('shell-form-run'),
  ]));

  for (const [kw, id] of [['CMD', 'cmd'], ['ENTRYPOINT', 'entrypoint']]) {
    def(`instruction-${id}`, instruction(kw, id, [inc('json-exec'), inc('shell-form')]));
  }
  def('instruction-shell', instruction('SHELL', 'shell', [inc('json-exec'), args([inc('word-parts')])]));

  for (const [kw, id] of [['COPY', 'copy'], ['ADD', 'add']]) {
    def(`instruction-${id}`, instruction(kw, id, [
      inc('flag-from'),
      inc('flag-chmod'),
      inc('flag-checksum'),
      inc('flag-boolean'),
      inc('flag-generic'),
      inc('json-words'),
      args([inc('heredoc-copy'), inc('word-parts')]),
    ]));
  }

  // key=value pairs
  const pair = (keyScope, keyRe = r`[^\s="'$]+`) => ({
    begin: r`${WORD_START}(${keyRe})(=)`,
    beginCaptures: {
      1: { name: keyScope, patterns: [inc('string-double'), inc('string-single')] },
      2: scope('keyword.operator.assignment.dockerfile'),
    },
    end: r`(?=[ \t])|${END}`,
    patterns: [inc('frame'), inc('value')],
  });
  def('value', {
    patterns: [inc('word-parts'), { match: plainRun, name: 'string.unquoted.value.dockerfile' }],
  });
  const legacyPair = (keyScope) => ({
    comment: 'Legacy `KEY value` form: the rest of the instruction is the value.',
    begin: r`\G([ \t]+)([^\s="'$]+)(?=[ \t]+[^\s${esc}])`,
    beginCaptures: { 2: scope(keyScope) },
    end: END,
    contentName: 'string.unquoted.value.dockerfile',
    patterns: [inc('frame'), inc('word-parts')],
  });
  const QUOTED_KEY = r`"(?:[^"\\]|\\.)*"|'[^']*'|[^\s="'$]+`;
  def('instruction-env', instruction('ENV', 'env', [legacyPair('variable.other.env.dockerfile'), pair('variable.other.env.dockerfile'), inc('word-parts')]));
  def('instruction-label', instruction('LABEL', 'label', [
    legacyPair('entity.other.attribute-name.label.dockerfile'),
    pair('entity.other.attribute-name.label.dockerfile', QUOTED_KEY),
    inc('word-parts'),
  ]));
  def('instruction-arg', instruction('ARG', 'arg', [
    pair('variable.other.arg.dockerfile'),
    { match: r`${WORD_START}[^\s="'$]+${WORD_END}`, name: 'variable.other.arg.dockerfile' },
    inc('word-parts'),
  ]));

  const PORT = r`[0-9]+|${VAR_REF}`;
  def('instruction-expose', instruction('EXPOSE', 'expose', [
    {
      match: r`${WORD_START}(${PORT})(?:(-)(${PORT}))?(?:(/)(?:((?i:tcp|udp|sctp))|(\S+)))?${WORD_END}`,
      captures: {
        1: { name: 'constant.numeric.port.dockerfile', patterns: [inc('variable')] },
        2: scope('punctuation.separator.range.dockerfile'),
        3: { name: 'constant.numeric.port.dockerfile', patterns: [inc('variable')] },
        4: scope('punctuation.separator.protocol.dockerfile'),
        5: scope('constant.language.protocol.dockerfile'),
        6: { name: 'invalid.illegal.protocol.dockerfile' },
      },
    },
    inc('word-parts'),
  ]));

  def('instruction-healthcheck', instruction('HEALTHCHECK', 'healthcheck', [
    inc('flag-duration'),
    inc('flag-retries'),
    inc('flag-generic'),
    { match: r`${WORD_START}(?i:NONE)${WORD_END}`, name: 'constant.language.none.dockerfile' },
    {
      begin: r`${WORD_START}((?i:CMD))${WORD_END}`,
      beginCaptures: { 1: scope('keyword.other.special-method.dockerfile') },
      end: END,
      patterns: [inc('frame'), inc('json-exec'), inc('shell-form')],
    },
  ]));

  def('instruction-volume', instruction('VOLUME', 'volume', [inc('json-words'), args([inc('word-parts')])]));
  def('instruction-stopsignal', instruction('STOPSIGNAL', 'stopsignal', [
    { match: r`${WORD_START}(?:SIG)?[A-Z][A-Z0-9+-]*${WORD_END}`, name: 'constant.language.signal.dockerfile' },
    { match: r`${WORD_START}[0-9]+${WORD_END}`, name: 'constant.numeric.integer.dockerfile' },
    inc('word-parts'),
  ]));
  for (const [kw, id] of [['USER', 'user'], ['WORKDIR', 'workdir'], ['MAINTAINER', 'maintainer']]) {
    def(`instruction-${id}`, instruction(kw, id, [args([inc('word-parts')])]));
  }
  def('instruction-onbuild', instruction('ONBUILD', 'onbuild', [args([inc('word-parts')])]));
  // ONBUILD alone on the line (its instruction follows a line continuation, for example).
  repo[`instruction-onbuild${sfx}`].beginCaptures = { 2: scope('keyword.control.dockerfile') };

  def('instruction-unknown', {
    comment: 'Anything else that starts like an instruction: keep its continuation lines together.',
    begin: r`${LINE_START}[ \t]*(?=[A-Za-z])(?!(?i:${INSTRUCTIONS.join('|')})${KEYWORD_END})`,
    end: END,
    name: 'meta.instruction.unknown.dockerfile',
    patterns: [inc('frame'), inc('word-parts')],
  });

  def('comment', {
    match: r`${LINE_START}([ \t]*)((#).*$)`,
    captures: {
      2: scope('comment.line.number-sign.dockerfile'),
      3: scope('punctuation.definition.comment.dockerfile'),
    },
  });

  def('main', {
    patterns: [
      inc('comment'),
      ...[
        'from', 'run', 'cmd', 'entrypoint', 'shell', 'copy', 'add', 'env', 'arg', 'label', 'expose',
        'healthcheck', 'volume', 'stopsignal', 'user', 'workdir', 'maintainer', 'onbuild', 'unknown',
      ].map((id) => inc(`instruction-${id}`)),
    ],
  });
}

/** The image reference regex without captures (for lookaheads and alternatives). */
function imageReferenceRegexSource(p) {
  return r`(?:${p.registry}/)?${p.path}(?::${p.tag})?(?:@${p.digest})?`;
}

// ---------------------------------------------------------------------------------------
// Heredocs
// ---------------------------------------------------------------------------------------
//
// BuildKit reads the bodies in the order of the markers on the instruction line, each up
// to its own terminator. A TextMate rule can only refer to the text captured by its own
// begin, so each body gets a rule whose begin captures that body's name:
//
//   R3 (ends at terminator 3)                 begins at the line, looks ahead for 3 markers
//    └ R2 (ends at terminator 2)              begins at \G, looks ahead for 2 markers
//       └ R1 (ends at terminator 1)           begins at \G, consumes the whole line
//
// R1 closes first, then R2 scopes the lines of body 2, and so on. Bodies are strings
// (data for a command, or files for COPY/ADD); variables are highlighted unless the
// marker is quoted. When a RUN's only argument is a heredoc (or a shell reads one from
// stdin), the body is a script: it embeds source.shell inside a while-rule so that even an
// unbalanced construct in the script is closed at the terminator line.

const MAX_HEREDOCS = 3;

/** Marker with captures for scoping; returns the group numbers of chomp and name(s). */
function markerCaptures(rx, kind /* 'expand' | 'raw' | 'any' */) {
  rx.cap(r`[0-9]*`, scope('constant.numeric.integer.file-descriptor.dockerfile'));
  let chomp;
  rx.cap((x) => {
    x.raw('<<');
    chomp = x.cap('-?');
  }, scope('keyword.operator.heredoc.dockerfile'));
  const names = [];
  const quoted = (q, nameRe) => {
    rx.cap(q, scope('punctuation.definition.string.begin.dockerfile'));
    names.push(rx.cap(nameRe, scope('keyword.control.heredoc-token.dockerfile')));
    rx.cap(q, scope('punctuation.definition.string.end.dockerfile'));
  };
  const unquoted = () => names.push(rx.cap(HD_NAME_UNQUOTED, scope('keyword.control.heredoc-token.dockerfile')));
  if (kind === 'expand') {
    unquoted();
  } else {
    rx.raw('(?:');
    quoted('"', HD_NAME_DQ);
    rx.raw('|');
    quoted("'", HD_NAME_SQ);
    if (kind === 'any') {
      rx.raw('|');
      unquoted();
    }
    rx.raw(')');
  }
  return { chomp, names };
}

/** Marker with bare captures (inside a lookahead): chomp and name groups only. */
function markerLookahead(rx, kind) {
  rx.raw(r`\d*<<`);
  const chomp = rx.cap('-?');
  const names = [];
  if (kind === 'expand') {
    names.push(rx.cap(HD_NAME_UNQUOTED));
  } else {
    rx.raw('(?:"');
    names.push(rx.cap(HD_NAME_DQ));
    rx.raw(`"|'`);
    names.push(rx.cap(HD_NAME_SQ));
    rx.raw("'");
    if (kind === 'any') {
      rx.raw('|');
      names.push(rx.cap(HD_NAME_UNQUOTED));
    }
    rx.raw(')');
  }
  return { chomp, names };
}

/** Terminator regex: tabs allowed only with `<<-` (see README: the (?!\N) trick). */
function terminator({ chomp, names }) {
  return '^(?:(?!\\' + chomp + ')\\t)*(' + names.map((n) => '\\' + n).join('') + ')$';
}
function notTerminator({ chomp, names }) {
  return '^(?!(?:(?!\\' + chomp + ')\\t)*(?:' + names.map((n) => '\\' + n).join('') + ')$)';
}

function addHeredocRules(def, inc, mode) {
  const markerRx = new Rx();
  markerRx.raw(WORD_START);
  markerCaptures(markerRx, 'any');
  markerRx.raw(WORD_END);
  def('heredoc-marker', {
    comment: 'A further heredoc marker on the instruction line.',
    match: markerRx.src,
    captures: markerRx.captures,
  });

  const bodyLine = (kind) =>
    kind === 'expand'
      ? {
          match: '^.+',
          name: 'string.unquoted.heredoc.dockerfile',
          captures: { 0: { patterns: [{ match: r`\\\$`, name: 'constant.character.escape.dockerfile' }, inc('variable')] } },
        }
      : { match: '^.+', name: 'string.unquoted.heredoc.dockerfile' };

  const families = {
    run: {
      prefix: mode.embedShell ? [{ include: 'source.shell' }] : [],
      rest: mode.embedShell ? [inc('heredoc-marker'), { include: 'source.shell' }] : [inc('heredoc-marker')],
    },
    copy: {
      prefix: [inc('word-parts')],
      rest: [inc('heredoc-marker'), inc('word-parts')],
    },
  };

  for (const [family, { prefix, rest }] of Object.entries(families)) {
    const ruleName = (k, kind, anchored) => `heredoc-${family}-${k}-${kind}${anchored ? '-g' : ''}`;
    for (let k = 1; k <= MAX_HEREDOCS; k++) {
      for (const kind of ['expand', 'raw']) {
        for (const anchored of [false, true]) {
          const rx = new Rx();
          // Only where these rules get the first look at a line: where the enclosing
          // region starts (\G) or at the start of a continuation line. Anywhere else
          // the leading [^\n]*? would be retried from every position of the line.
          rx.raw(anchored ? r`\G` : r`(?:\G|^)`);
          let marker;
          if (k === 1) {
            rx.cap(r`[^\n]*?`, { patterns: prefix });
            rx.raw(WORD_START);
            marker = markerCaptures(rx, kind);
            rx.raw(WORD_END);
            rx.cap(r`[^\n]*`, { patterns: rest });
          } else {
            rx.raw('(?=');
            for (let i = 1; i < k; i++) rx.raw(r`[^\n]*?${HD_MARKER_ANY}`);
            rx.raw(r`[^\n]*?${WORD_START}`);
            marker = markerLookahead(rx, kind);
            rx.raw(WORD_END + ')');
          }
          const inner =
            k === 1 ? [] : [inc(ruleName(k - 1, 'expand', true)), inc(ruleName(k - 1, 'raw', true))];
          def(ruleName(k, kind, anchored), {
            begin: rx.src,
            beginCaptures: rx.captures,
            end: terminator(marker),
            endCaptures: { 1: scope('keyword.control.heredoc-token.dockerfile') },
            patterns: [...inner, bodyLine(kind)],
          });
        }
      }
    }
    const top = [];
    for (let k = MAX_HEREDOCS; k >= 1; k--) for (const kind of ['expand', 'raw']) top.push(inc(ruleName(k, kind, false)));
    def(`heredoc-${family}`, { patterns: top });
  }

  if (!mode.embedShell) return;

  // Script heredocs: the body is a shell script.
  const SHELL_CMD = r`(?:/usr)?(?:/bin/)?(?:ba|da|z|k|a)?sh(?:[ \t]+[-+][^\s<]*)*[ \t]+`;
  const script = (name, prefixLookahead, prefixCapture) => {
    // outer: zero-width begin capturing the name, consumes the terminator
    const outer = new Rx();
    if (prefixLookahead) outer.raw(r`(?:\G|^)`);
    outer.raw('(?=').raw(prefixLookahead).raw(WORD_START);
    const m = markerLookahead(outer, 'any');
    outer.raw(r`[ \t]*$)`);
    // inner: consumes the marker line; while-rule so the terminator line always pops it
    const inner = new Rx();
    inner.raw(r`\G`);
    if (prefixCapture) inner.cap(prefixCapture, { patterns: [{ include: 'source.shell' }] });
    inner.raw(WORD_START);
    const mi = markerCaptures(inner, 'any');
    inner.raw(r`[ \t]*$`);
    def(name, {
      begin: outer.src,
      end: terminator(m),
      endCaptures: { 1: scope('keyword.control.heredoc-token.dockerfile') },
      patterns: [
        {
          begin: inner.src,
          beginCaptures: inner.captures,
          while: notTerminator(mi),
          contentName: SHELL_EMBED,
          patterns: [
            {
              match: r`^\t*(#!).*`,
              name: 'comment.line.shebang.dockerfile',
              captures: { 1: scope('punctuation.definition.comment.shebang.dockerfile') },
            },
            { include: 'source.shell' },
          ],
        },
      ],
    });
  };
  script('heredoc-script', '', null);
  script(
    'heredoc-script-interpreter',
    r`[^\n]*?(?<![^ \t;&|(])${SHELL_CMD}`,
    r`[^\n]*?(?<![^ \t;&|(])${SHELL_CMD}`,
  );
}

// ---------------------------------------------------------------------------------------

const here = dirname(fileURLToPath(import.meta.url));
export const GRAMMAR_PATH = join(here, 'dockerfile.tmLanguage.json');

export function renderGrammar() {
  return JSON.stringify(buildGrammar(), null, 2) + '\n';
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const text = renderGrammar();
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(GRAMMAR_PATH, 'utf8');
    } catch {}
    if (current !== text) {
      console.error(`${GRAMMAR_PATH} is out of date: run node syntaxes/generate-grammar.mjs`);
      process.exit(1);
    }
    console.log('grammar is up to date');
  } else {
    writeFileSync(GRAMMAR_PATH, text);
    console.log(`wrote ${GRAMMAR_PATH}`);
  }
}
