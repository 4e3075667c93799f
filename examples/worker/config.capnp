# workerd's configuration: the Worker bundled by `npm run build` (dist/) on 127.0.0.1:8787.
#   ARTICLE_ORIGIN=http://127.0.0.1:9000 npx workerd serve config.capnp [--socket-addr http=127.0.0.1:PORT]
using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "main", worker = .renderer),
    # Everything the Worker fetches goes here: this machine only, never the internet. An origin
    # elsewhere gets its own allow list (["public"]) or, better, an `external` service.
    (name = "origin", network = (allow = ["local"])),
  ],
  sockets = [(name = "http", address = "127.0.0.1:8787", http = (), service = "main")],
);

const renderer :Workerd.Worker = (
  modules = [
    (name = "worker.js", esModule = embed "dist/worker.js"),
    # esbuild's copy loader keeps `import wasm from "./broadsheet_bg.wasm"`; workerd answers it
    # with the compiled WebAssembly.Module.
    (name = "broadsheet_bg.wasm", wasm = embed "dist/broadsheet_bg.wasm"),
  ],
  compatibilityDate = "2026-11-01",
  bindings = [
    (name = "ARTICLE_ORIGIN", fromEnvironment = "ARTICLE_ORIGIN"),
    (name = "MAX_BODY_BYTES", text = "1048576"),
  ],
  globalOutbound = "origin",
);
