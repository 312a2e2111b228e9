"""Quality metrics from labels and results: per-category recall and precision, false positives
on clean files, and the decision confusion. Pure functions; timing lives in runner.py.

A category counts as *flagged* for a file when the policy acted on a finding of that category:
a reason that reviews, rejects, or carries a remedy such as strip-metadata. A finding the policy
accepts without a remedy (a creator name only, say) is reported in the results but is not a flag.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from benchmarks.labels import CATEGORIES, DECISIONS, Label
from vmscreen import Result

VISUAL_CATEGORIES = frozenset(CATEGORIES) - {"metadata"}


# A document layout (IDD102) is a card or page holding a portrait: that face is reported once,
# under sensitive-id, and it is a face the labels count ("portraits on ID documents count").
_PORTRAIT_CODES = frozenset({"IDD102"})


def flagged_categories(result: Result) -> frozenset[str]:
    acted_on = [reason for reason in result.reasons
                if reason.decision.value != "accept" or reason.remedy]
    categories = {reason.category for reason in acted_on} - {"unscreened"}
    if any(reason.code in _PORTRAIT_CODES for reason in acted_on):
        categories.add("other-people")
    return frozenset(categories)


@dataclass(frozen=True)
class CategoryScore:
    category: str
    positives: int
    true_positives: int
    false_positives: int
    false_negatives: int
    clean_files: int
    clean_flagged: int

    @property
    def recall(self) -> float | None:
        return self.true_positives / self.positives if self.positives else None

    @property
    def precision(self) -> float | None:
        flagged = self.true_positives + self.false_positives
        return self.true_positives / flagged if flagged else None

    @property
    def clean_fp_rate(self) -> float | None:
        return self.clean_flagged / self.clean_files if self.clean_files else None

    def to_dict(self) -> dict[str, float | int | None]:
        return {
            "positives": self.positives, "tp": self.true_positives, "fp": self.false_positives,
            "fn": self.false_negatives, "recall": _round(self.recall),
            "precision": _round(self.precision), "clean_files": self.clean_files,
            "clean_flagged": self.clean_flagged, "clean_fp_rate": _round(self.clean_fp_rate),
        }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def category_scores(pairs: Sequence[tuple[Label, Result]]) -> dict[str, CategoryScore]:
    """Scores per category. Visual categories leave out metadata-only fixtures (visual=0)."""
    scores: dict[str, CategoryScore] = {}
    for category in CATEGORIES:
        tp = fp = fn = clean = clean_flagged = positives = 0
        for label, result in pairs:
            if category in VISUAL_CATEGORIES and not label.visual:
                continue
            truth = category in label.categories
            predicted = category in flagged_categories(result)
            positives += truth
            tp += truth and predicted
            fp += predicted and not truth
            fn += truth and not predicted
            if label.clean:
                clean += 1
                clean_flagged += predicted
        scores[category] = CategoryScore(category, positives, tp, fp, fn, clean, clean_flagged)
    return scores


def decision_confusion(pairs: Iterable[tuple[Label, Result]]) -> dict[str, dict[str, int]]:
    """expected -> got -> count, over all three decisions."""
    table = {expected: dict.fromkeys(DECISIONS, 0) for expected in DECISIONS}
    for label, result in pairs:
        table[label.expected][result.decision.value] += 1
    return table


def by_kind(pairs: Iterable[tuple[Label, Result]]) -> dict[str, dict[str, int | str]]:
    """Per kind of file: how many, the decision expected, and the decisions reached."""
    table: dict[str, dict[str, int | str]] = {}
    for label, result in pairs:
        row = table.setdefault(label.kind, {"files": 0, "expected": label.expected,
                                            **dict.fromkeys(DECISIONS, 0)})
        row["files"] = int(row["files"]) + 1
        row[result.decision.value] = int(row[result.decision.value]) + 1
        if row["expected"] != label.expected:
            row["expected"] = "mixed"
    return dict(sorted(table.items()))


def unscreened(pairs: Iterable[tuple[Label, Result]]) -> list[dict[str, str]]:
    return [
        {"path": label.path, "code": f.code, "detector": f.detector, "message": f.message}
        for label, result in pairs
        for f in result.errors
    ]


# Each copyright cue and the code prefixes that report it. A file's cues come from its label
# (the real set's watermark and screenshot columns) or, for the synthetic set, from its kind.
COPYRIGHT_CUES: Mapping[str, tuple[str, ...]] = {
    "rights metadata": ("CPR",), "watermark": ("WMK",), "screenshot": ("SCR101",),
    "photo of a screen": ("SCR102",), "film or broadcast frame": ("FLM",),
    "reference bank": ("BNK",),
}
_KIND_CUES: Mapping[str, tuple[str, ...]] = {
    "rights metadata": ("metadata-rights", "metadata-gps-agency"), "watermark": ("watermark",),
    "screenshot": ("screenshot",), "film or broadcast frame": ("film",),
}


def label_cues(label: Label) -> frozenset[str]:
    """The copyright cues a file is labelled with."""
    listed = label.extra.get("cues")
    if listed is not None:
        return frozenset(cue for cue in listed.split(",") if cue)
    return frozenset(cue for cue, kinds in _KIND_CUES.items() if label.kind.startswith(kinds))


def _acted_on(result: Result, prefixes: tuple[str, ...]) -> bool:
    return any(reason.code.startswith(prefixes) for reason in result.reasons
               if reason.decision.value != "accept" or reason.remedy)


def cue_scores(pairs: Sequence[tuple[Label, Result]]) -> dict[str, dict[str, int | float | None]]:
    """Each copyright cue on its own (recall on the files labelled with it, clean files it
    flags) and all of them together (the copyright category)."""
    visual = [(label, result) for label, result in pairs if label.visual]
    clean = [result for label, result in visual if label.clean]
    out: dict[str, dict[str, int | float | None]] = {}
    for cue, prefixes in COPYRIGHT_CUES.items():
        positives = [result for label, result in visual if cue in label_cues(label)]
        found = sum(_acted_on(result, prefixes) for result in positives)
        clean_flagged = sum(_acted_on(result, prefixes) for result in clean)
        out[cue] = {"positives": len(positives), "found": found,
                    "recall": _round(found / len(positives)) if positives else None,
                    "flagged": sum(_acted_on(result, prefixes) for _, result in visual),
                    "clean_files": len(clean), "clean_flagged": clean_flagged}
    together = [result for label, result in visual if "copyright" in label.categories]
    everything = tuple(p for prefixes in COPYRIGHT_CUES.values() for p in prefixes)
    found = sum(_acted_on(result, everything) for result in together)
    flagged_clean = sum(_acted_on(result, everything) for result in clean)
    out["any copyright cue"] = {
        "positives": len(together), "found": found,
        "recall": _round(found / len(together)) if together else None,
        "flagged": sum(_acted_on(result, everything) for _, result in visual),
        "clean_files": len(clean), "clean_flagged": flagged_clean,
        "clean_fp_rate": _round(flagged_clean / len(clean)) if clean else None}
    return out


def median_p95(values: Sequence[float]) -> dict[str, float | None]:
    if not values:
        return {"median": None, "p95": None, "n": 0}
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"median": round(statistics.median(ordered), 3), "p95": round(p95, 3), "n": len(ordered)}


def baseline_scores(
    labels: Sequence[Label], hits: Mapping[str, bool], category: str = "sensitive-id"
) -> dict[str, float | int | None]:
    """Recall, precision and clean false positives of a yes/no baseline on one category."""
    visual = [label for label in labels if label.visual]
    positives = [label for label in visual if category in label.categories]
    flagged = [label for label in visual if hits.get(label.path)]
    tp = sum(1 for label in positives if hits.get(label.path))
    clean = [label for label in visual if label.clean]
    clean_flagged = sum(1 for label in clean if hits.get(label.path))
    return {
        "positives": len(positives), "tp": tp, "fp": len(flagged) - tp,
        "recall": _round(tp / len(positives)) if positives else None,
        "precision": _round(tp / len(flagged)) if flagged else None,
        "clean_files": len(clean), "clean_flagged": clean_flagged,
        "clean_fp_rate": _round(clean_flagged / len(clean)) if clean else None,
    }


# The art set's own measures. A finding of any score counts here (not only one the policy acts
# on): the question is whether the detectors see nudity at all, and see figures as people.
SEXUAL_CONTENT = "sexual-content"  # SEX101, SEX102, NUD101
ARTWORK_KINDS = frozenset({"painting", "sculpture", "print"})  # artworks that show figures
PEOPLE_CODES = frozenset({"FAC101", "PER101"})  # an identifiable face, a person without one
FACE_CODE = "FAC101"


def _share(count: int, total: int) -> float | None:
    return _round(count / total) if total else None


def art_measures(pairs: Iterable[tuple[Label, Result]]) -> dict[str, dict[str, object]]:
    """Nudity recall (nudes with any sexual-content finding), the clothed images that get one,
    and the artworks (kinds painting, sculpture, print) reported as people: FAC101 or PER101,
    and FAC101 alone. Paths missed or flagged are listed in the order of ``pairs``."""
    seen = [(label, {f.code for f in result.findings},
             {str(f.category) for f in result.findings}) for label, result in pairs]
    nudes = [(label, categories) for label, _, categories in seen
             if SEXUAL_CONTENT in label.categories]
    missed = [label.path for label, categories in nudes if SEXUAL_CONTENT not in categories]
    clothed = [(label, categories) for label, _, categories in seen
               if SEXUAL_CONTENT not in label.categories]
    clothed_flagged = [label.path for label, categories in clothed
                       if SEXUAL_CONTENT in categories]
    artworks = [(label, codes) for label, codes, _ in seen if label.kind in ARTWORK_KINDS]
    as_people = [label.path for label, codes in artworks if codes & PEOPLE_CODES]
    as_faces = [label.path for label, codes in artworks if FACE_CODE in codes]
    found = len(nudes) - len(missed)
    return {
        "nudity_recall": {"found": found, "total": len(nudes),
                          "recall": _share(found, len(nudes)), "missed": missed},
        "clothed_flagged": {"flagged": len(clothed_flagged), "total": len(clothed),
                            "share": _share(len(clothed_flagged), len(clothed)),
                            "paths": clothed_flagged},
        "artworks_as_people": {"flagged": len(as_people), "total": len(artworks),
                               "share": _share(len(as_people), len(artworks)),
                               "paths": as_people,
                               "face_flagged": len(as_faces),
                               "face_share": _share(len(as_faces), len(artworks)),
                               "face_paths": as_faces},
    }
