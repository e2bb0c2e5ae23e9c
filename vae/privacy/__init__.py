"""Personal data (GDPR): a person's export of everything held about them, and the
retention sweep that erases abandoned cases' personal data."""
