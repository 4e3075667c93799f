// The two validators the format tests compare: the JSON Schema (through Ajv, for the draft the
// schema's `$schema` names) and the native one (`target/release/broadsheet check`, many files at once).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020.js";
import { readJson, root } from "./sources.mjs";

export const schemaPath = "schema/article-v1.schema.json";

/**
 * The schema compiled in Ajv's strict mode (which also refuses an unknown `format`: the schema states
 * dates with a pattern, so no format plugin decides them); `validate(value)` is `true` or `false`,
 * `validate.errors` says why.
 */
export function compileSchema(schema = readJson(schemaPath)) {
  if (schema.$schema !== "https://json-schema.org/draft/2020-12/schema") {
    throw new Error(`${schemaPath} names ${schema.$schema}; these tests load Ajv for draft 2020-12`);
  }
  const ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true });
  return ajv.compile(schema);
}

const binary = `${root}target/release/broadsheet`;

/** Builds the CLI if it is not there (the test stages normally run after `cargo build --release`). */
function ensureBinary() {
  if (existsSync(binary)) return;
  const built = spawnSync("cargo", ["build", "--release", "--bin", "broadsheet"], { cwd: root, stdio: "inherit" });
  if (built.status !== 0) throw new Error("cargo build --release --bin broadsheet failed");
}

/**
 * The native verdict on each JSON text, `{ ok, problems }`: `ok` when `broadsheet check` reports no
 * problem for it. All texts go to one `check` call; `name` keeps each caller's files apart under
 * target/format-tests/.
 */
export function nativeVerdicts(name, texts) {
  ensureBinary();
  const dir = `${root}target/format-tests/${name}`;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const files = texts.map((text, i) => {
    writeFileSync(`${dir}/${i}.json`, text);
    return `${dir}/${i}.json`;
  });
  const run = spawnSync(binary, ["check", ...files], { encoding: "utf8", maxBuffer: 1 << 28 });
  if (run.status !== 0 && run.status !== 1) {
    throw new Error(`broadsheet check exited with ${run.status}: ${run.stderr}`);
  }
  const problems = texts.map(() => []);
  for (const line of run.stdout.split("\n").filter(Boolean)) {
    const m = line.startsWith(`${dir}/`) && /^(\d+)\.json: (.*)$/.exec(line.slice(dir.length + 1));
    if (!m) throw new Error(`broadsheet check: unexpected line ${line}`);
    // Warnings are about valid articles: they are not verdicts.
    if (!/^\S*: warning: .* \[[a-z-]+\]$/.test(m[2])) problems[m[1]].push(m[2]);
  }
  const failed = problems.filter((list) => list.length).length;
  if ((run.status === 0) !== (failed === 0)) throw new Error(`broadsheet check: exit ${run.status} but ${failed} files with problems`);
  return problems.map((list) => ({ ok: list.length === 0, problems: list }));
}
