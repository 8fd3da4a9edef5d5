//! Both rounds of a team report: this round's results, and a previous round's to compare with.

use super::compare::{compare, withheld};
use super::report::TeamReport;
use super::{Reason, Team, TeamTexts};
use crate::engine::definition::Definition;
use crate::engine::messages::Wording;

/// Which set of results an input belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Round {
    Current,
    /// The previous round, to compare with (`baseline-src`, or files added as such).
    Previous,
}

/// The results of a team report: this round's, and a previous round's to compare with.
#[derive(Debug, Clone)]
pub struct TeamBook {
    pub current: Team,
    pub previous: Option<Team>,
}

impl TeamBook {
    pub fn new(def: Definition, group_by: &str, min_group: usize) -> TeamBook {
        TeamBook { current: Team::for_definition(def, group_by, min_group), previous: None }
    }

    /// The team of a round (the previous one made when first needed).
    pub fn team(&mut self, round: Round) -> &mut Team {
        match round {
            Round::Current => &mut self.current,
            Round::Previous => self.previous.get_or_insert_with(|| {
                let c = &self.current;
                Team::for_definition(c.definition().clone(), c.group_by(), c.min_group())
            }),
        }
    }

    /// Adds text (result JSON, NDJSON or result codes) to a round; returns how many were accepted.
    pub fn add(&mut self, round: Round, source: &str, text: &str) -> usize {
        self.team(round).add_text(source, text)
    }

    /// Groups both rounds anew (see [`Team::regroup`]).
    pub fn regroup(&mut self, group_by: &str, min_group: usize) {
        self.current.regroup(group_by, min_group);
        if let Some(previous) = &mut self.previous {
            previous.regroup(group_by, min_group);
        }
    }

    /// How many respondents both rounds have.
    pub fn respondents(&self) -> usize {
        self.current.respondents() + self.previous.as_ref().map_or(0, Team::respondents)
    }

    /// How many inputs both rounds rejected.
    pub fn rejected_total(&self) -> usize {
        self.current.rejected_total() + self.previous.as_ref().map_or(0, Team::rejected_total)
    }

    /// Lists an input that was not added, and why.
    pub fn reject(&mut self, round: Round, source: &str, reason: Reason) {
        self.team(round).reject(source, None, reason);
    }

    /// The report of this round, with the previous round's rejections and the change since it
    /// (or why it is not shown).
    pub fn report(&self, w: &Wording, t: &TeamTexts) -> TeamReport {
        let mut report = self.current.report(w, t);
        let Some(previous) = &self.previous else { return report };
        let before = previous.report(w, t);
        let room = super::LISTED.saturating_sub(report.rejected.len());
        report.rejected.extend(before.rejected.iter().take(room).cloned());
        report.rejected_total += before.rejected_total;
        for (&reason, &n) in &before.rejected_counts {
            *report.rejected_counts.entry(reason).or_default() += n;
        }
        if before.respondents == 0 || report.needed > 0 {
            return report;
        }
        match withheld(&self.current, previous) {
            Some(why) => report.previous_withheld = Some(why),
            None => report.previous = Some(compare(&report, &before)),
        }
        report
    }
}
