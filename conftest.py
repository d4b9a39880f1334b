"""Settings for the whole test suite."""

from hypothesis import settings

# Property tests assert properties, not speed (speed is measured in bench/): hypothesis's
# default 200 ms deadline per example fails them whenever the machine is busy.
settings.register_profile("suite", deadline=None)
settings.load_profile("suite")
