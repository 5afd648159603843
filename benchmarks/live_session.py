"""Time a live session's bookkeeping per utterance as a meeting grows (``coach.feedback.live.LiveSession``).

    python -m benchmarks.live_session [--utterances 2000] [--presenters 3]

The meeting is ``benchmarks.analyze_session``'s synthetic one, labelled by the shipped model up front, so that only
what the live route does after the model is timed: each turn added (roles and the meeting's structure read again over
everything said so far, the nudge) and the rolling figures. Prints the median time per turn near a few points of the
meeting, and the slots found at its end.
"""

from __future__ import annotations

import argparse
import statistics
import time

from benchmarks.analyze_session import source_conversations, synthetic_turns
from coach.classifier import Coach
from coach.feedback.live import LiveSession

#: Turns either side of a point whose times make its median.
AROUND = 20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--utterances", type=int, default=2000, help="meeting size (default: 2000)")
    parser.add_argument("--presenters", type=int, default=3, help="presenters' slots (default: 3)")
    parser.add_argument("--model", help="model name or path (default: the best shipped model)")
    args = parser.parse_args()

    turns = list(synthetic_turns(source_conversations(), args.utterances, args.presenters))
    predictions = Coach.load(args.model).classify([turn["text"] for turn in turns])
    session = LiveSession(nudge_interval=60.0)
    seconds: list[float] = []
    said: list[int] = []
    for turn, prediction in zip(turns, predictions, strict=True):
        started = time.perf_counter()
        session.add(prediction, turn["speaker"], None, turn["start"], turn["start"])
        session.figures()
        seconds.append(time.perf_counter() - started)
        said.append(len(session.utterances))
    for point in sorted({len(turns) // 10, len(turns) // 2, len(turns) - 1}):
        around = seconds[max(0, point - AROUND) : point + AROUND + 1]
        print(f"after {said[point]:5d} utterances: {statistics.median(around) * 1000:6.1f} ms per turn (median)")
    print(f"whole meeting: {len(turns)} turns in {sum(seconds):.1f} s")
    print(f"slots found:   {', '.join(presenter for presenter, _, _ in session.meeting_slots)}")


if __name__ == "__main__":
    main()
