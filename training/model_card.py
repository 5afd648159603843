"""Step 5, write ``MODEL_CARD.md`` for a model directory from its config, metrics and parity files.

python -m training.model_card models/baseline
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from training.calibrate import MIN_MRDA_ADVICE_PRECISION
from training.metrics import format_metrics

TEST_SETS = {
    "ours_test": "Our test split (held-out conversations), each utterance read with its context",
    "ours_test_no_context": "Our test split, each utterance read alone (as tools sending single utterances)",
    "ours_test_stripped": "Our test split, lower-cased with punctuation removed (caption style)",
    "mrda_test": "MRDA test meetings (labels it annotates directly: open, closed, advice, other)",
    "mrda_test_no_context": "MRDA test meetings, read alone",
    "ami_test": "AMI test meetings (labels it annotates directly: advice, other)",
    "annomi_test_sessions": "AnnoMI test transcripts, all six labels, each turn as `coach analyze` labels it "
    "(sentences, contexts, roles inferred)",
    "annomi_test_sessions_roles_given": "AnnoMI test transcripts, the same with the roles given (client = presenter)",
    "annomi_test_sessions_codes": "AnnoMI test transcripts as `coach analyze` labels them, scored against AnnoMI's "
    "codes alone (before the guideline annotators' labels win where they disagree)",
    "annomi_test": "AnnoMI test transcripts, turns labelled with contexts but no roles",
    "annomi_test_no_context": "AnnoMI test transcripts, turns read alone, no roles",
    "annomi_test_whole_turns": "AnnoMI test transcripts, each whole turn read as one utterance, with context",
    "annomi_test_members": "AnnoMI test transcripts, the counsellors' (members') turns only, with context",
}

DATA = """## Data and licences
- **Our annotated conversations** (`data/annotated/`, written for Coach; see its README and GUIDELINES.md): fictional
  action learning set sessions and practice exchanges across sectors, about a quarter in caption style. Split by
  conversation (`data/annotated/splits.json`); the test split is never used for training or model selection.
- **AnnoMI** (`data/corpora/annomi/`, public domain; Wu et al., "Anno-MI: A Dataset of Expert-Annotated Counselling
  Dialogues", ICASSP 2022, and "Creation, Analysis and Evaluation of AnnoMI", Future Internet 2023): 79 real
  motivational-interviewing transcripts with expert codes, mapped to our labels by `training/annomi.py` (table in
  `data/corpora/README.md`), split by transcript (`data/corpora/annomi/splits.json`: 55 / 12 / 12, 4 low-quality
  sessions in dev and test). Rows are whole turns. Where the codes and our guideline disagree, the guideline wins:
  counsellor turns were labelled again under `docs/labels.md` by annotators blind to the codes and to any model
  (`annomi/guideline_annotations.jsonl`: every dev and test counsellor turn twice, 470 advice-like train turns once;
  `annomi/guideline_annotations_train_rest.jsonl`: the other 2,121 train counsellor turns once), and so were the dev
  and test client turns, which have no codes and were mapped by length (`annomi/guideline_annotations_clients.jsonl`,
  twice); the AnnoMI figures below are against these labels, and once
  against the codes and the length mapping alone.
- **ICSI Meeting Recorder Dialog Act corpus (MRDA)** (`data/corpora/mrda/`): real meetings; rows mapped to our labels
  (see `data/corpora/README.md`), used from its own train partition; reported as CC BY 4.0 by its distributors.
- **AMI Meeting Corpus**, manual dialogue acts 1.6.2 (`data/corpora/ami/`, CC BY 4.0): real design meetings; used
  for testing, and for training where the settings below list it.
Meeting-corpus rows are weak supervision (engineering and design meetings, approximate mappings) and are given a lower
weight than our own rows and AnnoMI's. No data with a non-commercial licence is used.

Every utterance is read with its context, the previous turn of another speaker (its last 32 words), as the second
segment of a sentence pair; in training the context is dropped for half the rows, so that single utterances sent
without context are read as well as before (the `*_no_context` rows below).
"""

SERVING = """## Serving
The shipped file is the fine-tuned model exported with `torch.onnx.export(dynamo=True)` and quantised with
onnxruntime's dynamic int8 quantisation, per-channel weight scales (per-tensor scales kept only 97.9% of PyTorch's
labels on our test split; per-channel 99.4%, at fp32's macro-F1). Serving needs `onnxruntime` and `tokenizers` only.
Dynamic quantisation scales activations per tensor, so a padded batch would let one text's label depend on the texts
beside it; `config.json` therefore sets `batch_size` 1, and the backend spreads the runs of a call over worker
threads instead. Speed and memory: `python -m benchmarks.classifiers` (results in the README).
"""

#: Where the figures below come from: ONNX Runtime's int8 kernels differ with the CPU, and so do a few labels.
CPU_NOTE = (
    "Measured on a CPU with AVX-512 VNNI (an AMD EPYC, 2 cores), where ONNX Runtime sums the int8 products exactly; "
    "on a CPU with AVX2 alone they can saturate, and a few labels change (the README, under the meetings table, gives "
    "the figures of both)."
)

LIMITS = """## Known limits
- On real counselling talk (AnnoMI) the six-label macro-F1 is far below our own test split (0.674 against 0.935).
  The commonest miss is advice a counsellor gives as a statement: 1 of the 17 advice turns of the AnnoMI test
  transcripts is found ("Well, you do need to take your medicine." and "We will need to start dieting." are read as
  story). Batches s and t taught advice in a reflection's frame and gentle suggestions ("It sounds like you
  might be better off without them" is now advice), and that moved some statements the other way: read alone, "It
  might be worth it for him." is advice again. Our own data teaches that a modal statement is not advice by itself
  ("You need your licence for work" is a fact), and the model does not yet tell an instruction from a fact in a
  helper's mouth. The members' questioning ratio separates AnnoMI's low-quality sessions from the high with an AUC of
  0.83 on a CPU with AVX-512 VNNI (the previous model: 0.66 there and 0.76 on a CPU without, whose int8 kernels moved
  one of the 4 low-quality sessions' ratio), where the guideline labels give 0.91: only 4 sessions are low quality,
  so one session moves it by a tenth. One-fact questions are closed
  by their wording when they ask for a number, an amount or a time ("How often do you drink?"), as are yes/no
  questions ("Is there anything that worries you?"), but other one-fact questions ("Where do you keep it?", "What
  other instruments?") are still sometimes read as open: 7 of the 51 closed questions of the AnnoMI test
  transcripts.
- A presenter's (client's) question is never given a question label in a session (`coach.labels.ROLE_LABELS`: in our
  data presenters ask none): "Um, what about side effects?" from a client is `other`. Letting presenters ask lost on
  AnnoMI dev, where the model also reads clients' rhetorical questions and tags as questions.
- Caption text without punctuation is cut into utterances by the boundary tagger (`models/boundaries`, boundary F1
  0.51 on our stripped test turns, 0.60 on AnnoMI's): it misses some sentence ends and adds a few ("i think the team
  is exhausted | honestly | have you thought about...", "we just drop what we are doing | every time the phone
  goes"), so captions are labelled less reliably than punctuated text (turn labels agree on 90.7% of our test turns
  and 82.6% of AnnoMI's on a CPU with AVX-512 VNNI; the previous model 91.3% and 83.1%; with the true sentence ends
  given, 86.1% of AnnoMI's dev turns: most of the gap is the classifier's reading of lower-cased, unpunctuated words,
  not the tagger).
- A presenter's own plans ("I think the sensible thing would be to cut back") and the facilitator's process talk are
  relabelled by role in a session (`coach.labels.ROLE_LABELS`); a single utterance sent without a role is not, and
  that one is still read as advice when sent alone.
- Caption text with an embedded "how much" can be read as a question whole ("we need figures on how much the
  overtime costs": closed question).
- Our own data is written for Coach, not recorded: real sessions will be messier. The corpus test sets are the
  closest thing to unseen real talk here, and only for the labels they annotate.
- Open vs closed depends on the answer a question invites; one-fact "what/where" questions and requests for
  elaboration without a question mark are the commonest confusions.
- Advice dressed as a question is recognised from its wording; advice implied only by tone is missed.
- `leading` is derived: advice whose wording is a question.
- English only; trained on British workplace English.
- In real meetings (MRDA), process and task talk ("let's do the next one") is often labelled advice: MRDA's `other`
  rows are the commonest source of false advice. A presenter's own plans ("I'm going to talk to her") are sometimes
  labelled advice too; neither counts against the members' questioning ratio, but both show in per-speaker counts.
- On whole meetings (`data/annotated/meetings`), a meeting's members' ratio is within 0.05 of the annotated one in 19
  of 25 dev meetings and 13 of 26 test meetings on a CPU with AVX-512 VNNI (whose int8 kernels change a few labels).
  On the first 20 test meetings, 12; before openings announcing a planned meeting were read by meaning and the rules
  of stop 34, 16 and 11; before sentences that carry advice on were counted with it, 14 and 8. With the annotated
  structure and this model's labels, 24 of 25 and 22 of 26 (18 of the first 20; the previous model 23 and 18).
  Where it misses, the structure is usually wrong (a planned stretch read as open, a slot's end missed), so the wrong
  talk is counted.
- A sentence that carries on the advice before it in the same turn is advice, and how the speaker's own anecdote ended
  is the story (labels.md rule 9, `coach.classifier.carried_on`), but only by the labels the model read: a question
  after advice is read on its own ("Have you tried a discharge clinic? Like one afternoon a week?" counts a question
  as well as the advice), and a first-person statement after advice stays a story ("Try it. We did that after the
  pandemic."). The
  structure comes from rules over these labels (`coach.feedback.structure`), written on meetings from this project's
  writers, and two heads over the sentence encoder: calls for ideas (`models/ideas-calls`) and openings that announce
  a meeting planned throughout (`models/planned-openings`, strict: it found 6 of 9 such train and dev meetings and 2
  of 5 on test); read unseen, new writers' meetings lose most on open and planned time (modes right for 50-68% of
  turns before that head, 78% with it on the last six), which each writer announces in new words. Where members
  mostly advised and no planned time was found, the report asks rather than decides (`planned_time_check`): a meeting
  planned throughout and a set slipping into advice look alike from what members say.
"""


def render(directory: Path) -> str:
    config: dict[str, Any] = json.loads((directory / "config.json").read_text())
    metrics: dict[str, Any] = json.loads((directory / "metrics.json").read_text())
    lines = [f"# Model card: {config['name']} (version {config['version']})", ""]
    lines.append(f"Backend: `{config['backend']}`. Labels: {', '.join(config['labels'])}.")
    if "base_model" in config:
        lines.append(f"Base model: {config['base_model']}.")
    lines += [
        "",
        "Produced by `python -m training.workflow` (see README); figures by `python -m training.evaluate`.",
        "",
    ]
    training = {key: value for key, value in config.get("training", {}).items() if key != "calibration"}
    search = training.pop("search", None)
    lines += [DATA, "## Training settings", "", "```json", json.dumps(training, indent=1), "```", ""]
    if search:
        lines += _search_table(search)
    lines += ["## Results", ""] + ([CPU_NOTE, ""] if config["backend"] == "onnx" else [])
    for key, title in TEST_SETS.items():
        if key in metrics:
            lines += ["```", format_metrics(title, metrics[key]), "```", ""]
    if "leading" in metrics:
        leading = metrics["leading"]
        lines += [
            f"Advice dressed as a question (`leading`) on our test split: precision {leading['precision']:.3f}, "
            f"recall {leading['recall']:.3f} (n={leading['support']}).",
            "",
        ]
    for name, agreement in metrics.get("stripped_turn_agreement", {}).items():
        lines += [
            f"Caption-style copy of the {name} turns (lower case, no punctuation, split by the boundary tagger): "
            f"{agreement['same_label']} of {agreement['turns']} turns ({agreement['agreement']:.1%}) get the same "
            "label as the punctuated text.",
            "",
        ]
    sessions_path = directory / "sessions.json"
    if sessions_path.is_file():
        sessions = json.loads(sessions_path.read_text())
        lines += [
            "## Session figure: questioning ratio from predicted vs gold labels (our test split)",
            "",
            f"Over {sessions['sessions']} test conversations (`python -m training.evaluate_sessions`): mean absolute "
            f"difference {sessions['mean_absolute_difference']}, largest {sessions['max_absolute_difference']}; "
            f"{sessions['within_tolerance']} of {sessions['sessions']} sessions within {sessions['tolerance']}.",
            "",
        ]
        if "annomi_dev_test" in sessions:
            auc = sessions["annomi_dev_test"]
            lines += [
                f"Does the ratio tell good sessions from poor ones? On the {auc['transcripts']} AnnoMI dev and test "
                f"transcripts ({auc['low_quality']} rated low quality by experts), the ROC AUC of the members' "
                f"questioning ratio, high against low quality, is {auc['auc_model']} from this model's labels, "
                f"{auc['auc_codes']} from the experts' own codes and {auc['auc_guideline']} from the labels with "
                "the guideline annotators' labels winning where they disagree with the codes.",
                "",
            ]
    cv_path = directory / "annomi_cv.json"
    if cv_path.is_file():
        cv = json.loads(cv_path.read_text())
        lines += [
            f"Cross-validated (`python -m training.cross_validate_annomi`): over all {cv['transcripts']} AnnoMI "
            f"transcripts ({cv['low_quality']} low quality), each labelled by one of {cv['folds']} fine-tunes of an "
            "earlier recipe (before the form rules and before every AnnoMI train turn had its guideline label; five "
            "fine-tunes take two to four hours on 2 cores) that never saw it, the same AUC is "
            f"{cv['auc_model']} from the models' labels, {cv['auc_codes']} from the experts' codes and "
            f"{cv['auc_guideline']} from the guideline labels; the held-out turns' "
            f"six-label macro-F1 against the guideline labels is {cv['turns']['macro_f1']} (accuracy "
            f"{cv['turns']['accuracy']}).",
            "",
        ]
    roles_path = directory / "roles.json"
    if roles_path.is_file():
        roles = json.loads(roles_path.read_text())
        lines += ["## Roles inferred from this model's labels (`python -m training.evaluate_roles`)", ""]
        for name, result in roles.items():
            lines.append(
                f"- {name}: presenter and facilitator both right in {result['both_right']} of "
                f"{result['conversations']} conversations (presenter {result['presenter_right']}, facilitator "
                f"{result['facilitator_right']})."
            )
        lines.append("")
    meetings_path = directory / "meetings.json"
    if meetings_path.is_file():
        meetings = json.loads(meetings_path.read_text())
        lines += [
            "## A meeting's structure from this model's labels (`python -m training.evaluate_meetings`)",
            "",
            "Slots, phases and modes found by `coach.feedback.structure` in the annotated whole meetings "
            "(`data/annotated/meetings`), per split:",
            "",
            "| split | meetings | slots | presenter right | boundaries within 2 turns | phase right | mode right | "
            "members' ratio within 0.05 | the same, counted in annotated rows | read as one presenter's session |",
            "|---|---|---|---|---|---|---|---|---|---|",
        ]
        for split, m in meetings.items():
            cells = [split, m["meetings"], m["slots"], m["presenter_right"], m["boundaries_within_2_turns"]]
            cells += [m["phase_right"], m["mode_right"], m["ratio_within_0_05"], m["ratio_per_row_within_0_05"]]
            cells += [m["one_presenter_ratio_within_0_05"]]
            lines.append("| " + " | ".join(str(cell) for cell in cells) + " |")
        lines.append("")
    if "calibration" in config:
        chosen = config["calibration"]["chosen"]
        lines += [
            "## Calibration (`python -m training.calibrate`)",
            "",
            f"Advice log-odds bias {chosen['advice_bias']}, chosen on the dev splits (mean macro-F1 "
            f"{chosen['mean']} against {config['calibration']['unbiased']['mean']} unbiased): "
            f"`{json.dumps(config['calibration'])}`.",
            "",
            calibration_rule(config["calibration"]),
            "",
        ]
    parity_path = directory / "parity.json"
    if parity_path.is_file():
        parity = json.loads(parity_path.read_text())
        lines += ["## int8 vs fp32 vs PyTorch (our test split)", "", "| measure | value |", "|---|---|"]
        lines += [f"| {key} | {value} |" for key, value in parity.items()]
        lines.append("")
    if config["backend"] == "onnx":
        lines.append(SERVING)
    lines.append(LIMITS)
    return "\n".join(lines)


def _search_table(search: list[dict[str, Any]]) -> list[str]:
    """Which data mixture helped: every candidate the training search tried, scored on the dev splits."""
    lines = [
        "### Does each source help? (dev splits; chosen by the mean of the two)",
        "",
        "| corpora added to ours | corpus weight | our dev macro-F1 | MRDA dev macro-F1 | mean |",
        "|---|---|---|---|---|",
    ]
    for row in search:
        sources = " + ".join(row["sources"]) or "none (ours only)"
        lines.append(
            f"| {sources} | {row['corpus_weight']} | {row['ours_dev_macro_f1']:.3f} | "
            f"{row.get('mrda_dev_macro_f1', float('nan')):.3f} | {row['selection_score']:.3f} |"
        )
    return [*lines, ""]


def calibration_rule(calibration: dict[str, Any]) -> str:
    """How the bias was chosen: the best mean advice F1, held to a floor on MRDA's advice precision if any."""
    if "min_mrda_advice_precision" in calibration:
        floor = calibration["min_mrda_advice_precision"]
        if floor is None:
            return f"The best mean advice F1: no bias kept MRDA's dev advice precision at {MIN_MRDA_ADVICE_PRECISION}."
        return f"The best mean advice F1 among the biases that keep MRDA's dev advice precision at {floor} or more."
    return (
        "The best mean advice F1, chosen before `training.calibrate` held MRDA's dev advice precision at "
        f"{MIN_MRDA_ADVICE_PRECISION}: run today, it would choose another bias for this network (README, Results)."
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("model", type=Path)
    args = parser.parse_args()
    (args.model / "MODEL_CARD.md").write_text(render(args.model), encoding="utf-8")
    print(f"wrote {args.model / 'MODEL_CARD.md'}")


if __name__ == "__main__":
    main()
