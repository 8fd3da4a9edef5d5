// A partner page: frames the guest with the host helper and logs what arrives.
window.partnerEvents = [];
const params = new URLSearchParams(location.search);
const guest = params.get("guest") || new URL("embed.html", location.href).href;
const { frame } = await import(new URL("cx-scorecard-frame.js", guest).href);
const log = document.getElementById("log");
const f = frame(document.getElementById("slot"), {
  src: guest,
  locale: params.get("locale") || undefined,
  parentOrigin: params.get("parentOrigin") || location.origin,
});
for (const type of ["ready", "start", "page", "progress", "lead-shown", "cta", "complete", "lead", "error", "resize"]) {
  f.iframe.addEventListener(`cx-scorecard:${type}`, (e) => {
    window.partnerEvents.push({ type: e.type, detail: e.detail });
    const li = document.createElement("li");
    li.textContent = `${e.type} ${type === "complete" ? `level ${e.detail.result.overall.level}` : JSON.stringify(e.detail)}`;
    log.append(li);
  });
}
window.partnerFrame = f;
