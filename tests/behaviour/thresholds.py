"""Failure-rate ceilings for the behavioural suite, per capability (the one place they are set).

These are ratchets: each is the rate the engine achieved when it was last set, rounded
up slightly.  When the engine improves, lower them to the new rate (rounded up a little);
never raise them to let a regression through.
"""

# first set on main 46ee39d: MFT 8.2 % (252/3089), INV 0.4 % (28/7316), DIR 9.4 % (206/2189) of 12,594 cases;
# lowered after the context cues, agent and lexicon work: MFT 3.4 % (104/3089), INV 0.3 % (22/7316),
# DIR 4.8 % (106/2189); lowered after the agent work on copulas, note style and field labels (acc-nl):
# MFT 1.6 % (50/3209), INV 0.3 % (24/7607), DIR 4.7 % (106/2279); lowered after the described-person,
# sentence-about-abuse and checklist work: MFT 0.4 % (13/3269), INV 0.3 % (24/7783), DIR 4.4 % (102/2339);
# lowered after the subjectless clause after a comma and the denied act (night of 2026-11-27):
# MFT 0.4 % (13/3269), INV 0.3 % (24/7783), DIR 3.4 % (79/2339); then the partner he hurt (MFT 0.2 %, 7/3269);
# her refusal as a noun (2026-11-28, evening): MFT 0.0 %; the object denied after the verb, an account
# reconciled, "let himself back in": DIR 1.3 %; advice to leave told as a relative's: DIR 0.0 %;
# first names that are words, known by the surname after them or the speech verb after both ("Grace
# Holt", "Rose Black has told me") (2026-11-28, late): INV 0.0 % (1/7783)
THRESHOLDS = {
    "MFT": 0.001,
    "INV": 0.001,
    "DIR": 0.002,
}
