"""Oscar's catalogue app, forked for a product page that costs fewer queries."""
