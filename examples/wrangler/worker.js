// The smallest Worker that renders, as wrangler bundles it: POST an article's JSON, get its HTML.
// The .wasm is imported by the path that names the server build's own module and no other:
// wrangler resolves a .wasm import as a file path, so "broadsheet/broadsheet_bg.wasm" would be the
// browser build's (the entry then says so at once).
import wasm from "broadsheet/server/broadsheet_bg.wasm";
import { initSync, renderArticle } from "broadsheet";

initSync({ module: wasm });

export default {
  async fetch(request) {
    try {
      return new Response(renderArticle(new Uint8Array(await request.arrayBuffer())), { headers: { "Content-Type": "text/html; charset=utf-8" } });
    } catch (error) {
      return Response.json({ errors: error.errors ?? [{ path: "", pathSegments: [], message: String(error.message) }] }, { status: 422 });
    }
  },
};
