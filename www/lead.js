// Builds the lead-magnet widget from the page's query parameters.
const params = new URLSearchParams(location.search);
const lead = params.get("lead") || JSON.stringify({
  fields: [
    { type: "name" },
    { type: "email", required: true },
    { type: "company" },
    { id: "team-size", type: "choice", label: "Team size", options: ["1–10", "11–50", "51 or more"] },
  ],
  consentText: "I agree that Example Ltd may keep these details with my results and contact me about them.",
  privacyPolicyUrl: "privacy.html",
});
const widget = document.createElement("cx-scorecard");
widget.id = "widget";
widget.setAttribute("lead-capture", lead);
if (params.get("submit")) widget.setAttribute("submit-url", params.get("submit"));
document.getElementById("slot").append(widget);
