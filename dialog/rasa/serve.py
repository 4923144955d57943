"""Rasa's command line with Shopmind's serving fixes installed first.

    python serve.py run --enable-api --model ...   (the same arguments as ``rasa``)

Run with ``dialog/rasa`` as the working directory and on ``PYTHONPATH`` (``RasaServer`` does).
For ``run``, the HTTP API's JWT secret comes from ``SHOPMIND_RASA_JWT_SECRET`` in the
environment and is added to the arguments here, in-process, so that it never shows in the
process list (``ps`` shows the command line the process was started with).
"""

import os
import sys

import action_validation

SECRET_VARIABLE = "SHOPMIND_RASA_JWT_SECRET"  # as in channel.py

if __name__ == "__main__":
    action_validation.install()
    secret = os.environ.get(SECRET_VARIABLE)
    if secret and len(sys.argv) > 1 and sys.argv[1] == "run":
        # one token, "=" joined: a secret starting with "-" must not read as an option
        sys.argv += [f"--jwt-secret={secret}", "--jwt-method", "HS256"]
    from rasa.__main__ import main

    sys.exit(main())
