import { CxScorecard } from "cx-scorecard/react";
import { Scorecards } from "./scorecards";

// A server component: the page renders on the server, the widgets come alive on the client. The
// React component can be used here directly, with options that are data (it is a client module).
export default function Page() {
  return (
    <main>
      <h1>cx-scorecard in Next.js</h1>
      <Scorecards />
      <CxScorecard id="server" locale="es" storageKey="server" theme={{ accent: "#0b57d0" }} />
    </main>
  );
}
