"""Security machinery shared by every page: headers, request ids and structured logs,
sign-in throttling, password rules, upload hygiene, the audit journal page."""
