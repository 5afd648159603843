"""How close a figure measured now must come to the one recorded beside a shipped model.

The int8 models run on ONNX Runtime's integer kernels, and which kernels run depends on the CPU: with AVX-512 VNNI the
8-bit products are summed exactly, with AVX2 alone they can saturate, so a few utterances get another label. The
figures in ``models/`` were recorded on a CPU without VNNI; on one with it (an AMD EPYC with ``avx512_vnni``, the same
installs) the AnnoMI test transcripts scored 0.652 against 0.654 recorded, the boundary tagger 0.516 against 0.508 on
our test turns, and two of the 20 test meetings' ratios crossed the 0.05 line. The floors in each test guard the
quality; these tolerances only catch recorded figures that no longer belong to the shipped model.
"""

#: A macro-F1 or F1 over hundreds of utterances or boundaries.
F1 = 0.01
#: A share of turns or slots of the test meetings (phases, modes, boundaries).
TURN_SHARE = 0.02
#: A share of the 20 test meetings (whose ratio is within 0.05 of the annotated one): two meetings.
MEETING_SHARE = 0.1
