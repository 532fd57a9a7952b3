"""``python -m publisher.cli``: the ``lodpub`` command."""

import sys

from publisher.cli import main

sys.exit(main())
