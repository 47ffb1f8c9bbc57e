"""Staff pages in Oscar's dashboard: an order's onboarding emails, previews, resends, failures."""
