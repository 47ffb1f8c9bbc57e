"""Shop-wide events that cross app boundaries (payments → onboarding, article).

Each is sent only after the database transaction that made it true has committed
(`transaction.on_commit`), so receivers may enqueue Celery tasks directly.
"""

from django.dispatch import Signal

# An order's payment was confirmed and recorded: sent once per order, with order=.
order_paid = Signal()

# Money was returned to the customer for an order: sent with order=, amount= (Decimal).
order_refunded = Signal()

# A pending or paid order was cancelled: sent with order=.
order_cancelled = Signal()
