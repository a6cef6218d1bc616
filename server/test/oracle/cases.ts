/**
 * Small Dockerfiles that exercise every BuildKit build check, positive and negative, plus the
 * `# check=` directive and the parse failures: the generated half of the differential test.
 */
export interface GeneratedCase {
  name: string;
  text: string;
  /**
   * BuildKit fails this build, but tally's linter (which stops before dispatch) does not report it:
   * the reason. Our parse-error finding is then checked by the unit tests and test/docker instead.
   */
  buildkitMissesFailure?: string;
  /** A build context for the case: its .dockerignore and the (empty) files it holds. */
  context?: { dockerignore: string; files: string[] };
}

const c = (name: string, ...lines: string[]): GeneratedCase => ({ name, text: lines.join('\n') + '\n' });

export const GENERATED_CASES: GeneratedCase[] = [
  // ConsistentInstructionCasing
  c('casing-majority-upper', 'FROM alpine', 'run echo', 'RUN echo', 'CMD ["x"]'),
  c('casing-majority-lower', 'from alpine', 'run echo', 'RUN echo', 'cmd ["x"]'),
  c('casing-tie-upper-wins', 'from alpine', 'RUN echo'),
  c('casing-mixed-case', 'FROM alpine', 'Run echo', 'RUN echo'),
  c('casing-global-arg-not-counted', 'arg A=1', 'arg B=2', 'arg C=3', 'FROM alpine', 'RUN echo'),
  c('casing-skip', '# check=skip=ConsistentInstructionCasing', 'FROM alpine', 'run echo', 'RUN echo', 'CMD ["x"]'),
  // DuplicateStageName, ReservedStageName, StageNameCasing, FromAsCasing
  c('duplicate-stage', 'FROM alpine AS a', 'FROM alpine AS b', 'FROM alpine AS A', 'FROM alpine AS a'),
  c('reserved-stage', 'FROM alpine AS scratch', 'FROM alpine AS context', 'FROM alpine AS ok'),
  c('stage-casing', 'FROM alpine AS Builder', 'FROM alpine AS builder2'),
  c('from-as-casing', 'FROM alpine as a', 'from alpine AS b', 'FROM alpine AS c', 'from alpine as d'),
  c('skip-all', '# check=skip=all', 'FROM alpine as Foo', 'MAINTAINER me', 'ENV A 1'),
  c('skip-two', '# check=skip=StageNameCasing,FromAsCasing', 'FROM alpine as Foo', 'MAINTAINER me'),
  c('error-true', '# check=error=true', 'FROM alpine AS Foo'),
  // NoEmptyContinuation
  c('empty-continuation', 'FROM alpine', 'RUN echo \\', '', '  hi'),
  c('empty-continuation-comment-ok', 'FROM alpine', 'RUN echo \\', '# comment', '  hi'),
  c('empty-continuation-eof', 'FROM alpine', 'RUN echo hi \\'),
  c('empty-continuation-two', 'FROM alpine', 'RUN a \\', '', '  && b \\', '', '  && c', 'RUN d'),
  c('empty-continuation-spaces', 'FROM alpine', 'RUN a \\  ', '   ', '  b'),
  // JSONArgsRecommended, MultipleInstructionsDisallowed
  c('json-args', 'FROM alpine', 'ENTRYPOINT my-app --serve', 'CMD ["--port", "80"]'),
  c('json-args-invalid-json', 'FROM alpine', "CMD ['single', 'quotes']"),
  c('json-args-ok', 'FROM alpine', 'ENTRYPOINT ["my-app"]', 'CMD ["x"]'),
  c('multiple-cmd', 'FROM alpine', 'CMD ["a"]', 'CMD ["b"]', 'ENTRYPOINT ["x"]', 'ENTRYPOINT ["y"]', 'HEALTHCHECK NONE', 'HEALTHCHECK CMD ["true"]', 'FROM alpine', 'CMD ["c"]'),
  // MaintainerDeprecated, LegacyKeyValueFormat
  c('maintainer', 'FROM alpine', 'MAINTAINER Jane <jane@example.com>'),
  c('legacy-kv', 'FROM alpine', 'ENV A 1', 'ENV B=2', 'LABEL c d', 'LABEL e=f g=h', 'ENV D="x y"'),
  // WorkdirRelativePath
  c('workdir-relative', 'FROM alpine', 'WORKDIR app', 'WORKDIR sub'),
  c('workdir-absolute-first', 'FROM alpine', 'WORKDIR /app', 'WORKDIR sub'),
  c('workdir-inherited', 'FROM alpine AS base', 'WORKDIR /app', 'FROM base', 'WORKDIR sub'),
  // UndefinedVar, UndefinedArgInFrom, InvalidDefaultArgInFrom
  c('undefined-var', 'FROM alpine', 'ENV A=$B', 'COPY $C /x', 'ARG D', 'WORKDIR /$D', 'RUN echo $E', 'ENV F=${G:-x}'),
  c('undefined-var-forms', 'FROM alpine', 'ENV X=${E:+x}', 'ENV Y=${F-x}', 'ENV Z=$D${E2:-$F2}', 'USER $U', 'VOLUME $V', 'STOPSIGNAL $S', 'EXPOSE $P'),
  c('undefined-var-mount', 'FROM alpine', 'RUN --mount=type=cache,target=$CACHE x'),
  c('undefined-var-inherited', 'FROM alpine AS base', 'ENV X=1', 'FROM base', 'LABEL x=$X y=$Y'),
  c('undefined-var-same-env', 'FROM alpine', 'ENV A=1 B=$A'),
  c('undefined-arg-in-from', 'ARG VERSION=3.19', 'FROM alpine:$VERSON', 'FROM alpine:${VERSION}'),
  c('invalid-default-arg', 'ARG IMAGE', 'FROM $IMAGE'),
  c('invalid-default-arg-tag', 'ARG V', 'FROM busybox:$V'),
  c('invalid-default-arg-ok', 'ARG IMAGE=alpine', 'ARG V=1', 'FROM $IMAGE', 'FROM busybox:${V}'),
  c('invalid-default-arg-stage-arg', 'FROM alpine', 'ARG V', 'FROM busybox:${V}'),
  c('blank-base', 'FROM "" AS foo'),
  c('from-stage-in-capitals', 'FROM alpine AS builder', 'FROM Builder'),
  // Real-file regressions: a modifier BuildKit's lexer rejects fails the build (no variable finding);
  // quotes in a modifier's word are removed; a continued instruction is one finding at its start.
  c('unsupported-modifier', 'ARG VARIANT=${opt:variant}', 'FROM alpine:${VARIANT}', 'ARG ZSH="${opt:zsh}"', 'FROM alpine:3-${opt:variant}', 'LABEL a="${opt:a}"'),
  c('modifier-word-quoted', 'ARG Q=${UNSET:-"quoted"}', "ARG R=${Q:+'r'}", 'FROM alpine:${Q}', 'FROM alpine:${R}'),
  c('undefined-var-continued', 'FROM alpine', 'ENV A=1 \\', '  B="${A}:${C}"', 'ARG D="\\', '  $E"'),
  c('path-on-scratch', 'FROM scratch', 'ENV PATH="$PATH:/bin"'),
  c('workdir-quoted-absolute', 'FROM alpine', 'WORKDIR "/app"', 'FROM alpine', 'WORKDIR C:/app', 'FROM alpine', 'WORKDIR $HOME'),
  c('syntax-after-blank-line-is-comment', '', '# syntax=docker/dockerfile:1', '', 'ARG GO_VERSION=1.23', 'FROM alpine'),
  c('reserved-scratch-as-scratch', 'FROM scratch AS scratch', 'FROM alpine'),
  c('secret-allow-tokens', 'FROM alpine', 'ARG AUTH_MODULE_VERSION', 'ARG PUBLIC_TOKEN', 'ENV DB_PASSWORD=x'),
  c('check-comment-on-instruction', 'FROM alpine', '# check=skip=JSONArgsRecommended', 'CMD mycommand', 'ENTRYPOINT other', '# check=skip=all // just this one', 'ENV A b', 'ENV C d'),
  c('check-skip-with-error', '#check=skip=FromAsCasing;error=true', 'FROM alpine as a', 'copy a b'),
  c('global-arg-in-stage', 'ARG VERSION=1', 'FROM alpine', 'ENV V=$VERSION', 'RUN echo $VERSION', 'RUN --mount=type=cache,target=/c/$VERSION true'),
  // RedundantTargetPlatform, FromPlatformFlagConstDisallowed
  c('redundant-target-platform', 'FROM --platform=$TARGETPLATFORM alpine', 'FROM --platform=${TARGETPLATFORM} alpine', 'FROM --platform=$BUILDPLATFORM alpine'),
  c('platform-const', 'FROM --platform=linux/amd64 alpine', 'FROM --platform=linux/arm64 alpine AS build-arm64', 'FROM --platform=linux/amd64 alpine AS amd64-base'),
  // ExposeProtoCasing, ExposeInvalidFormat
  c('expose', 'FROM alpine', 'EXPOSE 80/TCP 443/tcp 53/Udp', 'EXPOSE 8080:80 127.0.0.1:9000:9000', 'EXPOSE 3000'),
  // SecretsUsedInArgOrEnv
  c('secrets', 'FROM alpine', 'ARG GITHUB_TOKEN', 'ENV DB_PASSWORD=x', 'ARG PUBLIC_KEY', 'ENV TOKENIZER=1'),
  // InvalidDefinitionDescription
  c('definition-description', '# version of alpine', 'ARG ALPINE=3.19', '# ALPINE pins it', 'ARG VERSION=1', 'FROM alpine AS base', '# builder builds', 'FROM alpine AS builder'),
  // CopyIgnoredFile (tally needs every copied file to exist in the context, or it reports them too)
  {
    ...c('copy-ignored', 'FROM alpine', 'COPY node_modules /x', 'COPY app.log /y', 'ADD secret/key /z', 'COPY src /s', 'COPY . /all', 'COPY --from=alpine node_modules /q', 'ADD https://example.com/a /b'),
    context: { dockerignore: '# deps\nnode_modules\n*.log\n/secret/\n', files: ['node_modules/a', 'app.log', 'secret/key', 'src/main.go', 'a'] },
  },
  {
    ...c('copy-ignored-all', 'FROM alpine', 'COPY . /all', 'COPY src /s'),
    context: { dockerignore: '**\n', files: ['src/main.go'] },
  },
  // Parse failures
  c('unknown-instruction', 'FROM alpine', 'RUNN echo'),
  c('missing-args-copy', 'FROM alpine', 'COPY onlyone'),
  c('missing-args-workdir', 'FROM alpine', 'WORKDIR'),
  c('missing-args-from', 'FROM alpine AS'),
  c('missing-args-shell', 'FROM alpine', 'SHELL sh -c'),
  c('bad-flag', 'FROM alpine', 'COPY --frm=x a b'),
  c('flag-no-value', 'FROM alpine', 'COPY --from a b'),
  c('flag-duplicate', 'FROM alpine', 'COPY --from=a --from=b a b'),
  c('flag-not-boolean', 'FROM alpine', 'COPY --link=maybe a b'),
  c('flag-on-cmd', 'FROM alpine', 'CMD --help'),
  c('flag-on-env', 'FROM alpine', 'ENV --x=1 A=1'),
  c('flag-on-onbuild', 'FROM alpine', 'ONBUILD --x RUN y'),
  c('flags-accepted', 'FROM alpine', 'HEALTHCHECK --retries=3 CMD ["x"]', 'COPY --chmod=755 --exclude=a --exclude=b a b', 'ADD --checksum=sha256:x a b', 'RUN --mount=type=cache,target=/x --network=host x', 'COPY --link a b'),
  c('only-comments', '# nothing to build yet', '# still nothing'),
  c('only-global-args', '# the version', 'ARG VERSION=1'),
  c('empty-from-flag-builds', 'FROM alpine', 'COPY --from= a b'),
  {
    ...c('run-before-from', 'RUN echo', 'FROM alpine'),
    buildkitMissesFailure: 'BuildKit fails in instructions.Parse ("no build stage in current context"); tally parses leniently',
  },
  {
    ...c('copy-from-0-before-from', 'COPY --from=0 a b', 'FROM alpine'),
    buildkitMissesFailure: 'as above: an instruction before the first FROM',
  },
];
