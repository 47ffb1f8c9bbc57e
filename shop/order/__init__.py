"""Oscar's order app, forked so dashboard refunds and cancellations go through Stripe."""
