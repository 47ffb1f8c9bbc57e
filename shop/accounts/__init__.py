"""Signing in: the user is loaded together with what the signed-in header shows."""
