"""The "start slowly" email sequence a customer receives after a paid order."""
