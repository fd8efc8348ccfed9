"""How a command ends: its exit code, and the mistake on the command line that ends it with 2.

0 success, 1 errors in the input (or a failed build), 2 usage, configuration
or internal error; a signal's codes are what a shell reports for a program
the signal killed (128 + its number).
"""

EXIT_OK = 0
EXIT_ERRORS = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT
# What a shell reports for a program killed by SIGPIPE (128 + 13): the reader stopped reading.
EXIT_BROKEN_PIPE = 141
EXIT_TERMINATED = 143  # 128 + SIGTERM


class UsageError(Exception):
    """A mistake in the command line's arguments: usage and the message are printed, and the exit code is 2."""
