/**
 * What Compose, Bake and CI files say about a Dockerfile: one `BuildUse` per service / bake target /
 * workflow build, with the exact ranges of the values as written (plain data, JSON-safe).
 */
import type { Range } from 'vscode-languageserver-types';

export type BuildFileKind = 'compose' | 'bake' | 'workflow';

/** A value as written in a file: its text (quotes removed) and the range of that text. */
export interface ValueSpan {
  value: string;
  uri: string;
  range: Range;
  /**
   * Why a rename cannot rewrite this text in place (a YAML alias, a block scalar, a shell word with
   * expansions…); undefined when it can. A rename touching such a use is refused.
   */
  fixed?: string;
  /** The value came from this bake variable's default (`target = "${TARGET}"`); the span is the default's. */
  viaVariable?: string;
  /** With `viaVariable`: where the attribute reading the variable is written (hover, definition and completion answer there too). */
  writtenAt?: { uri: string; range: Range };
}

export interface BuildUse {
  kind: BuildFileKind;
  /** Who builds: `compose service api`, `bake target app`, `workflow ci.yml job image`. */
  label: string;
  /** The file declaring the service / target / step, and the range naming it. */
  uri: string;
  anchor: Range;
  /** The Dockerfile built, resolved to an absolute URI; undefined when inline or not resolvable (variables, remote context). */
  dockerfileUri?: string;
  /** Where the Dockerfile (or, when defaulted, the context) is written: the place to report a missing Dockerfile. */
  dockerfileSpan?: ValueSpan;
  /** `dockerfile_inline` / `dockerfile-inline`: the Dockerfile text itself. */
  inline?: ValueSpan & { lineMap?: LineMap };
  target?: ValueSpan;
}

/** Where line N of an inline Dockerfile sits in the file (block scalars keep one value line per source line). */
export interface LineMap {
  firstLine: number;
  indent: number;
}

/** A text document as the readers need it. */
export interface SourceFile {
  uri: string;
  text: string;
}
