"""Rasa's command line with Shopmind's serving fixes installed first.

    python serve.py run --enable-api --model ...   (the same arguments as ``rasa``)

Run with ``dialog/rasa`` as the working directory and on ``PYTHONPATH`` (``RasaServer`` does).
"""

import sys

import action_validation

if __name__ == "__main__":
    action_validation.install()
    from rasa.__main__ import main

    sys.exit(main())
