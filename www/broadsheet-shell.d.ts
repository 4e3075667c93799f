// Types of `broadsheet/shell`: the facade behaviour without the renderer (DOM only).

/** Makes every video facade under `root` interactive (server-rendered HTML included); safe to call again. */
export function hydrate(root: Element): void;
