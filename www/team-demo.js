// The team demo page: query parameters set the element's attributes, and its events are logged.
const team = document.getElementById("team");
const params = new URLSearchParams(location.search);
for (const [param, attribute] of [["results", "results-src"], ["baseline", "baseline-src"], ["locale", "locale"], ["group-by", "group-by"], ["min-group", "min-group"]]) {
  if (params.has(param)) team.setAttribute(attribute, params.get(param));
}
const log = document.getElementById("log");
for (const name of ["team-report", "error"]) {
  team.addEventListener(`cx-scorecard:${name}`, (e) => {
    const item = document.createElement("li");
    const d = e.detail;
    item.textContent = name === "team-report"
      ? `team-report: ${d.report.respondents} respondents, ${d.report.rejected.length} not added, overall ${d.report.overall.score ?? "–"}`
      : `error: ${d.message}`;
    log.prepend(item);
  });
}
