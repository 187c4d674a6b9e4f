"""Developer tooling, outside the installed product: the benchmark (`make bench`), screenshots
(`make screenshots`), the load test (`make loadtest`) and the browser helpers the tests share.
Run a tool as `python -m tests.tools.run bench|screenshots [options]`."""
