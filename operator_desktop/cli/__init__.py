"""The command line: the `operator-desktop` console script and its subcommands."""
