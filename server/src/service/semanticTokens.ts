/**
 * Semantic tokens for stages, computed from the model in one pass (dockerfile-language-service's own
 * tokens rescan the text per token and are not used).
 *
 * Legend:
 * - `class` + `declaration`: a stage name after AS.
 * - `class`: a reference that resolves to a stage (`FROM builder`, `--from=builder`, `--from=0`, `from=deps`).
 * - `namespace`: a `--from` / `from=` value that names an image, not a stage.
 * - `defaultLibrary` modifier: the value was chosen through a global ARG's *default* (`FROM ${BASE}`);
 *   a `--build-arg` can select something else at build time.
 */
import type { Range, SemanticTokens, SemanticTokensLegend } from 'vscode-languageserver-types';
import type { StageModel, StageReference } from './model';

const TYPES = ['class', 'namespace'] as const;
const MODIFIERS = ['declaration', 'defaultLibrary'] as const;

export const semanticTokensLegend: SemanticTokensLegend = { tokenTypes: [...TYPES], tokenModifiers: [...MODIFIERS] };

const CLASS = TYPES.indexOf('class');
const NAMESPACE = TYPES.indexOf('namespace');
const DECLARATION = 1 << MODIFIERS.indexOf('declaration');
const VIA_ARG = 1 << MODIFIERS.indexOf('defaultLibrary');

interface Token {
  range: Range;
  type: number;
  modifiers: number;
}

export function semanticTokens(model: StageModel): SemanticTokens {
  const data: number[] = [];
  let line = 0;
  let character = 0;
  for (const token of tokensInOrder(model)) {
    const { start, end } = token.range;
    // Every stage token sits on one line; anything else would need splitting.
    if (start.line !== end.line || end.character <= start.character) continue;
    const deltaLine = start.line - line;
    data.push(deltaLine, deltaLine === 0 ? start.character - character : start.character, end.character - start.character, token.type, token.modifiers);
    line = start.line;
    character = start.character;
  }
  return { data };
}

/**
 * Declarations and references in document order. References are already in document order; a stage's
 * name comes after its FROM base and before the references in its instructions, so one merge suffices.
 */
function* tokensInOrder(model: StageModel): Generator<Token> {
  let next = 0;
  const references = model.references;
  for (const stage of model.stages) {
    if (stage.nameRange) {
      for (; next < references.length && isBefore(references[next].range, stage.nameRange); next++) {
        const token = referenceToken(references[next]);
        if (token) yield token;
      }
      yield { range: stage.nameRange, type: CLASS, modifiers: DECLARATION };
    }
  }
  for (; next < references.length; next++) {
    const token = referenceToken(references[next]);
    if (token) yield token;
  }
}

function isBefore(a: Range, b: Range): boolean {
  return a.start.line !== b.start.line ? a.start.line < b.start.line : a.start.character < b.start.character;
}

function referenceToken(reference: StageReference): Token | undefined {
  const { resolution } = reference;
  if (resolution.kind === 'stage') return { range: reference.range, type: CLASS, modifiers: resolution.viaArg ? VIA_ARG : 0 };
  if (resolution.kind === 'image' && (reference.kind !== 'from' || resolution.viaArg)) {
    return { range: reference.range, type: NAMESPACE, modifiers: resolution.viaArg ? VIA_ARG : 0 };
  }
  return undefined;
}
