"""Shop-wide events that cross app boundaries (payments → onboarding, article).

Each is sent inside the database transaction that makes it true, so what a receiver
stores (an email schedule, a queued email) commits or rolls back with it and cannot be
lost in between. Receivers defer effects outside the database (Celery tasks, cache
invalidation) with `transaction.on_commit`.
"""

from django.dispatch import Signal

# An order's payment was confirmed and is being recorded: sent once per order, with order=.
order_paid = Signal()

# Money was returned to the customer for an order: sent with order=, amount= (Decimal).
order_refunded = Signal()

# A pending or paid order was cancelled: sent with order=.
order_cancelled = Signal()
