/** Java: Maven → target/*.jar, Gradle → build/libs/*.jar (or build/install), run on a JRE image. */
import { dirName, isInside, joinPath, resolvePath } from '../../facts/paths';
import { commandName, optionValue, type SimpleCommand } from '../../facts/shellCommands';
import { artifact, inCwd } from './hints';
import type { Artifact, BuildFacts, Ecosystem } from './types';

const MAVEN_GOALS = /^(package|install|verify|deploy|spring-boot:repackage)$/;
const GRADLE_JAR_TASKS = /^(:?[\w-]+:)*(build|assemble|bootJar|jar|shadowJar)$/;
const GRADLE_DIST_TASKS = /^(:?[\w-]+:)*installDist$/;

export const java: Ecosystem = {
  id: 'java',
  label: 'Java',
  buildStep(facts) {
    const { argv } = facts.command;
    const name = commandName(argv);
    if (name === 'mvn' || name === 'mvnw') {
      if (!argv.some((a) => MAVEN_GOALS.test(a))) return undefined;
      const pom = optionValue(argv, ['-f', '--file']);
      const project = pom ? (pom.endsWith('.xml') ? dirName(inCwd(facts, pom)) : inCwd(facts, pom)) : facts.command.cwd;
      return { artifacts: jars(facts, joinPath(project, 'target')) };
    }
    if (name === 'gradle' || name === 'gradlew') {
      const project = inCwd(facts, optionValue(argv, ['-p', '--project-dir']) ?? '.');
      if (argv.some((a) => GRADLE_DIST_TASKS.test(a))) return { artifacts: [artifact(joinPath(project, 'build/install'))] };
      if (!argv.some((a) => GRADLE_JAR_TASKS.test(a))) return undefined;
      return { artifacts: jars(facts, joinPath(project, 'build/libs')) };
    }
    return undefined;
  },
  needsToolchain: (command: SimpleCommand) => ['mvn', 'mvnw', 'gradle', 'gradlew', 'javac'].includes(commandName(command.argv)),
};

/** The jar the image runs (`java -jar X`) when the build wrote it, else every jar in `dir`. */
function jars(facts: BuildFacts, dir: string): Artifact[] {
  const words = facts.run.words;
  const index = words.indexOf('-jar');
  const jar = index >= 0 ? words[index + 1] : undefined;
  if (jar && !jar.includes('*')) {
    const path = resolvePath(facts.run.workdir, jar);
    if (isInside(path, dir) || isInside(path, facts.command.cwd)) return [artifact(path)];
  }
  const classpath = classpathEntries(facts).filter((p) => isInside(p, dir) || isInside(p, facts.command.cwd));
  if (classpath.length > 0) return classpath.map((p) => artifact(p));
  return [{ source: `${dir}/*.jar`, target: `${dir}/` }];
}

/** The entries of `java -cp a.jar:lib/*` in CMD, resolved (`lib/*` → the lib folder). */
function classpathEntries(facts: BuildFacts): string[] {
  const words = facts.run.words;
  const index = words.findIndex((w) => w === '-cp' || w === '-classpath' || w === '--class-path');
  const value = index >= 0 ? words[index + 1] : words.find((w) => w.startsWith('--class-path='))?.slice(13);
  if (!value) return [];
  const entries = value.split(':').filter((e) => e !== '' && !e.includes('$'));
  const paths = entries.map((e) => resolvePath(facts.run.workdir, e.replace(/\/\*$/, '')));
  return paths.some((p) => p.includes('*')) ? [] : [...new Set(paths)];
}
