//! The team report, and the rules that keep every respondent anonymous in it. Whoever runs the
//! report holds the raw results anyway; the report is what gets shared. So no figure in it, and no
//! difference between two of its figures, describes 1 to `min_group − 1` respondents:
//! - below `min_group` respondents in all, the report holds only how many there are;
//! - a group is shown with `min_group` respondents or more, a group's cell (a dimension, a
//!   statement) with `min_group` scores or more;
//! - the respondents outside the groups (or cells) shown count in the team's figures only when
//!   they are `min_group` or more (or none): fewer are left out, since the team's figure minus
//!   the groups' would describe them;
//! - never the lowest or highest score; the median and quartiles from `max(2·min_group, 10)`
//!   scores, the standard deviation from `min_group`.

use super::compare::{Comparison, PreviousWithheld};
use super::stats::{Stats, Sum};
use super::{DimensionTally, Reason, Rejected, StatementTally, Team, TeamTexts, DISAGREEMENT, EVIDENCE_GAP_SHARE, GAP};
use crate::engine::messages::{fill, Messages, Wording};
use crate::engine::result::{AssessmentRef, OverallResult, Recommendation};
use crate::engine::scoring::{combine, round1, Raw};
use serde::Serialize;
use std::collections::BTreeMap;

#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(all(target_arch = "wasm32", feature = "team"), derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GroupRef {
    pub id: String,
    pub title: String,
    pub n: usize,
}

/// A shown group's cell: how many of its respondents scored it, and their mean when they are
/// at least `minGroup`.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(all(target_arch = "wasm32", feature = "team"), derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupMean {
    pub id: String,
    pub n: usize,
    pub mean: Option<f64>,
}

#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(all(target_arch = "wasm32", feature = "team"), derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TeamDimension {
    pub id: String,
    pub title: String,
    /// The team's figures: `n` respondents who scored it, their mean, the median and the middle
    /// half (quartiles) from `max(2·minGroup, 10)` of them, the standard deviation from `minGroup`.
    #[serde(flatten)]
    pub stats: Stats,
    /// Respondents at level 1…5 in this dimension; `null` when a level holds 1 to `minGroup − 1`.
    pub level_counts: Option<Vec<usize>>,
    pub dont_know_share: f64,
    /// Respondents outside the group cells shown, too few to count without being singled out.
    pub left_out: usize,
    pub groups: Vec<GroupMean>,
}

#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(all(target_arch = "wasm32", feature = "team"), derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Gap {
    pub dimension_id: String,
    pub higher: String,
    pub lower: String,
    pub difference: f64,
}

#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(all(target_arch = "wasm32", feature = "team"), derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Disagreement {
    pub dimension_id: String,
    pub sd: f64,
}

#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(all(target_arch = "wasm32", feature = "team"), derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TeamStatement {
    pub id: String,
    pub dimension_id: String,
    pub mean: Option<f64>,
    pub dont_know_share: f64,
    /// The largest difference between two shown groups' means (reverse-corrected, 1–5).
    pub largest_gap: Option<f64>,
    /// Respondents outside the group cells shown, too few to count without being singled out.
    pub left_out: usize,
}

/// The team report (`kind: "team"`).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(
    all(target_arch = "wasm32", feature = "team"),
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TeamReport {
    pub schema_version: u32,
    pub kind: String,
    pub assessment: AssessmentRef,
    pub locale: String,
    pub group_by: String,
    /// The smallest number of respondents a figure describes.
    pub min_group: usize,
    pub respondents: usize,
    /// How many more respondents are needed before any figure is shown (0 once there are
    /// `minGroup`): until then groups, dimensions, statements and the rest are empty.
    pub needed: usize,
    /// Respondents outside the groups shown, left out of every figure because they are fewer
    /// than `minGroup`.
    pub left_out: usize,
    /// The first 100 inputs not added, with their reasons.
    pub rejected: Vec<Rejected>,
    /// Every input not added, listed or not.
    pub rejected_total: usize,
    /// How many inputs were not added, by reason.
    #[cfg_attr(all(target_arch = "wasm32", feature = "team"), tsify(type = "Partial<Record<Reason, number>>"))]
    pub rejected_counts: BTreeMap<Reason, usize>,
    pub groups: Vec<GroupRef>,
    pub dimensions: Vec<TeamDimension>,
    pub overall: OverallResult,
    pub gaps: Vec<Gap>,
    pub disagreements: Vec<Disagreement>,
    pub statements: Vec<TeamStatement>,
    pub recommendations: Vec<Recommendation>,
    /// With a previous round: the change per dimension and group since then.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub previous: Option<Comparison>,
    /// With a previous round whose change is not shown: why.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub previous_withheld: Option<PreviousWithheld>,
}

/// Which sets of respondents the report's figures are made of.
struct View {
    k: usize,
    /// Groups shown (at least `k` respondents), by index.
    shown: Vec<usize>,
    /// Per bucket: whether the team's figures count it.
    counted: Vec<bool>,
    /// Respondents outside the groups shown, left out of every figure.
    left_out: usize,
}

/// A set of a cell's counts: the team's, with the group cells shown.
struct Cell<T> {
    team: T,
    /// (group, its respondents in the cell, the cell's counts when shown).
    groups: Vec<(usize, usize, Option<Sum>)>,
    left_out: usize,
}

impl Team {
    fn view(&self) -> View {
        let k = self.min_group;
        let shown: Vec<usize> = (0..self.groups.len()).filter(|&g| self.buckets[g].n >= k).collect();
        let rest = self.respondents() - shown.iter().map(|&g| self.buckets[g].n).sum::<usize>();
        let rest_counts = rest == 0 || rest >= k;
        let counted = (0..self.buckets.len()).map(|b| shown.contains(&b) || rest_counts).collect();
        View { k, shown, counted, left_out: if rest_counts { 0 } else { rest } }
    }

    /// A cell's counts over the counted buckets (`part` picks the cell, `n` counts its scores),
    /// without the respondents outside the shown group cells when they are too few.
    fn cell<'a, T: Default + 'a>(
        &'a self,
        view: &View,
        part: impl Fn(usize) -> &'a T,
        merge: impl Fn(&mut T, &T),
        n: impl Fn(&T) -> Sum,
    ) -> Cell<T> {
        let groups: Vec<(usize, usize, Option<Sum>)> = view
            .shown
            .iter()
            .map(|&g| {
                let sum = n(part(g));
                (g, sum.n, (sum.n >= view.k).then_some(sum))
            })
            .collect();
        let mut team = T::default();
        for b in (0..self.buckets.len()).filter(|&b| view.counted[b]) {
            merge(&mut team, part(b));
        }
        let visible: usize = groups.iter().filter_map(|g| g.2).map(|s| s.n).sum();
        let rest = n(&team).n - visible;
        if rest == 0 || rest >= view.k {
            return Cell { team, groups, left_out: 0 };
        }
        let mut team = T::default();
        for &(g, _, _) in groups.iter().filter(|g| g.2.is_some()) {
            merge(&mut team, part(g));
        }
        Cell { team, groups, left_out: rest }
    }

    fn dimension_cell(&self, view: &View, di: usize) -> Cell<DimensionTally> {
        self.cell(view, |b| &self.buckets[b].dimensions[di], DimensionTally::merge, |d| d.scores.sum())
    }

    fn statement_cell(&self, view: &View, at: usize) -> Cell<StatementTally> {
        self.cell(view, |b| &self.buckets[b].statements[at], StatementTally::merge, |s| s.values)
    }

    /// The report in `w`'s language (English texts where the definition has no other), with the
    /// team's sentences from `t`.
    pub fn report(&self, w: &Wording, t: &TeamTexts) -> TeamReport {
        let mut report = self.bare_report(w.locale, t);
        if self.respondents() < self.min_group {
            report.needed = self.min_group - self.respondents();
            return report;
        }
        let view = self.view();
        report.left_out = view.left_out;
        report.groups = view
            .shown
            .iter()
            .map(|&g| GroupRef {
                id: self.groups[g].id.clone(),
                title: self.groups[g].title(w.locale, t),
                n: self.buckets[g].n,
            })
            .collect();
        let mut raws = Vec::new();
        for di in 0..self.def.dimensions.len() {
            let (dimension, raw) = self.dimension(&view, di, w.locale, &mut report.gaps);
            report.dimensions.push(dimension);
            raws.push(raw);
        }
        report.statements = self.statements(&view);
        report.gaps.sort_by(|a, b| b.difference.total_cmp(&a.difference));
        report.disagreements = disagreements(&report.dimensions);
        self.conclude(&mut report, &raws, w, t);
        report
    }

    /// The report with no figures: what it is of, and what was not added.
    fn bare_report(&self, locale: &str, t: &TeamTexts) -> TeamReport {
        let def = &self.def;
        TeamReport {
            schema_version: 2,
            kind: "team".into(),
            assessment: AssessmentRef {
                id: def.id.clone(),
                version: def.version.clone(),
                title: def.title.get(locale).to_string(),
            },
            locale: locale.into(),
            group_by: self.group_by.clone(),
            min_group: self.min_group,
            respondents: self.respondents(),
            needed: 0,
            left_out: 0,
            rejected: self
                .rejected
                .listed
                .iter()
                .map(|r| Rejected {
                    source: super::place(&r.origin.0, r.origin.1, t),
                    reason: t.reason(r.code).into(),
                    code: r.code,
                    origin: r.origin.clone(),
                })
                .collect(),
            rejected_total: self.rejected.total(),
            rejected_counts: self.rejected.counts.clone(),
            groups: Vec::new(),
            dimensions: Vec::new(),
            overall: OverallResult { score: None, level: None, level_name: None, capped_by: None, gate: None },
            gaps: Vec::new(),
            disagreements: Vec::new(),
            statements: Vec::new(),
            recommendations: Vec::new(),
            previous: None,
            previous_withheld: None,
        }
    }

    /// One dimension's figures, its input to the team's level, and its gaps between groups.
    fn dimension(&self, view: &View, di: usize, locale: &str, gaps: &mut Vec<Gap>) -> (TeamDimension, Raw) {
        let d = &self.def.dimensions[di];
        let cell = self.dimension_cell(view, di);
        let team = &cell.team;
        let k = view.k;
        let dont_know_share = if team.given > 0 { team.dont_know as f64 / team.given as f64 } else { 0.0 };
        for (i, &(a, _, x)) in cell.groups.iter().enumerate() {
            for &(b, _, y) in &cell.groups[i + 1..] {
                if let (Some(x), Some(y)) = (x, y) {
                    gaps.extend(self.gap(&d.id, (a, x), (b, y)));
                }
            }
        }
        let levels_safe = team.levels.iter().all(|&n| n == 0 || n >= k);
        let dimension = TeamDimension {
            id: d.id.clone(),
            title: d.title.get(locale).to_string(),
            stats: team.scores.stats(k, (2 * k).max(10)),
            level_counts: levels_safe.then(|| team.levels.to_vec()),
            dont_know_share: share(dont_know_share),
            left_out: cell.left_out,
            groups: cell
                .groups
                .iter()
                .map(|&(g, n, sum)| GroupMean {
                    id: self.groups[g].id.clone(),
                    n,
                    mean: sum.and_then(|s| s.mean(10.0)).map(round1),
                })
                .collect(),
        };
        let raw = Raw {
            raw: team.scores.sum().mean(10.0).map(round1),
            evidence_gap: dont_know_share >= EVIDENCE_GAP_SHARE,
            answered: team.given - team.dont_know,
            dont_know: team.dont_know,
        };
        (dimension, raw)
    }

    /// The gap between two group cells' means, if they are 15 points or more apart: decided
    /// exactly (|Σa/na − Σb/nb| ≥ 150 tenths), reported at one decimal.
    fn gap(&self, dimension: &str, (a, sa): (usize, Sum), (b, sb): (usize, Sum)) -> Option<Gap> {
        let apart = (i128::from(sa.sum) * sb.n as i128 - i128::from(sb.sum) * sa.n as i128).abs();
        if apart < (GAP as i128) * 10 * sa.n as i128 * sb.n as i128 {
            return None;
        }
        let (x, y) = (sa.mean(10.0)?, sb.mean(10.0)?);
        let (higher, lower) = if x >= y { (a, b) } else { (b, a) };
        Some(Gap {
            dimension_id: dimension.into(),
            higher: self.groups[higher].id.clone(),
            lower: self.groups[lower].id.clone(),
            difference: round1((x - y).abs()),
        })
    }

    fn statements(&self, view: &View) -> Vec<TeamStatement> {
        let mut out = Vec::with_capacity(self.order.len());
        let mut at = 0;
        for d in &self.def.dimensions {
            for s in &d.statements {
                let cell = self.statement_cell(view, at);
                at += 1;
                let means: Vec<f64> = cell.groups.iter().filter_map(|g| g.2).filter_map(|s| s.mean(1.0)).collect();
                let largest_gap = (means.len() >= 2).then(|| {
                    round1(
                        means.iter().copied().fold(f64::MIN, f64::max) - means.iter().copied().fold(f64::MAX, f64::min),
                    )
                });
                let team = cell.team;
                out.push(TeamStatement {
                    id: s.id.clone(),
                    dimension_id: d.id.clone(),
                    mean: team.values.mean(1.0).map(round1),
                    dont_know_share: if team.given > 0 {
                        share(team.dont_know as f64 / team.given as f64)
                    } else {
                        0.0
                    },
                    largest_gap,
                    left_out: cell.left_out,
                });
            }
        }
        out
    }

    /// The team's level and recommendations from its dimensions, each recommendation saying why
    /// with the dimension's largest gap and its disagreement.
    fn conclude(&self, report: &mut TeamReport, raws: &[Raw], w: &Wording, t: &TeamTexts) {
        let def = &self.def;
        let card = combine(def, raws);
        // A team's recommendations say "the team's weakest dimension", not "your".
        let messages = Messages { weakest: t.weakest, strongest: t.strongest, ..*w.messages };
        let wording = Wording { locale: w.locale, messages: &messages, number: w.number };
        report.overall = OverallResult {
            score: card.overall.score,
            level: card.overall.level,
            level_name: card.overall.level.map(|l| def.level_name(l, w.locale)),
            capped_by: card.overall.capped_by.as_ref().map(|c| crate::engine::result::cap_reason(def, c, &wording)),
            gate: card.overall.gate.as_ref().map(|g| crate::engine::result::gate_reason(def, g, &wording)),
        };
        let mut recommendations = crate::engine::result::recommendations(def, &card, &wording);
        let title =
            |g: &str| self.groups.iter().find(|x| x.id == g).map_or_else(|| g.to_string(), |x| x.title(w.locale, t));
        for r in &mut recommendations {
            // The largest gap of the dimension (gaps are sorted), then its disagreement.
            if let Some(g) = report.gaps.iter().find(|g| g.dimension_id == r.dimension_id) {
                r.why.push(' ');
                r.why.push_str(&fill(
                    t.why_gap,
                    &[
                        ("higher", title(&g.higher)),
                        ("lower", title(&g.lower)),
                        ("difference", (w.number)(g.difference)),
                    ],
                ));
            }
            if let Some(d) = report.disagreements.iter().find(|d| d.dimension_id == r.dimension_id) {
                r.why.push(' ');
                r.why.push_str(&fill(t.why_disagreement, &[("sd", (w.number)(d.sd))]));
            }
        }
        report.recommendations = recommendations;
    }
}

/// A share at four decimals (a tenth of a percent), written as such (`0.1053`).
fn share(x: f64) -> f64 {
    (x * 10000.0).round() / 10000.0
}

/// The dimensions with no shared view (a standard deviation of 20 or more), widest first.
fn disagreements(dimensions: &[TeamDimension]) -> Vec<Disagreement> {
    let mut out: Vec<Disagreement> = dimensions
        .iter()
        .filter_map(|d| {
            d.stats.sd.filter(|&sd| sd >= DISAGREEMENT).map(|sd| Disagreement { dimension_id: d.id.clone(), sd })
        })
        .collect();
    out.sort_by(|a, b| b.sd.total_cmp(&a.sd));
    out
}

/// The five statements with the largest group differences, largest first.
pub fn most_divided(report: &TeamReport) -> Vec<&TeamStatement> {
    let mut s: Vec<&TeamStatement> = report.statements.iter().filter(|s| s.largest_gap.is_some()).collect();
    s.sort_by(|a, b| b.largest_gap.unwrap_or(0.0).total_cmp(&a.largest_gap.unwrap_or(0.0)));
    s.truncate(5);
    s
}

/// A gap in words: "Leaders score Failure demand 24 points higher than Front line (71 vs 47)".
pub fn gap_sentence(report: &TeamReport, gap: &Gap, w: &Wording, t: &TeamTexts) -> String {
    let group = |id: &str| report.groups.iter().find(|g| g.id == id);
    let dimension = report.dimensions.iter().find(|d| d.id == gap.dimension_id);
    let mean = |id: &str| {
        dimension
            .and_then(|d| d.groups.iter().find(|g| g.id == id))
            .and_then(|g| g.mean)
            .map_or_else(String::new, w.number)
    };
    fill(
        t.gap,
        &[
            ("higher", group(&gap.higher).map_or_else(|| gap.higher.clone(), |g| g.title.clone())),
            ("lower", group(&gap.lower).map_or_else(|| gap.lower.clone(), |g| g.title.clone())),
            ("dimension", dimension.map_or_else(|| gap.dimension_id.clone(), |d| d.title.clone())),
            ("difference", (w.number)(gap.difference)),
            ("a", mean(&gap.higher)),
            ("b", mean(&gap.lower)),
        ],
    )
}
