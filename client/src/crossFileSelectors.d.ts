/**
 * The Compose, Bake and GitHub workflow files the extension reads for their build `target`s: document
 * selectors by file pattern (only these files, never every YAML/HCL/JSON file) and the file watchers
 * that keep the server's index current. The server adds only our features to them (definition,
 * hover, completion, diagnostics and quick fixes on targets); no schema validation, no formatting.
 */
/** Glob patterns of the files, as VS Code matches them (also used for activation in package.json). */
export declare const CROSS_FILE_PATTERNS: readonly ["**/{compose,docker-compose}.{yaml,yml}", "**/{compose,docker-compose}.*.{yaml,yml}", "**/docker-bake.{hcl,json}", "**/docker-bake.*.{hcl,json}", "**/.github/workflows/*.{yml,yaml}"];
/** Dockerfiles on disk, whose stages the targets name (a change re-checks the files that build them). */
export declare const DOCKERFILE_PATTERN = "**/{Dockerfile,Containerfile,Dockerfile.*,Containerfile.*,*.Dockerfile,*.dockerfile,*.containerfile}";
export declare const DOCKERFILE_SELECTOR: {
    language: string;
}[];
export declare function crossFileSelector(): {
    scheme: string;
    pattern: string;
}[];
