"""`python -m saleor_returns_app <command>`: Django's management commands for this project."""

import os
import sys

from django.core.management import execute_from_command_line

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "saleor_returns_app.settings")
    execute_from_command_line(sys.argv)
