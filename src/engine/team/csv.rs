//! The report as CSV: a header, then per dimension one row for the whole team and one per shown
//! group, with exactly the report's figures.

use super::report::TeamReport;
use crate::engine::export::cell;

/// The report as CSV (RFC 4180, CRLF line ends). Numbers are written plainly (`58.3`); texts are
/// quoted where they need it, and defused where a spreadsheet would read them as a formula.
pub fn csv(report: &TeamReport) -> String {
    let num = |x: Option<f64>| x.map_or_else(String::new, crate::engine::messages::plain_number);
    let mut out = String::from(
        "dimension_id,dimension,group_id,group,n,mean,median,q1,q3,sd,dont_know_share,left_out,previous_mean,change\r\n",
    );
    for d in &report.dimensions {
        let change = report.previous.as_ref().and_then(|p| p.dimensions.iter().find(|c| c.dimension_id == d.id));
        let s = &d.stats;
        let row = [
            cell(&d.id),
            cell(&d.title),
            String::new(),
            String::new(),
            s.n.to_string(),
            num(s.mean),
            num(s.median),
            num(s.q1),
            num(s.q3),
            num(s.sd),
            d.dont_know_share.to_string(),
            d.left_out.to_string(),
            num(change.and_then(|c| c.team.before)),
            num(change.and_then(|c| c.team.change)),
        ];
        out.push_str(&row.join(","));
        out.push_str("\r\n");
        for g in &d.groups {
            let title = report.groups.iter().find(|x| x.id == g.id).map_or(g.id.as_str(), |x| x.title.as_str());
            let gc = change.and_then(|c| c.groups.iter().find(|x| x.id == g.id));
            let row = [
                cell(&d.id),
                cell(&d.title),
                cell(&g.id),
                cell(title),
                g.n.to_string(),
                num(g.mean),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                num(gc.and_then(|c| c.change.before)),
                num(gc.and_then(|c| c.change.change)),
            ];
            out.push_str(&row.join(","));
            out.push_str("\r\n");
        }
    }
    out
}
