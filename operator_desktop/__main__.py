"""`python -m operator_desktop` runs the console script."""

import sys

from operator_desktop.main import main

sys.exit(main())
