"""`python -m competition worker`: the background worker (the honours outbox)."""

import sys

from competition.worker import main

if sys.argv[1:] != ["worker"]:
    sys.exit("usage: python -m competition worker")
main()
