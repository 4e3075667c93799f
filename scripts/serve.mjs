#!/usr/bin/env node
// A small static server for the demo site: `node scripts/serve.mjs [PORT] [DIR]`.
// Serves DIR (default target/site) on 127.0.0.1:PORT (default 8080; 0 picks a free port), with
// the package's strict CSP and nosniff on every response, and `.wasm` as application/wasm.
// Prints the URL once listening; SIGINT and SIGTERM close it cleanly.
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';

const port = Number(process.argv[2] ?? 8080);
const root = await realpath(resolve(process.argv[3] ?? 'target/site'));

const CSP = [
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' https://i.ytimg.com",
  'frame-src https://www.youtube-nocookie.com https://player.vimeo.com',
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.ts': 'text/plain; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/** The file a URL path names inside `root`, or null: no escaping it by `..`, encoding or links. */
async function fileFor(urlPath) {
  let path;
  try {
    path = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (path.includes('\0')) return null;
  const candidate = resolve(join(root, path));
  if (candidate !== root && !candidate.startsWith(root + sep)) return null;
  try {
    const real = await realpath(candidate);
    if (real !== root && !real.startsWith(root + sep)) return null;
    const info = await stat(real);
    if (info.isDirectory()) return fileFor(join(path, 'index.html'));
    return info.isFile() ? { path: real, size: info.size } : null;
  } catch {
    return null;
  }
}

function send(res, status, body, headers = {}) {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...headers });
  res.end(body);
}

const server = createServer(async (req, res) => {
  res.setHeader('Content-Security-Policy', CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Cache-Control', 'no-cache');
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return send(res, 405, 'Method not allowed\n', { Allow: 'GET, HEAD' });
  }
  const { pathname } = new URL(req.url, 'http://localhost');
  const file = await fileFor(pathname);
  if (!file) return send(res, 404, 'Not found\n');
  // A directory without its trailing slash would break the page's relative URLs.
  if (!pathname.endsWith('/') && file.path.endsWith(`${sep}index.html`) && !pathname.endsWith('index.html')) {
    return send(res, 301, '', { Location: `${pathname}/` });
  }
  res.writeHead(200, {
    'Content-Type': TYPES[extname(file.path)] ?? 'application/octet-stream',
    'Content-Length': file.size,
  });
  if (req.method === 'HEAD') return res.end();
  createReadStream(file.path).on('error', () => res.destroy()).pipe(res);
});

server.on('error', (error) => {
  console.error(`serve: ${error.message}`);
  process.exit(1);
});
server.listen(port, '127.0.0.1', () => {
  console.log(`broadsheet demo: http://127.0.0.1:${server.address().port}/  (Ctrl-C stops it)`);
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}
