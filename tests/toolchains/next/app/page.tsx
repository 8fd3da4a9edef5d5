import { Scorecards } from "./scorecards";

// A server component: the page renders on the server, the widgets come alive on the client.
export default function Page() {
  return (
    <main>
      <h1>cx-scorecard in Next.js</h1>
      <Scorecards />
    </main>
  );
}
