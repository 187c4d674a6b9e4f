"""python -m tests.tools.run TOOL [options]: a developer tool (a Django command kept out of the
installed product) run with the project's settings."""

import importlib
import os
import sys

import django


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kennisbank.config.settings.base")
    django.setup()
    name = sys.argv[1]
    command = importlib.import_module(f"tests.tools.{name}").Command()
    command.run_from_argv([sys.argv[0], name, *sys.argv[2:]])


if __name__ == "__main__":
    main()
