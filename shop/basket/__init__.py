"""Oscar's basket, forked so a basket with lines loads in one query (README "Speed")."""
