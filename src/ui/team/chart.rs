//! The range plot: per dimension, the middle half of the scores (where there are enough of them),
//! the team's mean and each shown group's mean, on one 0–100 axis. It is an image with a label; the
//! table beside it holds the same figures as text.

use crate::engine::team::TeamReport;
use yew::prelude::*;

const LEFT: f64 = 190.0;
const WIDTH: f64 = 640.0;
const ROW: f64 = 34.0;
const TOP: f64 = 24.0;

fn x(score: f64) -> f64 {
    LEFT + (WIDTH - LEFT - 16.0) * score.clamp(0.0, 100.0) / 100.0
}

/// A group's marker (up to three shapes; more groups repeat them).
pub fn marker(index: usize, cx: f64, cy: f64) -> Html {
    let class = format!("cxs-g{}", index % 3);
    match index % 3 {
        0 => html! { <circle {class} cx={cx.to_string()} cy={cy.to_string()} r="5" /> },
        1 => html! { <rect {class} x={(cx - 4.5).to_string()} y={(cy - 4.5).to_string()} width="9" height="9" /> },
        _ => {
            html! { <polygon {class} points={format!("{},{} {},{} {},{}", cx, cy - 6.0, cx + 6.0, cy + 5.0, cx - 6.0, cy + 5.0)} /> }
        }
    }
}

fn short(title: &str) -> String {
    if title.chars().count() > 26 {
        format!("{}…", title.chars().take(25).collect::<String>())
    } else {
        title.to_string()
    }
}

pub fn chart(report: &TeamReport, label: &str) -> Html {
    let height = TOP + ROW * report.dimensions.len() as f64 + 24.0;
    let ticks = [0.0, 25.0, 50.0, 75.0, 100.0];
    html! {
        <svg class="cxs-team-chart" role="img" aria-label={label.to_string()} viewBox={format!("0 0 {WIDTH} {height}")} part="chart">
            { for ticks.iter().map(|&t| html! {
                <>
                    <line class="cxs-axis" x1={x(t).to_string()} x2={x(t).to_string()} y1={(TOP - 6.0).to_string()} y2={(height - 20.0).to_string()} />
                    <text x={x(t).to_string()} y={(height - 6.0).to_string()} text-anchor="middle">{ t.to_string() }</text>
                </>
            }) }
            { for report.dimensions.iter().enumerate().map(|(i, d)| {
                let cy = TOP + ROW * i as f64 + ROW / 2.0;
                html! {
                    <g>
                        <text x={(LEFT - 10.0).to_string()} y={(cy + 4.0).to_string()} text-anchor="end"><title>{ d.title.clone() }</title>{ short(&d.title) }</text>
                        if let (Some(q1), Some(q3)) = (d.stats.q1, d.stats.q3) {
                            <rect class="cxs-middle" x={x(q1).to_string()} y={(cy - 7.0).to_string()} width={(x(q3) - x(q1)).max(1.0).to_string()} height="14" />
                        }
                        if let Some(m) = d.stats.mean {
                            <rect class="cxs-mean" x={(x(m) - 1.5).to_string()} y={(cy - 11.0).to_string()} width="3" height="22" />
                        }
                        { for d.groups.iter().enumerate().filter_map(|(gi, g)| g.mean.map(|m| marker(gi, x(m), cy))) }
                    </g>
                }
            }) }
        </svg>
    }
}
