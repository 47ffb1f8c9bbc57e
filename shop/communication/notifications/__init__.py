"""Oscar's notifications, as the shop's page header counts them."""
