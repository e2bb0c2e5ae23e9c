"""The open API (/api/v1): OpenAPI 3.1, bearer tokens, problem+json, webhooks. See docs/api.md."""
