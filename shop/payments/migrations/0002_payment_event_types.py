"""The payment event types staff see in the order dashboard: Paid, and Refund (calls Stripe)."""

from django.db import migrations


def create_types(apps, schema_editor):
    PaymentEventType = apps.get_model("order", "PaymentEventType")
    SourceType = apps.get_model("payment", "SourceType")
    for code, name in (("paid", "Paid"), ("refund", "Refund")):
        PaymentEventType.objects.get_or_create(code=code, defaults={"name": name})
    SourceType.objects.get_or_create(code="stripe", defaults={"name": "Stripe"})


class Migration(migrations.Migration):
    dependencies = [
        ("payments", "0001_initial"),
        ("order", "0021_billingaddress_code_shippingaddress_code"),
        ("payment", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_types, migrations.RunPython.noop)]
