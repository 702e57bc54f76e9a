"""Failure-rate ceilings for the behavioural suite, per capability (the one place they are set).

These are ratchets: each is the rate the engine achieved when it was last set, rounded
up slightly.  When the engine improves, lower them to the new rate (rounded up a little);
never raise them to let a regression through.
"""

# set on the engine of main 46ee39d and re-checked on 5dcd4b7 (merged; unchanged): MFT 8.2 % (252/3089), INV 0.4 % (28/7316),
# DIR 9.4 % (206/2189) of 12,594 cases
THRESHOLDS = {
    "MFT": 0.090,
    "INV": 0.005,
    "DIR": 0.100,
}
