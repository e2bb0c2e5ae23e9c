"""The home page of each role (its work queues), the welcome page, the language choice, the health check."""
