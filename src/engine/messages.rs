//! The engine's own sentences (reasons for caps, gates and recommendations) in every supported
//! language, and locale-aware number formatting.

/// Supported languages; the first is the fallback.
pub const LOCALES: [&str; 4] = ["en", "de", "fr", "es"];

/// The supported language for a tag: its language if supported (`de-CH` → `de`), else English.
pub fn resolve(tag: &str) -> &'static str {
    let language = tag.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
    LOCALES.iter().find(|l| **l == language).copied().unwrap_or(LOCALES[0])
}

pub struct Messages {
    pub cap: &'static str,
    pub gate: &'static str,
    pub unassessed: &'static str,
    pub weakest: &'static str,
    pub strongest: &'static str,
    pub ranked: &'static str,
    pub why_scored: &'static str,
    pub why_unassessed: &'static str,
    pub why_critical: &'static str,
    pub why_gap: &'static str,
    pub list_separator: &'static str,
}

pub const EN: Messages = Messages {
    cap: "Capped at level {cap} ({cap_name}) by {dim}, a critical dimension at level {dl} ({dl_name}): the overall level can be at most {margin} above the lowest critical dimension. The score alone would give level {uncapped}.",
    gate: "Level {level} ({name}) needs every dimension at {min} or more; not yet: {list}.",
    unassessed: "unassessed",
    weakest: "Your weakest dimension",
    strongest: "Your strongest dimension",
    ranked: "Ranked {r} of {n} by score",
    why_scored: "{standing}: scored {score} of 100, level {level} ({name}), so this is the next step at that level.",
    why_unassessed: "Not assessed: every answer here was \"Don't know\", so this starts from the first step.",
    why_critical: " It is a critical dimension, so it limits your overall level.",
    why_gap: " {n} answers were \"Don't know\", so its level is capped at {max} until there is evidence.",
    list_separator: ", ",
};

pub const DE: Messages = Messages {
    cap: "Begrenzt auf Stufe {cap} ({cap_name}) durch {dim}, eine kritische Dimension auf Stufe {dl} ({dl_name}): Die Gesamtstufe darf höchstens {margin} über der niedrigsten kritischen Dimension liegen. Allein nach dem Wert wäre es Stufe {uncapped}.",
    gate: "Stufe {level} ({name}) setzt in jeder Dimension mindestens {min} voraus; noch nicht erreicht: {list}.",
    unassessed: "nicht bewertet",
    weakest: "Ihre schwächste Dimension",
    strongest: "Ihre stärkste Dimension",
    ranked: "Platz {r} von {n} nach Wert",
    why_scored: "{standing}: {score} von 100, Stufe {level} ({name}); dies ist der nächste Schritt auf dieser Stufe.",
    why_unassessed: "Nicht bewertet: Jede Antwort hier war „Weiß nicht“, daher beginnt dies beim ersten Schritt.",
    why_critical: " Sie ist eine kritische Dimension und begrenzt daher Ihre Gesamtstufe.",
    why_gap: " {n} Antworten waren „Weiß nicht“, daher ist ihre Stufe auf {max} begrenzt, bis Belege vorliegen.",
    list_separator: "; ",
};

pub const FR: Messages = Messages {
    cap: "Plafonné au niveau {cap} ({cap_name}) par {dim}, une dimension critique au niveau {dl} ({dl_name}) : le niveau global ne peut dépasser que de {margin} la dimension critique la plus basse. Le score seul donnerait le niveau {uncapped}.",
    gate: "Le niveau {level} ({name}) exige au moins {min} dans chaque dimension ; pas encore atteint : {list}.",
    unassessed: "non évaluée",
    weakest: "Votre dimension la plus faible",
    strongest: "Votre dimension la plus forte",
    ranked: "Rang {r} sur {n} par score",
    why_scored: "{standing} : score de {score} sur 100, niveau {level} ({name}) ; voici l’étape suivante à ce niveau.",
    why_unassessed: "Non évaluée : toutes les réponses étaient « Je ne sais pas », on commence donc par la première étape.",
    why_critical: " C’est une dimension critique, qui limite donc votre niveau global.",
    why_gap: " {n} réponses étaient « Je ne sais pas » : son niveau est plafonné à {max} tant que les éléments manquent.",
    list_separator: " ; ",
};

pub const ES: Messages = Messages {
    cap: "Limitado al nivel {cap} ({cap_name}) por {dim}, una dimensión crítica en el nivel {dl} ({dl_name}): el nivel global puede estar como máximo {margin} por encima de la dimensión crítica más baja. Solo por la puntuación sería el nivel {uncapped}.",
    gate: "El nivel {level} ({name}) exige al menos {min} en todas las dimensiones; aún no: {list}.",
    unassessed: "sin evaluar",
    weakest: "Su dimensión más débil",
    strongest: "Su dimensión más fuerte",
    ranked: "Puesto {r} de {n} por puntuación",
    why_scored: "{standing}: {score} de 100, nivel {level} ({name}); este es el siguiente paso en ese nivel.",
    why_unassessed: "Sin evaluar: todas las respuestas fueron «No lo sé», así que se empieza por el primer paso.",
    why_critical: " Es una dimensión crítica, por lo que limita su nivel global.",
    why_gap: " {n} respuestas fueron «No lo sé», así que su nivel se limita a {max} hasta que haya evidencia.",
    list_separator: "; ",
};

pub fn messages(locale: &str) -> &'static Messages {
    match resolve(locale) {
        "de" => &DE,
        "fr" => &FR,
        "es" => &ES,
        _ => &EN,
    }
}

/// A score for people: whole numbers without decimals, otherwise one decimal, with the
/// language's decimal separator (`58.3`, `58,3`).
pub fn fmt_number(x: f64, locale: &str) -> String {
    let s = if x.fract() == 0.0 { format!("{}", x as i64) } else { one_decimal(x) };
    if resolve(locale) == "en" {
        s
    } else {
        s.replace('.', ",")
    }
}

/// `x` rounded to one decimal ("58.3", "-4.0"), with integer arithmetic: the float formatter
/// would add 14 KB to the download.
pub fn one_decimal(x: f64) -> String {
    let t = (x * 10.0).round() as i64;
    let sign = if t < 0 { "-" } else { "" };
    let t = t.unsigned_abs();
    format!("{sign}{}.{}", t / 10, t % 10)
}

/// The `{name}` placeholders of a template, sorted (to check that translations keep them).
pub fn placeholders(template: &str) -> Vec<String> {
    let mut v: Vec<String> =
        template.split('{').skip(1).filter_map(|p| p.split_once('}')).map(|(k, _)| k.to_string()).collect();
    v.sort();
    v
}

/// Replaces `{name}` placeholders.
pub fn fill(template: &str, pairs: &[(&str, String)]) -> String {
    pairs.iter().fold(template.to_string(), |s, (k, v)| s.replace(&format!("{{{k}}}"), v))
}
