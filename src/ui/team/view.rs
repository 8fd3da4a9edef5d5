//! The report: respondents and groups, what was not added, the team level, the dimensions (a
//! chart and its table), gaps, disagreements, the most divided statements, recommendations, the
//! change since a previous round, downloads and print.

use super::chart::{chart, marker};
use crate::engine::history::signed;
use crate::engine::messages::{fill, EN};
use crate::engine::team::{csv, gap_sentence, most_divided, PreviousWithheld, TeamReport, TeamTexts};
use crate::engine::{Definition, Wording};
use crate::ui::report::download;
use crate::ui::strings::number_format;
use crate::ui::Shared;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TeamViewProps {
    pub def: Shared<Definition>,
    pub report: Shared<TeamReport>,
    pub texts: Shared<TeamTexts>,
    pub locale: AttrValue,
    pub uid: AttrValue,
    /// Results are being read or loaded.
    #[prop_or_default]
    pub busy: bool,
}

fn file_stem(r: &TeamReport) -> String {
    format!("{}-team-report", r.assessment.id)
}

#[component]
pub fn TeamView(props: &TeamViewProps) -> Html {
    let (r, t, l) = (&**props.report, &*props.texts, props.locale.as_str());
    let (id_rejected, id_summary) =
        (super::element_id(&props.uid, "rejected"), super::element_id(&props.uid, "summary"));
    let number = number_format(l);
    let num = |x: Option<f64>| x.map_or_else(|| "–".to_string(), &number);
    let w = Wording { locale: l, messages: &EN, number: &number };
    let count = |n: usize| number(n as f64);
    let more = r.rejected_total.saturating_sub(r.rejected.len());
    let by_reason = || {
        let counts: Vec<String> = r
            .rejected_counts
            .iter()
            .map(|(&reason, &n)| fill(t.rejected_count, &[("reason", t.reason(reason).to_string()), ("n", count(n))]))
            .collect();
        counts.join("; ")
    };
    let rejected = (r.rejected_total > 0).then(|| {
        html! {
            <section class="cxs-rejected" aria-labelledby={id_rejected.clone()}>
                <h3 id={id_rejected.clone()}>{ t.rejected_heading }</h3>
                <ul>
                    { for r.rejected.iter().map(|x| html! {
                        <li>{ fill(t.rejected_item, &[("source", x.source.clone()), ("reason", x.reason.clone())]) }</li>
                    }) }
                </ul>
                if more > 0 {
                    <p class="cxs-note">{ fill(t.rejected_more, &[("n", count(more)), ("counts", by_reason())]) }</p>
                }
            </section>
        }
    });
    let k = r.min_group.to_string();
    if r.respondents == 0 {
        return html! {
            <>
                if !props.busy { <p class="cxs-note" role="status">{ t.empty }</p> }
                { for rejected }
            </>
        };
    }
    if r.needed > 0 {
        return html! {
            <section class="cxs-team-report" aria-labelledby={id_summary.clone()}>
                <h3 id={id_summary.clone()}>{ fill(t.respondents, &[("n", count(r.respondents))]) }</h3>
                <p class="cxs-team-too-few">{ fill(t.too_few, &[("k", k.clone()), ("needed", count(r.needed))]) }</p>
                { for rejected }
            </section>
        };
    }
    let spread = (2 * r.min_group).max(10).to_string();
    let left_out: Vec<String> = r
        .dimensions
        .iter()
        .filter(|d| d.left_out > 0)
        .map(|d| fill(t.left_out_item, &[("dimension", d.title.clone()), ("n", count(d.left_out))]))
        .collect();
    let withheld = r.previous_withheld.map(|w| match w {
        PreviousWithheld::SameResults => t.previous_same.to_string(),
        PreviousWithheld::SharedResults => fill(t.previous_shared, &[("k", k.clone())]),
        PreviousWithheld::TooFew => fill(t.previous_too_few, &[("k", k.clone())]),
    });
    let middle = r.dimensions.iter().any(|d| d.stats.q1.is_some());
    let previous = r.previous.as_ref();
    let change_of = |dimension: &str, group: Option<&str>| -> Option<f64> {
        let d = previous?.dimensions.iter().find(|c| c.dimension_id == dimension)?;
        match group {
            None => d.team.change,
            Some(g) => d.groups.iter().find(|c| c.id == g)?.change.change,
        }
    };
    let change_cell = |c: Option<f64>| html! { <td class="cxs-num">{ c.map_or_else(|| "–".to_string(), |c| signed(c, &number)) }</td> };
    let group_title =
        |id: &str| r.groups.iter().find(|g| g.id == id).map_or_else(|| id.to_string(), |g| g.title.clone());
    let dimension_title =
        |id: &str| r.dimensions.iter().find(|d| d.id == id).map_or_else(|| id.to_string(), |d| d.title.clone());
    let statement_text = |id: &str| {
        props
            .def
            .dimensions
            .iter()
            .flat_map(|d| &d.statements)
            .find(|s| s.id == id)
            .map_or_else(|| id.to_string(), |s| s.text.get(l).to_string())
    };
    let percent = |share: f64| format!("{}%", number((share * 1000.0).round() / 10.0));
    let ondownload_json = {
        let report = props.report.clone();
        Callback::from(move |_: MouseEvent| {
            let _ = download(
                &format!("{}.json", file_stem(&report)),
                "application/json",
                &crate::ui::wire::to_pretty(&**report),
            );
        })
    };
    let ondownload_csv = {
        let report = props.report.clone();
        Callback::from(move |_: MouseEvent| {
            let _ = download(&format!("{}.csv", file_stem(&report)), "text/csv", &csv(&report));
        })
    };
    let onprint = Callback::from(|_: MouseEvent| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    });
    let level = match (r.overall.level, &r.overall.level_name) {
        (Some(level), Some(name)) => format!("{level} · {name} · {}", num(r.overall.score)),
        _ => t.not_assessed.to_string(),
    };
    html! {
        <section class="cxs-team-report" aria-labelledby={id_summary.clone()}>
            <h3 id={id_summary.clone()}>{ fill(t.respondents, &[("n", count(r.respondents))]) }</h3>
            <h4>{ t.groups_heading }</h4>
            if r.groups.is_empty() {
                <p>{ t.no_groups }</p>
            } else {
                <ul>
                    { for r.groups.iter().map(|g| html! { <li>{ fill(t.group_item, &[("title", g.title.clone()), ("n", g.n.to_string())]) }</li> }) }
                </ul>
            }
            <p class="cxs-note cxs-anonymity">{ fill(t.anonymity, &[("k", k.clone()), ("spread", spread)]) }</p>
            if r.left_out > 0 {
                <p class="cxs-note cxs-left-out">{ fill(t.left_out, &[("n", count(r.left_out)), ("k", k.clone())]) }</p>
            }
            { for rejected }

            <h3>{ t.level_heading }</h3>
            <p class="cxs-overall-level"><strong>{ level }</strong></p>
            if let Some(c) = &r.overall.capped_by { <p>{ c.clone() }</p> }
            if let Some(g) = &r.overall.gate { <p>{ g.clone() }</p> }
            if let Some(text) = withheld { <p class="cxs-note cxs-change">{ text }</p> }
            if let Some(p) = previous {
                <p class="cxs-change">
                    { fill(t.since, &[("change", p.overall.change.map_or_else(|| "–".to_string(), |c| signed(c, &number)))]) }
                    { format!(" ({})", fill(t.respondents, &[("n", p.respondents.to_string())])) }
                </p>
            }

            <h3>{ t.dimensions_heading }</h3>
            { chart(r, t.chart_label) }
            <ul class="cxs-legend" aria-hidden="true">
                <li><svg width="14" height="22" viewBox="0 0 14 22" class="cxs-mark"><rect class="cxs-mean" x="5.5" y="0" width="3" height="22" /></svg>{ t.chart_legend_team }</li>
                if middle {
                    <li><svg width="30" height="14" viewBox="0 0 30 14" class="cxs-mark"><rect class="cxs-middle" x="1" y="0" width="28" height="14" /></svg>{ t.chart_legend_middle }</li>
                }
                { for r.groups.iter().enumerate().map(|(i, g)| html! {
                    <li><svg width="14" height="14" viewBox="0 0 14 14" class="cxs-mark">{ marker(i, 7.0, 7.0) }</svg>{ g.title.clone() }</li>
                }) }
            </ul>
            // The caption is the table's name; its visible twin stays in view when the table
            // scrolls sideways.
            <p class="cxs-table-title" aria-hidden="true">{ t.table_caption }</p>
            // A table wider than the screen scrolls, by keyboard too.
            <div class="cxs-table-wrap" tabindex="0" role="region" aria-label={t.table_caption}>
                <table class="cxs-table">
                    <caption class="cxs-sr">{ t.table_caption }</caption>
                    <thead>
                        <tr>
                            <th scope="col">{ t.col_dimension }</th>
                            <th scope="col">{ t.col_n }</th>
                            <th scope="col">{ t.col_mean }</th>
                            <th scope="col">{ t.col_middle }</th>
                            <th scope="col">{ t.col_sd }</th>
                            <th scope="col">{ t.col_dont_know }</th>
                            if previous.is_some() { <th scope="col">{ t.col_change }</th> }
                        </tr>
                    </thead>
                    { for r.dimensions.iter().map(|d| html! {
                        <tbody>
                            <tr>
                                <th scope="row">{ format!("{} · {}", d.title, t.team) }</th>
                                <td class="cxs-num">{ count(d.stats.n) }</td>
                                <td class="cxs-num">{ num(d.stats.mean) }</td>
                                <td class="cxs-num">{ d.stats.q1.zip(d.stats.q3).map_or_else(|| "–".to_string(), |(a, b)| format!("{}–{}", number(a), number(b))) }</td>
                                <td class="cxs-num">{ num(d.stats.sd) }</td>
                                <td class="cxs-num">{ percent(d.dont_know_share) }</td>
                                if previous.is_some() { { change_cell(change_of(&d.id, None)) } }
                            </tr>
                            { for d.groups.iter().map(|g| html! {
                                <tr class="cxs-group-row">
                                    <th scope="row">{ format!("{} · {}", d.title, group_title(&g.id)) }</th>
                                    <td class="cxs-num">{ g.n }</td>
                                    <td class="cxs-num">{ num(g.mean) }</td>
                                    <td></td><td></td><td></td>
                                    if previous.is_some() { { change_cell(change_of(&d.id, Some(&g.id))) } }
                                </tr>
                            }) }
                        </tbody>
                    }) }
                </table>
            </div>
            if !left_out.is_empty() {
                <p class="cxs-note cxs-left-out">{ fill(t.left_out_dimensions, &[("list", left_out.join("; "))]) }</p>
            }

            <h3>{ t.gaps_heading }</h3>
            if r.gaps.is_empty() {
                <p>{ t.no_gaps }</p>
            } else {
                <ul class="cxs-findings cxs-gaps">
                    { for r.gaps.iter().map(|g| html! { <li>{ gap_sentence(r, g, &w, t) }</li> }) }
                </ul>
            }

            <h3>{ t.disagreements_heading }</h3>
            if r.disagreements.is_empty() {
                <p>{ t.no_disagreements }</p>
            } else {
                <ul class="cxs-findings cxs-disagreements">
                    { for r.disagreements.iter().map(|d| html! {
                        <li>{ fill(t.disagreement_item, &[("dimension", dimension_title(&d.dimension_id)), ("sd", number(d.sd))]) }</li>
                    }) }
                </ul>
            }

            if !most_divided(r).is_empty() {
                <h3>{ t.statements_heading }</h3>
                <ol class="cxs-findings cxs-divided">
                    { for most_divided(r).into_iter().map(|s| html! {
                        <li>
                            { statement_text(&s.id) }
                            <span class="cxs-note">{ format!(" ({}: {})", dimension_title(&s.dimension_id), fill(t.statement_item, &[("difference", num(s.largest_gap))])) }</span>
                        </li>
                    }) }
                </ol>
            }

            <h3>{ t.recommendations_heading }</h3>
            <ol class="cxs-findings cxs-team-recs">
                { for r.recommendations.iter().map(|x| html! {
                    <li>
                        <strong>{ dimension_title(&x.dimension_id) }</strong>
                        <p>{ x.text.clone() }</p>
                        <p class="cxs-note">{ x.why.clone() }</p>
                    </li>
                }) }
            </ol>

            <div class="cxs-team-actions">
                <button type="button" class="cxs-btn" part="button" onclick={ondownload_json}>{ t.download_json }</button>
                <button type="button" class="cxs-btn" part="button" onclick={ondownload_csv}>{ t.download_csv }</button>
                <button type="button" class="cxs-btn" part="button" onclick={onprint}>{ t.print }</button>
            </div>
        </section>
    }
}
