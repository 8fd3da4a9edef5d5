// The prerendered first screen (pkg/intro.*, made at build time with Yew's server-side rendering
// from the widget's own components) and the swap to the live widget. Used by the custom-element
// loader, the iframe guest and the offline page, and by hosts that call mount() themselves.
//
// The first screen is shown before the JS glue and the wasm have arrived; a click on its buttons
// (or a key press on them) is kept and replayed on the live widget once it is ready, which then
// takes its place in one step (same size, same place: no layout shift), with focus kept.

/** What the widget takes as a language tag (as `mount` checks it). */
export const LOCALE_TAG = /^(?=.{2,35}$)[A-Za-z0-9]+(?:[-_][A-Za-z0-9]+)*$/;

/** The language a tag resolves to, as the widget resolves it (`de-CH` → `de`, else English). */
export function language(tag) {
  const primary = String(tag || "").split(/[-_]/)[0].toLowerCase();
  return ["en", "de", "fr", "es"].includes(primary) ? primary : "en";
}

const storagePrefix = (assessment) => `cx-scorecard:session:${assessment.id}:`;
/** The autosave key of each widget element on the page that asked (one widget saves per key). */
const keys = new Map();

/**
 * Whether a first visit's intro is what the widget in `owner` will show: false for a returning
 * visitor (a resume link in the URL, anything saved for this assessment in this browser) and
 * where the widget will say something about saving (storage unavailable, another widget on the
 * page with the same key), since the live intro then carries an offer or a notice.
 * `assessment` is `{id, version}`; `autosave` and `storageKey` are the widget's options.
 */
export function firstVisit(owner, assessment, { autosave, storageKey } = {}) {
  if (location.hash.includes("cx-resume=")) return false;
  // The values the widget takes (anything else is an error it shows instead).
  const off = autosave === false || autosave === "false" || autosave === "off";
  if (off) return true;
  if (![undefined, true, "", "on", "true"].includes(autosave)) return false;
  // A key the widget refuses (it shows why instead).
  if (storageKey !== undefined && !/^[A-Za-z0-9_-]{1,64}$/.test(storageKey)) return false;
  const key = `${storagePrefix(assessment)}${assessment.version}${storageKey ? `:${storageKey}` : ""}`;
  const taken = [...keys].some(([other, k]) => other !== owner && k === key && other.isConnected);
  keys.set(owner, key);
  if (taken) return false;
  try {
    const storage = window.localStorage;
    if (!storage) return false;
    for (let i = 0; i < storage.length; i++) {
      if (storage.key(i)?.startsWith(storagePrefix(assessment))) return false;
    }
  } catch {
    return false;
  }
  return true;
}

/**
 * On a page that holds the first screens in templates (the built embed.html and app.html): shows the one the
 * widget with `options` will show first, in a new element appended to `container`, and keeps
 * clicks on it. Returns `{shown, kept}` for `swap`, or null where no screen is right.
 */
export function showTemplate(container, options) {
  const scheme = options.theme === undefined || options.theme === "" ? "auto" : options.theme;
  if (!["auto", "light", "dark"].includes(scheme)) return null;
  if (options.locale !== undefined && !LOCALE_TAG.test(options.locale)) return null;
  const template = document.getElementById(`cxs-intro-${language(options.locale || navigator.language)}-${scheme}`);
  if (!template) return null;
  const [id, version] = template.dataset.assessment.split(" ");
  if (!firstVisit(container, { id, version }, options)) return null;
  const shown = mark(document.createElement("div"), template.id);
  shown.append(template.content.cloneNode(true));
  container.append(shown);
  return { shown, kept: keep(shown) };
}

/** Builds a prerendered DOM tree (`[tag, {attributes}, ...children]`, text as strings). */
export function build(tree, doc = document) {
  if (typeof tree === "string") return doc.createTextNode(tree);
  const [tag, attributes, ...children] = tree;
  const el = doc.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  for (const child of children) el.append(build(child, doc));
  return el;
}

/**
 * Marks `shown` as holding a prerendered screen. It stays hidden until the widget's stylesheet
 * has loaded (the sheet shows `[data-cxs-prerender]`), so it never appears unstyled.
 */
export function mark(shown, label) {
  shown.setAttribute("data-cxs-prerender", label);
  shown.hidden = true;
  return shown;
}

/** The element children's indices from `root` down to `el`, or null if `el` is not inside. */
function path(root, el) {
  const steps = [];
  while (el && el !== root) {
    const parent = el.parentElement;
    if (!parent) return null;
    steps.unshift([...parent.children].indexOf(el));
    el = parent;
  }
  return el === root ? steps : null;
}

function follow(root, steps) {
  let el = root;
  for (const i of steps) el = el?.children[i];
  return el ?? null;
}

/**
 * Keeps a click on a button of the prerendered screen in `shown` (a key press on a button
 * clicks it too) until the live widget can take it; `clicked`, a button already clicked there.
 * Returns what the swap needs.
 */
export function keep(shown, clicked = null) {
  const kept = { click: clicked && shown.contains(clicked) ? path(shown, clicked) : null };
  kept.listener = (e) => {
    const button = e.target.closest?.("button");
    if (!button || !shown.contains(button)) return;
    e.preventDefault();
    kept.click = path(shown, button);
  };
  shown.addEventListener("click", kept.listener);
  return kept;
}

/**
 * Puts `to`, another first screen (the same screen in another language, say), in the place of
 * `from`, whose clicks `kept` keeps, and hands over what the user did there: a kept click is kept
 * on `to`, and focus moves to the same control in it (without scrolling). Returns what the swap
 * needs for `to`.
 */
export function replace(from, kept, to) {
  const focus = path(from, from.getRootNode().activeElement);
  from.removeEventListener("click", kept.listener);
  from.replaceWith(to);
  if (focus) follow(to, focus)?.focus({ preventScroll: true });
  return keep(to, kept.click && follow(to, kept.click));
}

/**
 * Mounts the live widget beside the prerendered screen in `shown` and swaps it in once it is
 * ready: `mount(box)` mounts into a new element (hidden until then) and returns the handle,
 * which this returns at once. In the same task, before the next frame, `shown` goes, the box
 * shows, focus moves to the same control in it, and a kept click is replayed there.
 * If mount throws, the box (with whatever it shows) takes the place of `shown` and the error is
 * thrown on.
 */
export function swap(shown, kept, mount) {
  const box = shown.ownerDocument.createElement("div");
  box.hidden = true;
  shown.after(box);
  let ready;
  const settled = new Promise((resolve) => (ready = resolve));
  box.addEventListener("cx-scorecard:ready", () => ready(), { once: true });
  // A widget that reports an error instead shows it at once (a locale error, say, or one that
  // keeps it from ever being ready).
  box.addEventListener("cx-scorecard:error", () => ready(), { once: true });
  const done = (replay) => {
    const root = shown.getRootNode();
    const focus = path(shown, root.activeElement);
    shown.removeEventListener("click", kept.listener);
    shown.remove();
    box.hidden = false;
    if (focus) follow(box, focus)?.focus({ preventScroll: true });
    if (replay && kept.click) follow(box, kept.click)?.click();
  };
  let handle;
  try {
    handle = mount(box);
  } catch (e) {
    done(false);
    throw e;
  }
  // After the current task's microtasks: the widget's first render has fired ready by then. (Still
  // in its place, though perhaps not in the page: its host may be moving to another parent.)
  settled.then(() => shown.parentNode && done(true));
  return handle;
}
