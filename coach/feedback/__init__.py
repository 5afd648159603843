"""Predictions in, figures and feedback out: pure functions, no IO.

``session`` labels a transcript once (:func:`~coach.feedback.session.label_session`); ``roles`` works out who is who;
``metrics`` computes one figure per function; ``report`` assembles them with plain-words feedback; ``render_text`` and
``render_html`` present the report; ``rephrase`` and ``practice`` help a trainee ask openly; ``live`` keeps a live
session's state.
"""
