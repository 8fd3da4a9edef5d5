//! Exact statistics of scores kept in whole tenths of a point: counts per value, so that any
//! set of respondents (a group, the team, the team without a few) is summed from its parts.

use crate::engine::scoring::round1;

/// A count of values and their sum.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Sum {
    pub n: usize,
    pub sum: u64,
}

impl Sum {
    pub fn add(&mut self, v: u64) {
        self.n += 1;
        self.sum += v;
    }
    pub fn merge(&mut self, other: Sum) {
        self.n += other.n;
        self.sum += other.sum;
    }
    /// The mean, divided by `unit` (10 for scores kept in tenths).
    pub fn mean(self, unit: f64) -> Option<f64> {
        (self.n > 0).then(|| self.sum as f64 / self.n as f64 / unit)
    }
}

/// The highest score, in tenths of a point.
const TENTHS: usize = 1000;

/// A score (0–100, at one decimal) in whole tenths of a point.
pub(super) fn tenths(score: f64) -> usize {
    ((score * 10.0).round().max(0.0) as usize).min(TENTHS)
}

/// The scores of a set of respondents, each a whole number of tenths of a point (scores are kept
/// at one decimal), counted per value: enough for every statistic, exactly, whatever their number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Scores {
    counts: Vec<u32>,
    n: usize,
    sum: u64,
    squares: u128,
}

impl Default for Scores {
    fn default() -> Scores {
        Scores { counts: vec![0; TENTHS + 1], n: 0, sum: 0, squares: 0 }
    }
}

impl Scores {
    pub fn add(&mut self, tenths: usize) {
        self.counts[tenths] += 1;
        self.n += 1;
        self.sum += tenths as u64;
        self.squares += (tenths * tenths) as u128;
    }

    pub fn merge(&mut self, other: &Scores) {
        if other.n == 0 {
            return;
        }
        for (a, b) in self.counts.iter_mut().zip(&other.counts) {
            *a += b;
        }
        self.n += other.n;
        self.sum += other.sum;
        self.squares += other.squares;
    }

    pub fn sum(&self) -> Sum {
        Sum { n: self.n, sum: self.sum }
    }

    /// The `k`th smallest score (from 0), in points.
    fn nth(&self, k: usize) -> f64 {
        let mut seen = 0;
        for (tenths, &c) in self.counts.iter().enumerate() {
            seen += c as usize;
            if seen > k {
                return tenths as f64 / 10.0;
            }
        }
        TENTHS as f64 / 10.0
    }

    /// The score below which a share `q` of the scores lie, interpolated between ranks as
    /// spreadsheets' `QUARTILE.INC` does.
    fn quantile(&self, q: f64) -> f64 {
        let at = q * (self.n - 1) as f64;
        let (lo, frac) = (at.floor() as usize, at.fract());
        let below = self.nth(lo);
        below + (self.nth((lo + 1).min(self.n - 1)) - below) * frac
    }

    /// The statistics a report may show of these scores, `k` being the smallest number of
    /// respondents a figure may describe: the mean; the median and quartiles from `spread_from`
    /// scores; the standard deviation from `k`. Never the lowest or highest score.
    pub fn stats(&self, k: usize, spread_from: usize) -> Stats {
        let n = self.n;
        let spread = n >= spread_from.max(2);
        // n·Σx² − (Σx)² is exact in whole tenths.
        let sd = (n >= k.max(2)).then(|| {
            let spread = n as u128 * self.squares - u128::from(self.sum) * u128::from(self.sum);
            round1((spread as f64 / (n as f64 * (n - 1) as f64)).sqrt() / 10.0)
        });
        Stats {
            n,
            mean: (n > 0).then(|| round1(self.sum as f64 / n as f64 / 10.0)),
            median: spread.then(|| round1(self.quantile(0.5))),
            q1: spread.then(|| round1(self.quantile(0.25))),
            q3: spread.then(|| round1(self.quantile(0.75))),
            sd,
        }
    }
}

/// Statistics of a set of scores, each at one decimal.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(all(target_arch = "wasm32", feature = "team"), derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Stats {
    pub n: usize,
    pub mean: Option<f64>,
    pub median: Option<f64>,
    /// Sample standard deviation (n − 1).
    pub sd: Option<f64>,
    /// The first and third quartiles (the middle half), interpolated between ranks as
    /// spreadsheets' `QUARTILE.INC` does.
    pub q1: Option<f64>,
    pub q3: Option<f64>,
}

/// The statistics of `values` (scores, 0–100 at one decimal) with every figure shown: the mean,
/// median, quartiles and sample standard deviation of two or more.
pub fn stats(values: &[f64]) -> Stats {
    let mut scores = Scores::default();
    for &v in values {
        scores.add(tenths(v));
    }
    scores.stats(2, 2)
}
