"""``python -m allies`` runs the command line."""

from allies.cli.app import main

if __name__ == "__main__":
    main()
