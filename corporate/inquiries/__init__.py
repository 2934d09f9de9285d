"""The inquiry (commissioning request) form of the contact page: form building, validation,
rate limiting, reference numbers and the notification e-mail."""
