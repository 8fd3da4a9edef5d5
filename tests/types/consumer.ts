// A TypeScript host of the npm package, written against its generated declarations
// (pkg/cx_scorecard.d.ts). tests/pages/types.test.mjs type-checks it with `tsc --strict` and
// expects no diagnostic: it uses every option of `MountOptions`, every method of `Handle`, every
// callback, and reads every field of the result as exactly the type the widget sends (the
// embedding contract), so a declaration that is missing, misspelt, `any`, or wider or narrower
// than the JSON (`undefined` for `null`, no `| null`) fails to compile here.
import init, {
  mount,
  registerLocale,
  validateDefinition,
  type AnswerRecord,
  type AssessmentRef,
  type AssessmentResult,
  type Cta,
  type Attribution,
  type Benchmark,
  type Consent,
  type Definition,
  type DimensionResult,
  type ErrorDetail,
  type Handle,
  type InitOutput,
  type LanguagePack,
  type Lead,
  type LeadConfig,
  type LeadDetail,
  type MountOptions,
  type OverallResult,
  type Previous,
  type PreviousDimension,
  type PreviousOverall,
  type ProfileAnswer,
  type Progress,
  type Recommendation,
  type Rules,
  type Scheme,
  type ThemeProperties,
  type ValidationProblem,
} from "cx-scorecard";

// ---------------------------------------------------------------------------------------------
// Exact types

/** Whether `A` and `B` are the same type: neither wider nor narrower, and `any` only equals `any`. */
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

/** Compiles only when `T` is `true` (for checks on types, such as a callback's parameters). */
type Assert<T extends true> = T;

/**
 * `exact<T>()(value)` is `value` as a `T`, and compiles only if the declared type of `value` is
 * exactly `T`. A mismatch shows as "Expected 3 arguments, but got 1" on that line.
 */
function exact<T>() {
  return <V>(value: V, ...mismatch: Same<V, T> extends true ? [] : [expected: T, declared: V]): T =>
    value as unknown as T;
}

// ---------------------------------------------------------------------------------------------
// The surface: every name a host uses, with the shape the embedding contract gives it

export type CheckSurface = [
  // mount(element, options?) → Handle; options are optional.
  Assert<Same<Parameters<typeof mount>, [element: HTMLElement, options?: MountOptions]>>,
  Assert<Same<ReturnType<typeof mount>, Handle>>,
  Assert<Same<Parameters<typeof validateDefinition>, [definition: Definition | string]>>,
  Assert<Same<ReturnType<typeof validateDefinition>, ValidationProblem[]>>,
  Assert<Same<Parameters<typeof registerLocale>, [pack: LanguagePack | string]>>,
  Assert<Same<ReturnType<typeof registerLocale>, void>>,
  Assert<Same<Awaited<ReturnType<typeof init>>, InitOutput>>,
  // Exactly these options; each of them is used below. (A new option fails here until it is.)
  Assert<
    Same<
      keyof MountOptions,
      | "definition"
      | "definitionSrc"
      | "locale"
      | "autosave"
      | "theme"
      | "leadCapture"
      | "submitUrl"
      | "dataLayer"
      | "targetOrigins"
      | "storageKey"
      | "attribution"
      | "cta"
      | "resultCode"
      | "onReady"
      | "onProgress"
      | "onComplete"
      | "onLead"
      | "onError"
    >
  >,
  // Every option may be left out (`mount(element, {})` is the default assessment).
  Assert<Same<MountOptions, Partial<MountOptions>>>,
  // What each callback is called with (see embed/outlet.rs): `ready` an empty object, `complete`
  // the result itself (the DOM event's detail is `{result}`), the others their event's detail.
  Assert<Same<Parameters<NonNullable<MountOptions["onReady"]>>, [detail: Record<string, never>]>>,
  Assert<Same<Parameters<NonNullable<MountOptions["onProgress"]>>, [detail: Progress]>>,
  Assert<Same<Parameters<NonNullable<MountOptions["onComplete"]>>, [result: AssessmentResult]>>,
  Assert<Same<Parameters<NonNullable<MountOptions["onLead"]>>, [detail: LeadDetail]>>,
  Assert<Same<Parameters<NonNullable<MountOptions["onError"]>>, [detail: ErrorDetail]>>,
  // Exactly the result's fields of the contract (`lead` only when captured); each is read below.
  Assert<
    Same<
      keyof AssessmentResult,
      | "schemaVersion"
      | "id"
      | "assessment"
      | "locale"
      | "startedAt"
      | "completedAt"
      | "profile"
      | "answers"
      | "dimensions"
      | "overall"
      | "recommendations"
      | "lead"
      | "attribution"
      | "previous"
    >
  >,
  Assert<Same<keyof Previous, "completedAt" | "overall" | "dimensions">>,
  Assert<Same<keyof PreviousOverall, "score" | "level">>,
  Assert<Same<keyof PreviousDimension, "id" | "score">>,
  Assert<Same<keyof AssessmentRef, "id" | "version" | "title">>,
  Assert<Same<keyof AnswerRecord, "questionId" | "dimensionId" | "value">>,
  Assert<
    Same<
      keyof DimensionResult,
      "id" | "title" | "weight" | "critical" | "score" | "level" | "levelName" | "evidenceGap"
    >
  >,
  Assert<Same<keyof OverallResult, "score" | "level" | "levelName" | "cappedBy" | "gate">>,
  Assert<Same<keyof Recommendation, "dimensionId" | "level" | "text" | "why">>,
  Assert<Same<keyof Consent, "text" | "privacyPolicyUrl" | "at">>,
  Assert<Same<keyof Progress, "answered" | "total">>,
  Assert<Same<keyof ErrorDetail, "code" | "message">>,
  Assert<Same<keyof LeadDetail, "lead" | "result">>,
  Assert<Same<keyof ValidationProblem, "path" | "message">>,
  Assert<Same<keyof Handle, "result" | "reset" | "setLocale" | "destroy" | "free">>,
];

// ---------------------------------------------------------------------------------------------
// A host's own assessment: every field of a definition, and valid (validateDefinition finds
// nothing in it)

export const definition: Definition = {
  id: "support-quick-check",
  version: "2.1.0",
  title: { en: "Support desk quick check", de: "Schnellcheck Kundenservice" },
  intro: "Eight statements about how your support desk works today. There are no wrong answers.",
  estimatedMinutes: 3,
  scale: {
    options: [
      { value: 1, label: { en: "Strongly disagree", de: "Trifft gar nicht zu" } },
      { value: 2, label: { en: "Disagree", de: "Trifft eher nicht zu" } },
      { value: 3, label: { en: "Neither agree nor disagree", de: "Teils, teils" } },
      { value: 4, label: { en: "Agree", de: "Trifft eher zu" } },
      { value: 5, label: { en: "Strongly agree", de: "Trifft voll zu" } },
    ],
    dontKnow: { en: "Don't know", de: "Weiß nicht" },
  },
  levels: [
    { level: 1, min: 0, name: "Reactive", description: "Tickets are handled as they arrive." },
    { level: 2, min: 45, name: "Managed" },
    { level: 3, min: 75, name: "Proactive", description: "Demand is anticipated and prevented." },
  ],
  rules: {
    evidenceGapDontKnow: 2,
    evidenceGapMaxLevel: 2,
    criticalCapMargin: 1,
    topLevelGate: { level: 3, minDimensionScore: 60 },
  },
  dimensions: [
    {
      id: "channels",
      title: { en: "Channels", de: "Kanäle" },
      description: "How customers reach you, and how consistently.",
      weight: 2,
      critical: true,
      statements: [
        { id: "channels.s1", text: "Customers get the same answer on every channel." },
        { id: "channels.s2", text: "Customers often have to repeat themselves.", reverse: true },
        { id: "channels.s3", text: "We publish the response time of each channel." },
        { id: "channels.s4", text: "A conversation can move from chat to phone with its history." },
      ],
      recommendations: [
        { level: 1, text: "Write down one answer per top-ten question and use it everywhere." },
        { level: 2, text: "Carry the conversation history across channels." },
        { level: 3, text: "Route by intent, not by channel." },
      ],
    },
    {
      id: "knowledge",
      title: "Knowledge",
      weight: 1,
      statements: [
        { id: "knowledge.s1", text: "Agents find the right article within a minute." },
        { id: "knowledge.s2", text: "Articles are reviewed at least twice a year." },
        { id: "knowledge.s3", text: "Customers can search the same knowledge base." },
        { id: "knowledge.s4", text: "Every new product ships with its articles." },
      ],
      recommendations: [
        { level: 1, text: "Give every article an owner and a review date." },
        { level: 2, text: "Publish the internal articles customers ask about most." },
        { level: 3, text: "Use search misses to decide what to write next." },
      ],
    },
  ],
  profile: [
    {
      id: "role",
      label: { en: "Your role", de: "Ihre Rolle" },
      required: true,
      options: [
        { id: "agent", label: "Agent" },
        { id: "lead", label: "Team lead" },
        { id: "head", label: "Head of support" },
      ],
    },
    {
      id: "offered",
      label: "Channels you offer",
      multiple: true,
      options: [
        { id: "phone", label: "Phone" },
        { id: "email", label: "Email" },
        { id: "chat", label: "Chat" },
      ],
    },
  ],
  benchmarks: [{ text: "Half of support teams publish no response times.", source: "Example Research", year: 2025 }],
};

/** The definition checked before it is given to a widget: each problem as "path: message". */
export function problemsIn(candidate: Definition | string): string[] {
  const problems: ValidationProblem[] = validateDefinition(candidate);
  return problems.map((p) => {
    const path = exact<string>()(p.path);
    const message = exact<string>()(p.message);
    return path === "" ? message : `${path}: ${message}`;
  });
}

// ---------------------------------------------------------------------------------------------
// Language packs (of the default assessment)

/** Registers a pack fetched as text (`pkg/locales/de.json`), so the widget requests nothing. */
export async function preloadGerman(packUrl: URL): Promise<void> {
  const response = await fetch(packUrl);
  registerLocale(await response.text());
}

/** Registers a pack given as an object; returns which language it holds. */
export function addPack(pack: LanguagePack): string {
  const assessment = exact<string>()(pack.assessment);
  const version = exact<string>()(pack.version);
  const texts = exact<(string | null)[]>()(pack.texts);
  const ui = exact<Record<string, string> | undefined>()(pack.ui);
  const engine = exact<Record<string, string> | undefined>()(pack.engine);
  const missing = texts.filter((t) => t === null).length;
  console.info(`${assessment} ${version}: ${missing} texts untranslated, ${Object.keys(ui ?? {}).length + Object.keys(engine ?? {}).length} strings`);
  registerLocale(pack);
  return exact<string>()(pack.locale);
}

// ---------------------------------------------------------------------------------------------
// Reading the result: every field, as exactly the type the JSON has

/** One line per part of a result, as a host might log or forward it. */
export function describeResult(r: AssessmentResult): string[] {
  const lines: string[] = [];

  const schemaVersion = exact<number>()(r.schemaVersion);
  // The completion's id, which the submission also sends as its Idempotency-Key (an optional
  // field by the contract's additions: results from before it have none; the widget always sets it).
  const id = exact<string | undefined>()(r.id);
  const assessment = exact<AssessmentRef>()(r.assessment);
  const assessmentId = exact<string>()(assessment.id);
  const assessmentVersion = exact<string>()(assessment.version);
  const assessmentTitle = exact<string>()(assessment.title);
  const locale = exact<string>()(r.locale);
  const startedAt = exact<string>()(r.startedAt);
  const completedAt = exact<string>()(r.completedAt);
  const minutes = (Date.parse(completedAt) - Date.parse(startedAt)) / 60_000;
  lines.push(`v${schemaVersion} ${assessmentId}@${assessmentVersion} "${assessmentTitle}" (${locale}), ${minutes.toFixed(1)} min, ${id}`);

  // Profile answers: one option id, or several for a question with `multiple`.
  const profile = exact<Record<string, ProfileAnswer>>()(r.profile);
  for (const [question, answer] of Object.entries(profile)) {
    const chosen = exact<string | string[]>()(answer);
    lines.push(`profile ${question}: ${typeof chosen === "string" ? chosen : chosen.join("+")}`);
  }

  const answers = exact<AnswerRecord[]>()(r.answers);
  for (const a of answers) {
    const questionId = exact<string>()(a.questionId);
    const dimensionId = exact<string>()(a.dimensionId);
    const value = exact<number | null>()(a.value); // null for "Don't know"
    lines.push(`answer ${dimensionId}/${questionId}: ${value ?? "don't know"}`);
  }

  const dimensions = exact<DimensionResult[]>()(r.dimensions);
  for (const d of dimensions) {
    const id = exact<string>()(d.id);
    const title = exact<string>()(d.title);
    const weight = exact<number>()(d.weight);
    const critical = exact<boolean>()(d.critical);
    const score = exact<number | null>()(d.score); // null when unassessed
    const level = exact<number | null>()(d.level);
    const levelName = exact<string | null>()(d.levelName);
    const evidenceGap = exact<boolean>()(d.evidenceGap);
    lines.push(
      `dimension ${id} "${title}" ×${weight}${critical ? " critical" : ""}: ` +
        (score === null ? "unassessed" : `${score.toFixed(1)}, level ${level} ${levelName}`) +
        (evidenceGap ? " (evidence gap)" : ""),
    );
  }

  const overall = exact<OverallResult>()(r.overall);
  const overallScore = exact<number | null>()(overall.score);
  const overallLevel = exact<number | null>()(overall.level);
  const overallName = exact<string | null>()(overall.levelName);
  const cappedBy = exact<string | null>()(overall.cappedBy); // the reason, or null
  const gate = exact<string | null>()(overall.gate); // the reason, or null
  lines.push(`overall ${overallScore?.toFixed(1) ?? "–"}, level ${overallLevel ?? "–"} ${overallName ?? ""}`);
  if (cappedBy !== null) lines.push(`capped: ${cappedBy}`);
  if (gate !== null) lines.push(`gate: ${gate}`);

  const recommendations = exact<Recommendation[]>()(r.recommendations);
  for (const rec of recommendations) {
    const dimensionId = exact<string>()(rec.dimensionId);
    const level = exact<number>()(rec.level);
    const text = exact<string>()(rec.text);
    const why = exact<string>()(rec.why);
    lines.push(`recommendation ${dimensionId} L${level}: ${text} (${why})`);
  }

  // Only when a lead was captured, with consent.
  const lead = exact<Lead | undefined>()(r.lead);
  if (lead !== undefined) lines.push(...describeLead(lead));
  // Only with the attribution option: where the respondent came from.
  const attribution = exact<Attribution | undefined>()(r.attribution);
  if (attribution !== undefined) {
    const fields = [
      exact<string | undefined>()(attribution.utmSource),
      exact<string | undefined>()(attribution.utmMedium),
      exact<string | undefined>()(attribution.utmCampaign),
      exact<string | undefined>()(attribution.utmTerm),
      exact<string | undefined>()(attribution.utmContent),
      exact<string | undefined>()(attribution.landingPath),
      exact<string | undefined>()(attribution.referrer),
    ];
    lines.push(`from ${fields.map((f) => f ?? "-").join(" ")}`);
  }
  // Only when an earlier completion is kept in this browser.
  const previous = exact<Previous | undefined>()(r.previous);
  if (previous !== undefined) {
    const at = exact<string>()(previous.completedAt);
    const score = exact<number | null>()(previous.overall.score);
    const level = exact<number | null>()(previous.overall.level);
    lines.push(`previously ${at}: ${score ?? "unassessed"} (L${level ?? "-"})`);
    for (const d of exact<PreviousDimension[]>()(previous.dimensions)) {
      lines.push(`previously ${exact<string>()(d.id)}: ${exact<number | null>()(d.score) ?? "unassessed"}`);
    }
  }
  return lines;
}

/** A consented lead: its consent record, a built-in field and a custom one. */
export function describeLead(lead: Lead): string[] {
  const consent = exact<Consent>()(lead.consent);
  const consentText = exact<string>()(consent.text);
  const privacyPolicyUrl = exact<string | undefined>()(consent.privacyPolicyUrl);
  const consentedAt = exact<string>()(consent.at);
  // Entered values by field id; an empty one is left out, so any of them may be missing.
  const email = exact<string | Consent | undefined>()(lead["email"]);
  const teamSize = exact<string | Consent | undefined>()(lead["team-size"]);
  const values = Object.entries(lead).filter((e): e is [string, string] => typeof e[1] === "string");
  return [
    `lead ${typeof email === "string" ? email : "(no email)"}, team ${typeof teamSize === "string" ? teamSize : "?"}`,
    `lead fields: ${values.map(([k, v]) => `${k}=${v}`).join(", ")}`,
    `consent at ${consentedAt}: "${consentText}"${privacyPolicyUrl === undefined ? "" : ` (${privacyPolicyUrl})`}`,
  ];
}

// ---------------------------------------------------------------------------------------------
// Mounting: every option, every callback, every handle method

const theme: ThemeProperties = {
  scheme: "dark",
  accent: "#0b57d0",
  accentText: "#ffffff",
  background: "#14181d",
  text: "#e8eaed",
  font: "Inter, system-ui, sans-serif",
  radius: "8px",
};

const leadCapture: LeadConfig = {
  mode: "before-results",
  fields: [
    { type: "name" },
    { type: "email", required: true, label: "Work email" },
    { type: "company" },
    { type: "role" },
    { id: "team-size", type: "choice", label: "Team size", options: ["1–10", "11–50", "51 or more"], required: true },
    { id: "goal", type: "text", label: "What would you like to improve first?" },
  ],
  consentText: "I agree that Example Ltd may keep these details with my results and contact me about them.",
  privacyPolicyUrl: "https://example.com/privacy",
  allowSkip: true,
};

/**
 * The widget on a product page: the host's own assessment, a dark theme, a lead form, results
 * posted to the CRM and pushed to the tag manager, and every event logged through `log`.
 */
export async function embed(element: HTMLElement, log: (line: string) => void): Promise<Handle> {
  const wasm: InitOutput = await init({ module_or_path: new URL("./cx_scorecard_bg.wasm", import.meta.url) });
  log(`wasm memory: ${wasm.memory.buffer.byteLength} bytes`);
  for (const problem of problemsIn(JSON.stringify(definition))) log(`definition: ${problem}`);

  const options: MountOptions = {
    definition,
    locale: "en",
    autosave: false,
    theme,
    leadCapture,
    submitUrl: "https://crm.example.com/api/cx-results",
    dataLayer: true,
    storageKey: "pricing-page",
    attribution: "full",
    cta: [
      { id: "workshop", text: "Book a workshop", url: "https://example.com/workshop", when: { level: [1, 2] } },
      { id: "guide", text: { en: "Read the guide", de: "Zum Leitfaden" }, url: "/guide", description: "Ten pages", when: { dimension: "d6", level: [1] } },
    ] satisfies Cta[],
    resultCode: true,
    onReady: (detail: Record<string, never>) => log(`ready ${JSON.stringify(detail)}`),
    onProgress: (p: Progress) => {
      const answered = exact<number>()(p.answered);
      const total = exact<number>()(p.total);
      log(`progress ${answered}/${total}`);
    },
    onComplete: (result: AssessmentResult) => {
      for (const line of describeResult(result)) log(`complete: ${line}`);
    },
    onLead: (detail: LeadDetail) => {
      const lead = exact<Lead>()(detail.lead);
      // null when the form comes before the first statement (leadCapture mode "before-start").
      const result = exact<AssessmentResult | null>()(detail.result);
      for (const line of describeLead(lead)) log(`lead: ${line}`);
      log(`lead: for ${result?.assessment.id ?? "a result to come"}, overall ${result?.overall.level ?? "unassessed"}`);
    },
    onError: (e: ErrorDetail) => {
      const code = exact<string>()(e.code);
      const message = exact<string>()(e.message);
      log(`error ${code}: ${message}`);
    },
  };
  return mount(element, options);
}

/**
 * A partner's iframe page: the assessment fetched from a URL, in Swiss German, a light scheme,
 * the default lead form, results pushed onto the partner's own array, and messages only to the
 * partner's origin. (`definitionSrc` cannot be given together with `definition`.)
 */
export function embedForPartner(element: HTMLElement): Handle {
  const scheme: Scheme = "light";
  return mount(element, {
    definitionSrc: "https://assessments.example.com/support-quick-check.json",
    locale: "de-CH",
    autosave: "on",
    theme: scheme,
    leadCapture: "before-results",
    dataLayer: "partnerQueue",
    targetOrigins: ["https://partner.example", "https://www.partner.example"],
    storageKey: "partner",
  });
}

/** The default assessment with no options at all. */
export function embedDefault(element: HTMLElement, other: HTMLElement): Handle[] {
  return [mount(element), mount(other, {})];
}

/** What a host does with the handle later on. */
export function afterwards(handle: Handle, log: (line: string) => void): void {
  const result = exact<AssessmentResult | null>()(handle.result());
  if (result === null) {
    log("not complete yet");
  } else {
    for (const line of describeResult(result)) log(`result: ${line}`);
  }
  handle.setLocale("de");
  handle.reset();
}

/** Removing the widget: `free()` is the same as `destroy()`. */
export function remove(handle: Handle, how: "destroy" | "free"): void {
  if (how === "destroy") {
    handle.destroy();
  } else {
    handle.free();
  }
}

// What a definition may leave out, it may leave out in TypeScript too: no top-level gate, an
// undated benchmark.
export const ungated: Rules = { evidenceGapDontKnow: 2, evidenceGapMaxLevel: 3, criticalCapMargin: 1 };
export const undated: Benchmark = { text: "Most teams measure first response time.", source: "Example Research" };
