"""The project configuration: settings (read from the environment, only here), URLs, WSGI."""
