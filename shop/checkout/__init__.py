"""Oscar's checkout, forked for the Stripe payment step."""
