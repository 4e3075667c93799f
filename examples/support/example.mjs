// What every example's test needs: a scratch copy of the example with its dependencies installed
// from npm and broadsheet from the packed package (target/pack/broadsheet.tgz, scripts/pack.sh),
// commands run in it, and servers it starts on 127.0.0.1.
import { execFileSync, spawn } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const TARBALL = `${ROOT}target/pack/broadsheet.tgz`;

/**
 * Copies examples/NAME to target/examples/NAME (so installs and builds never land in the source
 * tree), points its `broadsheet` dependency at the packed package and runs `npm install`.
 * Resolves to the copy's path, ending in `/`.
 */
export function prepare(name) {
  const dir = `${ROOT}target/examples/${name}/`;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  cpSync(`${ROOT}examples/${name}/`, dir, { recursive: true, filter: (path) => !/\.test\.mjs$|node_modules/.test(path) });
  const manifest = JSON.parse(readFileSync(`${dir}package.json`, "utf8"));
  manifest.dependencies = { ...manifest.dependencies, broadsheet: `file:${TARBALL}` };
  writeFileSync(`${dir}package.json`, JSON.stringify(manifest, null, 2));
  run(dir, "npm", ["install", "--no-audit", "--no-fund", "--no-package-lock", "--loglevel=error"]);
  return dir;
}

/** Runs a command in `dir` and returns its stdout; throws with its output if it fails. */
export function run(dir, command, args, options = {}) {
  return execFileSync(command, args, { cwd: dir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], ...options });
}

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

/**
 * Starts a long-running command in `dir` and waits until `url` answers (any HTTP status). Resolves
 * to `{ output, stop }`; `output()` is everything it printed so far.
 */
export async function start(dir, command, args, url, { env = {}, timeoutMs = 120_000 } = {}) {
  const child = spawn(command, args, { cwd: dir, env: { ...process.env, ...env }, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const stop = () => {
    try {
      process.kill(-child.pid, "SIGTERM"); // The whole process group: servers start helpers.
    } catch {}
  };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${command} ${args.join(" ")} exited ${child.exitCode}:\n${output}`);
    try {
      await fetch(url);
      return { output: () => output, stop };
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  stop();
  throw new Error(`${url} did not answer within ${timeoutMs} ms:\n${output}`);
}

/** The article every example renders, and the start of the HTML it must produce. */
export const ARTICLE = JSON.parse(readFileSync(`${ROOT}examples/support/article.json`, "utf8"));
export const EXPECTED_HEADLINE = '<h1 class="bs-headline" id="from-the-example-title">From the example</h1>';
