"""The command line's exit statuses, defined once for every command."""

EXIT_OK = 0  # success
EXIT_INVALID = 1  # `validate` found something invalid
EXIT_USAGE = 2  # a usage error, or a file that cannot be read
EXIT_STOPPED = 130  # Ctrl+C
