// The facade's behaviour in the page, with no WebAssembly: `hydrate` turns each server- or
// client-rendered video facade into a button; intent preconnects, activation swaps in the player.
// The renderer decides everything a facade holds (player URL, title, whether to preconnect) and
// writes it into data attributes; this file only checks that the player URL is one it may frame.

// The players a facade may load, each with the video id it must carry: YouTube's privacy-enhanced
// player, and Vimeo's with do-not-track.
const PLAYER = new RegExp(
  "^https://(www\\.youtube-nocookie\\.com/embed/[A-Za-z0-9_-]{11}(\\?[A-Za-z0-9_=&-]*)?" +
    "|player\\.vimeo\\.com/video/[0-9]{1,12}\\?dnt=1&autoplay=1(#t=[0-9]{1,9}s)?)$",
);
// The players' permissions: YouTube's own list, which covers what Vimeo's player asks for.
const ALLOW = "accelerometer; autoplay; clipboard-write; encrypted-media; gyroscope; picture-in-picture; web-share";
const FACADE = "[data-bs-player]";

/** Makes every video facade under `root` a button that plays; safe to call again. */
export function hydrate(root) {
  for (const facade of root.querySelectorAll(`${FACADE}:not([data-bs-hydrated])`)) {
    const link = facade.querySelector(":scope > a.bs-facade__control");
    // A facade whose player this file may not frame keeps its link to the video.
    if (!link || !PLAYER.test(facade.getAttribute("data-bs-player"))) continue;
    const button = document.createElement("button");
    button.type = "button";
    button.className = "bs-facade__control";
    button.append(...link.childNodes);
    link.replaceWith(button);
    facade.setAttribute("data-bs-hydrated", "");
  }
  // One delegated listener per root serves every facade, including ones rendered later.
  if (root.hasAttribute("data-bs-listening")) return;
  root.setAttribute("data-bs-listening", "");
  root.addEventListener("click", (event) => withFacade(event, activate));
  root.addEventListener("pointerover", (event) => withFacade(event, preconnect));
  root.addEventListener("focusin", (event) => withFacade(event, preconnect));
}

/** Calls `action` with the hydrated facade whose control the event happened on, if any. */
function withFacade(event, action) {
  const control = event.target instanceof Element && event.target.closest("button.bs-facade__control");
  const facade = control && control.closest(`${FACADE}[data-bs-hydrated]`);
  const player = facade && facade.getAttribute("data-bs-player");
  if (player && PLAYER.test(player)) action(facade, player);
}

/**
 * On intent, connects early to the player's origin and the poster's, once per document; only for
 * facades the renderer marked (their poster already comes from the player's host), so a page with
 * its own posters contacts no third party before play.
 */
function preconnect(facade, player) {
  if (!facade.hasAttribute("data-bs-preconnect")) return;
  const poster = facade.querySelector("img.bs-facade__poster");
  for (const origin of new Set([new URL(player).origin, poster && new URL(poster.src).origin])) {
    if (!origin || document.querySelector(`link[rel=preconnect][href="${origin}"]`)) continue;
    const link = document.createElement("link");
    link.rel = "preconnect";
    link.href = origin;
    document.head.append(link);
  }
}

/** Swaps the poster and button for the player, in the same box, and moves focus into it. */
function activate(facade, player) {
  const frame = document.createElement("iframe");
  frame.className = "bs-facade__player";
  frame.src = player;
  frame.title = facade.getAttribute("data-bs-title") ?? "";
  frame.allow = ALLOW;
  frame.allowFullscreen = true;
  frame.referrerPolicy = "strict-origin-when-cross-origin";
  facade.querySelector(".bs-facade__control")?.remove();
  facade.classList.add("bs-facade--active");
  facade.append(frame);
  frame.focus();
}
