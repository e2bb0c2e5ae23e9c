"""What a candidate needs to get to their interview: when, where, how long, what to bring, and a calendar file."""
