// A TypeScript host of the team report's module (pkg/cx_scorecard_team.d.ts): tests/pages/types.test.mjs
// type-checks it with `tsc --strict` and expects no diagnostic. It uses every option of
// `TeamOptions` and every method of `TeamHandle`, and reads the report's fields as exactly the
// types the module sends (`null` where a figure is missing).
import init, {
  mountTeam,
  type AssessmentResult,
  type Comparison,
  type Reason,
  type TeamDimension,
  type TeamHandle,
  type TeamOptions,
  type TeamReport,
} from "cx-scorecard/team";

type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Assert<T extends true> = T;
function exact<T>() {
  return <V>(value: V, ...mismatch: Same<V, T> extends true ? [] : [expected: T, declared: V]): T =>
    value as unknown as T;
}

export type CheckSurface = [
  Assert<Same<Parameters<typeof mountTeam>, [element: Element, options?: TeamOptions]>>,
  Assert<Same<ReturnType<typeof mountTeam>, TeamHandle>>,
  Assert<Same<ReturnType<TeamHandle["report"]>, TeamReport | null>>,
  Assert<Same<ReturnType<TeamHandle["add"]>, TeamReport | null>>,
  Assert<Same<ReturnType<TeamHandle["update"]>, TeamReport | null>>,
  Assert<Same<Parameters<TeamHandle["update"]>[0], Pick<TeamOptions, "locale" | "groupBy" | "minGroup">>>,
];

export async function host(results: AssessmentResult[], element: HTMLElement): Promise<void> {
  await init();
  const options: TeamOptions = {
    results,
    resultsSrc: "/results.ndjson",
    baseline: "cxr1.AAAA",
    baselineSrc: "/last-quarter.json",
    definitionSrc: "/assessment.json",
    locale: "de",
    groupBy: "role",
    minGroup: 5,
    onReport: (report) => {
      exact<number>()(report.respondents);
    },
    onError: (detail) => {
      exact<string>()(detail.message);
    },
  };
  const handle = mountTeam(element, options);
  const added = handle.add(results, "previous");
  exact<TeamReport | null>()(added);
  if (added === null) return;
  const report = added;
  exact<number>()(report.schemaVersion);
  exact<string>()(report.kind);
  exact<string>()(report.assessment.id);
  exact<string>()(report.locale);
  exact<string>()(report.groupBy);
  exact<number>()(report.minGroup);
  exact<number>()(report.needed);
  exact<number>()(report.leftOut);
  exact<number>()(report.rejectedTotal);
  exact<number | undefined>()(report.rejectedCounts["not-a-result"]);
  exact<"same-results" | "shared-results" | "too-few" | undefined>()(report.previousWithheld);
  for (const r of report.rejected) {
    exact<string>()(r.source);
    exact<string>()(r.reason);
    exact<Reason>()(r.code);
  }
  for (const g of report.groups) {
    exact<string>()(g.id);
    exact<string>()(g.title);
    exact<number>()(g.n);
  }
  const d: TeamDimension | undefined = report.dimensions[0];
  if (d) {
    exact<number | null>()(d.mean);
    exact<number | null>()(d.median);
    exact<number | null>()(d.sd);
    exact<number | null>()(d.q1);
    exact<number | null>()(d.q3);
    exact<number[] | null>()(d.levelCounts);
    exact<number>()(d.dontKnowShare);
    exact<number>()(d.leftOut);
    exact<number>()(d.n);
    for (const g of d.groups) exact<number | null>()(g.mean);
  }
  exact<number | null>()(report.overall.score);
  exact<number | null>()(report.overall.level);
  exact<string | null>()(report.overall.cappedBy);
  for (const g of report.gaps) {
    exact<string>()(g.dimensionId);
    exact<string>()(g.higher);
    exact<string>()(g.lower);
    exact<number>()(g.difference);
  }
  for (const x of report.disagreements) exact<number>()(x.sd);
  for (const s of report.statements) {
    exact<number | null>()(s.mean);
    exact<number>()(s.dontKnowShare);
    exact<number | null>()(s.largestGap);
  }
  for (const r of report.recommendations) exact<string>()(r.why);
  const previous: Comparison | null | undefined = report.previous;
  if (previous) {
    exact<number>()(previous.respondents);
    exact<number | null>()(previous.overall.change);
    for (const c of previous.dimensions) {
      exact<number | null>()(c.change);
      for (const g of c.groups) exact<number | null>()(g.change);
    }
  }
  exact<TeamReport | null>()(handle.report());
  handle.destroy();
}
