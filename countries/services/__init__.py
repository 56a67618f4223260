"""Writes of the country profiles (one module per topic)."""
