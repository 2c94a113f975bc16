"""What a paper's status words mean on the council's assessment scale: Cairn's reading of the words, an officer's
confirmation on the check page, and the council's confirmed words remembered for its next papers.

Only a confirmed word sets a level when a paper is imported; the words themselves are always kept as written.
"""

from collections import Counter

from cairn.lib.text import key
from cairn.reviews.models import AssessmentLevel, AssessmentScale

from .models import ImportBatch, StatusWord
from .parsers.statuses import meaning_of

MEANINGS = dict(AssessmentLevel.Meaning.choices)


def words_in(extraction: dict) -> Counter:
    """Each status word as written (spaces made single) and how many records use it."""
    return Counter(
        " ".join(rec["progress"]["status"].split())
        for rec in extraction.get("recommendations", []) if rec.get("progress") and rec["progress"].get("status")
    )


def active_levels(organisation) -> list[AssessmentLevel]:
    scale = AssessmentScale.objects.for_organisation(organisation).filter(is_active=True).first()
    return list(scale.levels.all()) if scale else []


def remembered_words(organisation, words) -> dict[str, StatusWord]:
    """The council's confirmed meanings of these words, by their matching form."""
    keys = {key(word) for word in words}
    held = StatusWord.objects.for_organisation(organisation).filter(word__in=keys).select_related("level")
    return {status.word: status for status in held}


def status_rows(batch: ImportBatch, levels: list[AssessmentLevel]) -> list[dict]:
    """Each status word a paper uses, how many records use it, and the level it means: as confirmed for this file,
    as the council confirmed before, or as Cairn reads the words (its guess); most used first."""
    words = words_in(batch.extraction)
    by_code = {level.code: level for level in levels}
    by_meaning: dict[str, AssessmentLevel] = {}
    for level in levels:
        by_meaning.setdefault(level.meaning, level)
    remembered = remembered_words(batch.organisation, words)
    rows = []
    for word, times in words.most_common():
        meaning = meaning_of(word)
        if word in batch.status_levels:
            code = batch.status_levels[word]
            level, how = by_code.get(code) if code else None, "confirmed"
        elif key(word) in remembered and (remembered[key(word)].level is None or remembered[key(word)].level in levels):
            level, how = remembered[key(word)].level, "remembered"
        else:
            level, how = by_meaning.get(meaning), "guess"
        rows.append({"word": word, "times": times, "level": level, "how": how, "meaning": MEANINGS.get(meaning)})
    return rows


def levels_to_apply(batch: ImportBatch) -> dict[str, str]:
    """Status word (matching form) -> level code, for the words confirmed for this file or by the council before;
    a word Cairn only guessed at sets no level."""
    levels = active_levels(batch.organisation)
    return {
        key(row["word"]): row["level"].code
        for row in status_rows(batch, levels) if row["how"] != "guess" and row["level"] is not None
    }
