"""The outbox: a mail is rendered and queued in the transaction that causes it (queue.py), then sent
after the commit by `flask vae send-mail` (sending.py, through mailer.py)."""
