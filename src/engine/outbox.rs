//! The submission outbox: results waiting to be POSTed to the host's `submit-url`. Pure policy
//! (what is due, backoff, when to give up); the embed layer stores it and does the requests.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::fmt;

/// Why an attempt did not deliver; shown to the user in their language, and in English here.
/// Stored as `"offline"`, `"network"`, `"redirect"`, `"timeout"` or `{"status": 503}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Reason {
    Offline,
    /// The request failed without an HTTP answer.
    Network,
    /// The server answered with this HTTP status.
    Status(u16),
    /// The server answered with a redirect, which would have turned the POST into a GET without
    /// the result, so it is not followed.
    Redirect,
    /// No answer within [`TIMEOUT_MS`].
    Timeout,
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::Offline => f.write_str("offline"),
            Reason::Network => f.write_str("the network request failed"),
            Reason::Status(s) => write!(f, "the server answered {s}"),
            Reason::Redirect => f.write_str("the server answered with a redirect"),
            Reason::Timeout => f.write_str("the server did not answer in time"),
        }
    }
}

/// Automatic attempts before an entry waits for the user's "retry".
pub const MAX_ATTEMPTS: u32 = 6;
const BASE_DELAY_MS: f64 = 1_000.0;
const MAX_DELAY_MS: f64 = 60_000.0;
/// How long one request may take before it counts as failed (and is retried).
pub const TIMEOUT_MS: u32 = 15_000;
/// How long a submission waits in the outbox at most: it may hold the lead (personal data), so it
/// is deleted when sent, when the user discards it, or after 7 days, whichever comes first.
pub const MAX_AGE_MS: f64 = 7.0 * 24.0 * 3_600_000.0;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Entry {
    /// The result's id: the idempotency key.
    pub id: String,
    pub url: String,
    /// The JSON body.
    pub body: String,
    /// Epoch milliseconds when it was queued; it expires [`MAX_AGE_MS`] later.
    pub queued_at: f64,
    pub attempts: u32,
    /// Epoch milliseconds of the next automatic attempt; `None` once given up.
    pub next_at: Option<f64>,
    /// The last failure, for the user.
    pub last_error: Option<Reason>,
}

/// What one attempt came to.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Delivered,
    /// Offline, a network error, a timeout, 408, 429 or 5xx: worth retrying.
    Retry(Reason),
    /// Another 4xx: retrying the same request will not help.
    Rejected(Reason),
}

/// What the user is shown for one result.
#[derive(Debug, Clone, PartialEq)]
pub enum Status {
    Sending,
    Sent,
    /// Stored; retried automatically at `next_at`.
    Queued {
        attempts: u32,
        next_at: f64,
        reason: Reason,
    },
    /// Stored; waits for the user's retry.
    Failed {
        reason: Reason,
    },
    /// Not sent, and deleted from this device: the user chose not to send it, or it expired.
    Discarded,
}

/// The outbox as stored: `{"entries": [{"id", "url", "body", "queuedAt", "attempts", "nextAt",
/// "lastError"}]}`.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Outbox {
    pub entries: Vec<Entry>,
}

/// Delay before the next attempt after `attempts` failures: 1 s, 2 s, 4 s … at most 60 s.
pub fn backoff_ms(attempts: u32) -> f64 {
    (BASE_DELAY_MS * 2f64.powi(attempts.saturating_sub(1).min(16) as i32)).min(MAX_DELAY_MS)
}

/// Classifies an HTTP status (0 for a network failure).
pub fn outcome_for_status(status: u16) -> Outcome {
    match status {
        200..=299 => Outcome::Delivered,
        0 => Outcome::Retry(Reason::Network),
        408 | 429 | 500..=599 => Outcome::Retry(Reason::Status(status)),
        _ => Outcome::Rejected(Reason::Status(status)),
    }
}

impl Outbox {
    /// Reads a stored outbox. Entries that cannot be read are left out; anything else is an
    /// empty outbox. An entry stored without `queuedAt` (by an earlier build) counts as queued
    /// at `now`, so it too is deleted within [`MAX_AGE_MS`].
    pub fn from_value(value: Value, now: f64) -> Outbox {
        let Value::Object(mut stored) = value else { return Outbox::default() };
        let Some(Value::Array(items)) = stored.remove("entries") else { return Outbox::default() };
        let entries = items
            .into_iter()
            .filter_map(|mut v| {
                if let Some(o) = v.as_object_mut() {
                    o.entry("queuedAt").or_insert_with(|| now.into());
                }
                crate::engine::wire::read_plain(v).ok()
            })
            .collect();
        Outbox { entries }
    }

    /// Reads a stored outbox from its JSON text (natively; the wasm parses with `JSON.parse`).
    pub fn from_json(text: &str, now: f64) -> Outbox {
        crate::engine::wire::parse_value(text).map_or_else(|_| Outbox::default(), |v| Outbox::from_value(v, now))
    }

    /// Adds a submission due now; a result already queued for the same URL is not added twice.
    pub fn enqueue(&mut self, id: &str, url: &str, body: String, now: f64) {
        if let Some(e) = self.entries.iter_mut().find(|e| e.id == id && e.url == url) {
            e.next_at = Some(e.next_at.map_or(now, |t| t.min(now)));
            return;
        }
        self.entries.push(Entry {
            id: id.into(),
            url: url.into(),
            body,
            queued_at: now,
            attempts: 0,
            next_at: Some(now),
            last_error: None,
        });
    }

    /// Deletes the entries queued [`MAX_AGE_MS`] or more before `now` (or dated in the future by
    /// more than that, a clock that was wrong); returns their ids.
    pub fn expire(&mut self, now: f64) -> Vec<String> {
        let (old, kept): (Vec<Entry>, Vec<Entry>) =
            self.entries.drain(..).partition(|e| (now - e.queued_at).abs() >= MAX_AGE_MS || e.queued_at.is_nan());
        self.entries = kept;
        old.into_iter().map(|e| e.id).collect()
    }

    /// Deletes every entry of the result `id` (the user chose not to send it); false when there
    /// was none.
    pub fn discard(&mut self, id: &str) -> bool {
        let before = self.entries.len();
        self.entries.retain(|e| e.id != id);
        self.entries.len() != before
    }

    /// Entries whose automatic attempt is due.
    pub fn due(&self, now: f64) -> Vec<Entry> {
        self.entries.iter().filter(|e| e.next_at.is_some_and(|t| t <= now)).cloned().collect()
    }

    /// The earliest scheduled attempt.
    pub fn next_wake(&self) -> Option<f64> {
        self.entries.iter().filter_map(|e| e.next_at).reduce(f64::min)
    }

    /// Records an attempt's outcome and returns the status to show; `None` when the entry is no
    /// longer there (discarded or expired while the request was under way).
    pub fn record(&mut self, id: &str, url: &str, outcome: Outcome, now: f64) -> Option<Status> {
        let pos = self.entries.iter().position(|e| e.id == id && e.url == url)?;
        Some(self.record_at(pos, outcome, now))
    }

    fn record_at(&mut self, pos: usize, outcome: Outcome, now: f64) -> Status {
        match outcome {
            Outcome::Delivered => {
                self.entries.remove(pos);
                Status::Sent
            }
            Outcome::Retry(reason) => {
                let e = &mut self.entries[pos];
                e.attempts += 1;
                e.last_error = Some(reason);
                if e.attempts >= MAX_ATTEMPTS {
                    e.next_at = None;
                    Status::Failed { reason }
                } else {
                    let next_at = now + backoff_ms(e.attempts);
                    e.next_at = Some(next_at);
                    Status::Queued { attempts: e.attempts, next_at, reason }
                }
            }
            Outcome::Rejected(reason) => {
                let e = &mut self.entries[pos];
                e.attempts += 1;
                e.last_error = Some(reason);
                e.next_at = None;
                Status::Failed { reason }
            }
        }
    }

    /// Makes every entry due now (the `online` event, or the user's retry), restarting the count.
    pub fn retry_all(&mut self, now: f64) {
        for e in &mut self.entries {
            e.next_at = Some(now);
            if e.attempts >= MAX_ATTEMPTS || e.last_error.is_some() {
                e.attempts = 0;
            }
        }
    }

    /// The status of a result that is still in the outbox.
    pub fn status(&self, id: &str) -> Option<Status> {
        let e = self.entries.iter().find(|e| e.id == id)?;
        let reason = e.last_error.unwrap_or(Reason::Network);
        Some(match e.next_at {
            None => Status::Failed { reason },
            Some(_) if e.attempts == 0 => Status::Sending,
            Some(next_at) => Status::Queued { attempts: e.attempts, next_at, reason },
        })
    }
}
