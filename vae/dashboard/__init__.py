"""The certifier's dashboard: where cases stand and how long each phase takes."""
