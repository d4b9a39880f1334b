"""`python -m membership worker`: the background worker (member imports, organisation events)."""

import sys

from membership.worker import main

if sys.argv[1:] != ["worker"]:
    sys.exit("usage: python -m membership worker")
main()
