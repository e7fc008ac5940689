"""Amity: a CRM for businesses whose customers live in many countries, languages and cultures."""

__version__ = "0.1.0"
