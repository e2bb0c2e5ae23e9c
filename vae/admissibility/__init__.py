"""The certifier admin: admissibility rulings and mentor assignment."""
