"""`python -m model_claimcheck` runs the command line, like `python -m checker`."""

from checker.cli import main

if __name__ == "__main__":  # pragma: no cover
    main()
