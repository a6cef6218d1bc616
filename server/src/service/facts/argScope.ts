import type { Env, Instruction } from 'dockerfile-ast';
import type { Range } from 'vscode-languageserver-types';
import type { StageModel } from '../model';
import { PerInstruction } from './memo';

/** BuildKit's ARG facts shared by the ARG rules. */

/** Automatic platform ARGs: defined by BuildKit in the global scope (usable in FROM, redeclared to use in a stage). */
export const AUTOMATIC_PLATFORM_ARGS: ReadonlySet<string> = new Set([
  'TARGETPLATFORM', 'TARGETOS', 'TARGETARCH', 'TARGETVARIANT',
  'BUILDPLATFORM', 'BUILDOS', 'BUILDARCH', 'BUILDVARIANT',
]);

/** Predefined proxy ARGs: usable in RUN without any declaration. */
export const PROXY_ARGS: ReadonlySet<string> = new Set(
  ['HTTP_PROXY', 'HTTPS_PROXY', 'FTP_PROXY', 'NO_PROXY', 'ALL_PROXY'].flatMap((n) => [n, n.toLowerCase()]),
);

/**
 * Environment variables that widely used base images set with ENV (and common shell variables): a
 * stage built on an image may have them even without declaring them, so we never call them empty.
 */
export const IMAGE_ENV_NAMES: ReadonlySet<string> = new Set([
  'PATH', 'HOME', 'HOSTNAME', 'LANG', 'LANGUAGE', 'LC_ALL', 'TERM', 'PWD', 'USER', 'SHELL', 'TZ',
  'GOLANG_VERSION', 'GOPATH', 'GOROOT', 'GOTOOLCHAIN',
  'NODE_VERSION', 'YARN_VERSION',
  'PYTHON_VERSION', 'PYTHON_SHA256', 'PYTHON_PIP_VERSION', 'PYTHON_SETUPTOOLS_VERSION', 'PYTHON_GET_PIP_URL', 'PYTHON_GET_PIP_SHA256', 'GPG_KEY',
  'JAVA_HOME', 'JAVA_VERSION', 'MAVEN_HOME', 'MAVEN_CONFIG', 'GRADLE_HOME', 'GRADLE_VERSION',
  'RUSTUP_HOME', 'CARGO_HOME', 'RUST_VERSION',
  'RUBY_VERSION', 'RUBY_MAJOR', 'RUBY_DOWNLOAD_SHA256', 'GEM_HOME', 'BUNDLE_APP_CONFIG', 'BUNDLE_SILENCE_ROOT_WARNING',
  'PHP_VERSION', 'PHP_INI_DIR', 'PHP_URL', 'PHP_SHA256', 'PHPIZE_DEPS',
  'DOTNET_VERSION', 'ASPNET_VERSION', 'DOTNET_SDK_VERSION', 'ASPNETCORE_URLS', 'ASPNETCORE_HTTP_PORTS', 'DOTNET_RUNNING_IN_CONTAINER',
  'NGINX_VERSION', 'NJS_VERSION', 'NJS_RELEASE', 'PKG_RELEASE',
  'PG_MAJOR', 'PG_VERSION', 'PGDATA', 'REDIS_VERSION', 'HTTPD_VERSION', 'HTTPD_PREFIX',
  'OTP_VERSION', 'REBAR3_VERSION', 'ELIXIR_VERSION', 'TOMCAT_VERSION', 'TOMCAT_MAJOR', 'CATALINA_HOME',
  'MONGO_VERSION', 'MONGO_MAJOR', 'MYSQL_VERSION', 'MYSQL_MAJOR', 'MARIADB_VERSION',
]);

const SHELL_NAMES = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'mksh']);

/** Whether a SHELL instruction's first word is a POSIX-style shell. */
export function isPosixShell(argv0: string | undefined): boolean {
  if (!argv0) return false;
  return SHELL_NAMES.has(argv0.slice(argv0.lastIndexOf('/') + 1).toLowerCase());
}

export interface Declared {
  name: string;
  range: Range;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The names an ARG or ENV declares, with their ranges. ARG is read word by word because BuildKit
 * accepts several in one instruction (`ARG TARGETOS TARGETARCH`), which dockerfile-ast reads as one.
 */
export function declaredVariables(instruction: Instruction): readonly Declared[] {
  return declared.get(instruction, () => readDeclared(instruction));
}

const declared = new PerInstruction<Declared[]>('declaredVariables');

function readDeclared(instruction: Instruction): Declared[] {
  const keyword = instruction.getKeyword();
  if (keyword === 'ENV') {
    return (instruction as Env).getProperties().map((p) => ({ name: p.getName(), range: p.getNameRange() }));
  }
  if (keyword !== 'ARG') return [];
  const out: Declared[] = [];
  for (const arg of instruction.getArguments()) {
    const value = arg.getValue();
    const eq = value.indexOf('=');
    const name = eq < 0 ? value : value.slice(0, eq);
    if (!NAME.test(name)) continue;
    const start = arg.getRange().start;
    out.push({ name, range: { start, end: { line: start.line, character: start.character + name.length } } });
  }
  return out;
}

/** Global ARG names (the model's ARGs before the first FROM), each at its first declaration. */
export function globalArgNames(model: StageModel): Map<string, Range> {
  const names = new Map<string, Range>();
  for (const arg of model.globalArgs) if (NAME.test(arg.name) && !names.has(arg.name)) names.set(arg.name, arg.nameRange);
  return names;
}
