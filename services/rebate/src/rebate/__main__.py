"""`python -m rebate worker`: the background worker (automatic runs)."""

import sys

from rebate.runs.worker import main

if sys.argv[1:] != ["worker"]:
    sys.exit("usage: python -m rebate worker")
main()
