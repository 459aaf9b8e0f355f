"""Measures computed from the store: profiles now; similarity, ideal points and balance next."""
