// <broadsheet-article>: wires an article and options to the renderer. The article comes from, in
// order: the `.article` property, the `src` attribute (fetched), a child
// <script type="application/json">, or else the server-rendered children, which are only
// hydrated by the small shell. The WebAssembly renderer is imported the first time there is JSON
// to render, so a server-rendered page never downloads it. Options: attributes `heading-shift`,
// `poster`, `id-prefix`, with the `.options` property merged over them (its `site` is checked like
// the rest, and names the site on whole pages only: the article's HTML is the same).
import { hydrate } from "./broadsheet-shell.js";

let renderer; // The renderer module, loaded and initialised once per page.
function loadRenderer() {
  renderer ??= import("./broadsheet.js").then(async (module) => {
    await module.default();
    return module;
  });
  // A failed load (offline, say) is reported by the caller and tried again on the next render.
  renderer.catch(() => { renderer = undefined; });
  return renderer;
}

// Importing this module where there is no DOM (a server rendering the same code) is harmless.
const Base = globalThis.HTMLElement ?? class {};

class BroadsheetArticle extends Base {
  static observedAttributes = ["src", "heading-shift", "poster", "id-prefix"];
  #article;
  #options;
  #inline; // The child script's JSON, read once: the first render replaces the children.
  #fetched = {}; // { url, text } of the last fetch, so option changes do not fetch again.
  #queued = false;
  #run = 0; // Counts renders, so a slow fetch cannot overwrite a newer render.

  constructor() {
    super();
    // Properties set before this module loaded sit on the element and hide the accessors.
    for (const name of ["article", "options"]) {
      if (Object.hasOwn(this, name)) {
        const value = this[name];
        delete this[name];
        this[name] = value;
      }
    }
  }

  get article() { return this.#article; }
  set article(value) { this.#article = value; this.#queue(); }
  get options() { return this.#options; }
  set options(value) { this.#options = value; this.#queue(); }

  connectedCallback() { this.#queue(); }
  attributeChangedCallback() { this.#queue(); }

  // One render for any number of changes in a task; none before the children are parsed.
  #queue() {
    if (this.#queued || !this.isConnected) return;
    this.#queued = true;
    const render = () => { this.#queued = false; this.#render(); };
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", render, { once: true });
    else queueMicrotask(render);
  }

  async #render() {
    const run = ++this.#run;
    hydrate(this); // What is shown now (the server's, say) plays while a better version loads.
    this.#inline ??= this.querySelector(':scope > script[type="application/json"]')?.textContent;
    let article = this.#article ?? this.#inline;
    const src = this.getAttribute("src");
    if (this.#article == null && src != null) {
      try {
        article = await this.#fetch(src);
      } catch (error) {
        if (run === this.#run) this.#fail([{ path: "", message: error.message }]);
        return;
      }
      if (run !== this.#run) return;
    }
    if (article == null) return;
    try {
      const { renderArticle, validateArticle } = await loadRenderer();
      if (run !== this.#run) return;
      const options = this.#mergedOptions();
      const start = performance.now();
      const html = renderArticle(article, options);
      const durationMs = performance.now() - start;
      this.innerHTML = html; // The renderer's own output, in which every untrusted byte is escaped.
      hydrate(this);
      // Warnings cost a second reading of the article: made only if a listener asks for them.
      let warnings;
      this.#emit("broadsheet-render", {
        durationMs,
        get warnings() { return (warnings ??= validateArticle(article, options).warnings); },
      });
    } catch (error) {
      this.#fail(error.errors ?? [{ path: "", message: String(error.message ?? error) }]);
    }
  }

  async #fetch(src) {
    if (this.#fetched.src !== src) {
      const response = await fetch(src).catch((e) => { throw new Error(`Could not load ${src}: ${e.message}`); });
      if (!response.ok) throw new Error(`Could not load ${src}: HTTP ${response.status} ${response.statusText}`.trim());
      // Text, not .json(): the renderer parses it and names the line and column of a syntax error.
      this.#fetched = { src, text: await response.text() };
    }
    return this.#fetched.text;
  }

  #mergedOptions() {
    const options = {};
    const shift = this.getAttribute("heading-shift");
    if (shift != null) options.headingShift = Number(shift);
    const poster = this.getAttribute("poster");
    if (poster != null) options.poster = poster;
    const prefix = this.getAttribute("id-prefix");
    if (prefix != null) options.idPrefix = prefix;
    return { ...options, ...this.#options };
  }

  // Keeps what is shown (the last good render, or the server's) and puts the problems above it.
  #fail(errors) {
    const box = element("div", "bs-error");
    box.setAttribute("role", "alert");
    box.append(element("p", "bs-error__title", "This article could not be shown"));
    const list = box.appendChild(element("ul", "bs-error__list"));
    for (const { path, message } of errors) {
      const item = list.appendChild(element("li"));
      // A problem with the whole document (a JSON syntax error) has no path to show.
      if (path) item.append(element("code", "bs-error__path", path), " ");
      item.append(message);
    }
    this.querySelector(":scope > .bs-error")?.remove();
    this.prepend(box);
    this.#emit("broadsheet-error", { errors });
  }

  #emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { bubbles: true, detail }));
  }
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text != null) node.textContent = text;
  return node;
}

if (globalThis.customElements && !customElements.get("broadsheet-article")) {
  customElements.define("broadsheet-article", BroadsheetArticle);
}
