// Host helper for partner (iframe) embedding. It creates the iframe, sizes it to the widget's
// content, and re-dispatches the widget's messages as DOM events on the iframe element.
//
//   import { frame } from "https://widget.example/cx-scorecard-frame.js";
//   const f = frame(document.getElementById("slot"), { src: "https://widget.example/embed.html", locale: "fr" });
//   f.iframe.addEventListener("cx-scorecard:complete", (e) => save(e.detail.result));
//   f.reset(); f.setLocale("de"); f.destroy();

const SOURCE = "cx-scorecard";
const VERSION = 1;

export function frame(container, { src, locale, theme, attribution, resultCode, title = "CX Operations assessment", parentOrigin = location.origin } = {}) {
  if (!(container instanceof Element)) throw new Error("cx-scorecard frame: container must be a DOM Element");
  if (!src) throw new Error("cx-scorecard frame: src (the URL of embed.html) is required");
  const url = new URL(src, document.baseURI);
  url.searchParams.set("parentOrigin", parentOrigin);
  if (locale) url.searchParams.set("locale", locale);
  if (theme) url.searchParams.set("theme", theme);
  // With `attribution` (true or "full"), the partner page's UTM parameters go to the guest, whose
  // result then carries them.
  if (attribution) {
    url.searchParams.set("attribution", attribution === "full" ? "full" : "");
    for (const [name, value] of new URLSearchParams(location.search)) {
      if (name.startsWith("utm_") && !url.searchParams.has(name)) url.searchParams.set(name, value);
    }
  }
  // With `resultCode`, the results offer "Copy my result code" (the guest may write the clipboard).
  if (resultCode) url.searchParams.set("resultCode", "");
  const guestOrigin = url.origin;

  const iframe = document.createElement("iframe");
  iframe.src = url.href;
  iframe.title = title;
  if (resultCode) iframe.allow = "clipboard-write";
  // Set through the CSSOM, which a strict CSP allows (unlike a style attribute).
  Object.assign(iframe.style, { display: "block", width: "100%", border: "0", height: "32rem" });

  const onMessage = (event) => {
    if (event.source !== iframe.contentWindow || event.origin !== guestOrigin) return;
    const m = event.data;
    if (!m || m.source !== SOURCE || m.version !== VERSION || typeof m.type !== "string" || !m.type.startsWith(`${SOURCE}:`)) return;
    if (m.type === `${SOURCE}:resize`) {
      const height = Number(m.payload?.height);
      if (Number.isFinite(height) && height > 0 && height < 100000) iframe.style.height = `${Math.ceil(height)}px`;
    }
    iframe.dispatchEvent(new CustomEvent(m.type, { detail: m.payload, bubbles: true, composed: true }));
  };
  window.addEventListener("message", onMessage);
  container.append(iframe);

  const send = (type, payload) =>
    iframe.contentWindow?.postMessage({ source: SOURCE, version: VERSION, type: `${SOURCE}:${type}`, payload }, guestOrigin);
  return {
    iframe,
    reset: () => send("reset", {}),
    setLocale: (tag) => send("setLocale", { locale: tag }),
    destroy() {
      window.removeEventListener("message", onMessage);
      iframe.remove();
    },
  };
}
