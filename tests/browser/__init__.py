"""Browser tests: the web pages at ``/``, ``/live`` and ``/practice`` driven through headless Chromium."""
