"""The frozen app's entry script: PyInstaller starts here (the console script's `main`)."""

import sys

from operator_desktop.main import main

sys.exit(main())
