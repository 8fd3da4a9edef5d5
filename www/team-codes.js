// With ?team, the team report to paste result codes into; otherwise the widget offering its code.
const team = new URLSearchParams(location.search).has("team");
const element = document.createElement(team ? "cx-scorecard-team" : "cx-scorecard");
element.setAttribute("locale", "en");
if (!team) {
  element.setAttribute("result-code", "");
  element.setAttribute("autosave", "false");
}
document.getElementById("slot").append(element);
