"""Oscar's offers, forked so applying them to a basket costs no query per line or range (README "Speed")."""
