"""The ``coach`` command line: a thin edge over the library. Only this package prints and picks exit codes."""
