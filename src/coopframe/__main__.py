"""``python -m coopframe``: the ``coopframe`` command."""

from coopframe.cli import main

if __name__ == "__main__":
    main(prog_name="coopframe")
